using Iq.Rules.Messages;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Iq.Engine.Evidence;

/// <summary>A process the rollback command started that was still running when the command ended.</summary>
public sealed record LeftProcess(int Pid, string Command);

/// <summary>The vendor's rollback command as iq ran and timed it: how long it took, how it ended, and the processes it left
/// running.</summary>
public sealed record RollbackRun(TimeSpan Elapsed, int? ExitCode, MessageText? Failure)
{
    /// <summary>The variable iq puts in the command's environment, with a value of this run's own: every process the
    /// command starts inherits it (unless it clears its environment), which is how the ones left running are found even
    /// after they leave the process tree (a <c>&amp;</c> in a shell script: re-parented to init).</summary>
    public const string MarkVariable = "IQ_ROLLBACK_RUN";

    /// <summary>Processes the command started that were still running after it exited, found by <see cref="MarkVariable"/>.
    /// They are left running (a rollback may start the service it restores) and recorded: the time measured is the
    /// command's, and work still going on in the background is not in it. After a timeout or an interrupt they are stopped
    /// with the command, and listed here too.</summary>
    public IReadOnlyList<LeftProcess> LeftRunning { get; init; } = [];

    public bool Succeeded => Failure is null;

    /// <summary>Runs <paramref name="command"/> (no shell: the first word is the program, the rest its arguments) and times
    /// it from start to the exit of the program itself (not to the end of its output: a process it left in the background
    /// may hold the output open for hours); its output goes to <paramref name="output"/>. A program that cannot start is bad
    /// input; one that fails or outlives <paramref name="timeout"/> (then killed with its children) is a result, so the
    /// document can say so.</summary>
    public static RollbackRun Run(IReadOnlyList<string> command, TimeSpan timeout, TextWriter output, CancellationToken cancel = default)
    {
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0])) throw new EvidenceInputException(Msg.RollbackNoCommand.Text);
        var mark = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var psi = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment[MarkVariable] = mark;
        // Not disposed: disposing closes the output pipes, which a process left running may still hold open (the readers
        // end when it does).
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
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
        // The program's own exit, not the end of its output (Process.WaitForExitAsync waits for both).
        try { exited.Task.Wait(limit.Token); }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            var elapsed = clock.Elapsed;
            // Stopped means stopped: the ones that already left the tree too.
            var stopped = Marked(mark);
            foreach (var p in stopped) Kill(p.Pid);
            return new RollbackRun(elapsed, null, cancel.IsCancellationRequested ? Msg.RollbackInterrupted.Text
                : Msg.RollbackTimedOut.With(timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))) { LeftRunning = stopped };
        }
        var time = clock.Elapsed;
        // The program's output is read to its end, for a second at most: something it left running may hold the pipes open.
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            try { process.WaitForExitAsync(drain.Token).GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { }
        }
        return new RollbackRun(time, process.ExitCode, process.ExitCode == 0 ? null : Msg.RollbackExited.With(process.ExitCode)) { LeftRunning = Marked(mark) };
    }

    /// <summary>The running processes whose environment holds this run's mark (those of this user: another user's
    /// environment cannot be read, and a rollback's processes run as the user who ran iq unless they change it).</summary>
    static List<LeftProcess> Marked(string mark)
    {
        var found = new List<LeftProcess>();
        if (!OperatingSystem.IsLinux()) return found;
        var wanted = System.Text.Encoding.ASCII.GetBytes($"{MarkVariable}={mark}");
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories("/proc").Take(100_000).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return found; }
        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (!Holds(environ, wanted)) continue;
                var cmdline = File.ReadAllBytes(Path.Combine(dir, "cmdline"));
                // A zombie (exited, not yet reaped) has no command line and runs nothing.
                if (cmdline.Length == 0) continue;
                var text = System.Text.Encoding.UTF8.GetString(cmdline).TrimEnd('\0').Replace('\0', ' ');
                found.Add(new LeftProcess(pid, text.Length > 200 ? text[..200] + "…" : text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>Whether one NUL-separated entry of <paramref name="environ"/> is exactly <paramref name="entry"/>.</summary>
    static bool Holds(byte[] environ, byte[] entry)
    {
        var span = environ.AsSpan();
        while (span.Length > 0)
        {
            var end = span.IndexOf((byte)0);
            var one = end < 0 ? span : span[..end];
            if (one.SequenceEqual(entry)) return true;
            span = end < 0 ? [] : span[(end + 1)..];
        }
        return false;
    }

    static void Kill(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }
}
