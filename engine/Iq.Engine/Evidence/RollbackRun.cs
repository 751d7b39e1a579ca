using Iq.Rules.Messages;
using System.Diagnostics;

namespace Iq.Engine.Evidence;

/// <summary>The vendor's rollback command as iq ran and timed it: how long it took, and how it ended.</summary>
public sealed record RollbackRun(TimeSpan Elapsed, int? ExitCode, MessageText? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>Runs <paramref name="command"/> (no shell: the first word is the program, the rest its arguments) and times
    /// it from start to exit; its output goes to <paramref name="output"/>. A program that cannot start is bad input; one
    /// that fails or outlives <paramref name="timeout"/> (then killed with its children) is a result, so the document can
    /// say so.</summary>
    public static RollbackRun Run(IReadOnlyList<string> command, TimeSpan timeout, TextWriter output, CancellationToken cancel = default)
    {
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0])) throw new EvidenceInputException(Msg.RollbackNoCommand.Text);
        var psi = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        var clock = Stopwatch.StartNew();
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e) { throw new EvidenceInputException(Msg.RollbackCannotStart.With(command[0], e.Message)); }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        try { process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult(); }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            var elapsed = clock.Elapsed;
            return new RollbackRun(elapsed, null, cancel.IsCancellationRequested ? Msg.RollbackInterrupted.Text
                : Msg.RollbackTimedOut.With(timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));
        }
        var time = clock.Elapsed;
        process.WaitForExit(); // the output readers drain
        return new RollbackRun(time, process.ExitCode, process.ExitCode == 0 ? null : Msg.RollbackExited.With(process.ExitCode));
    }
}
