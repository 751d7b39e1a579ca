using System.Diagnostics;
using System.Text.Json.Nodes;
using Iq.Rules.Messages;

namespace Iq.Engine.Probes;

/// <summary>The result of running a tool; <see cref="NotRun"/> says why it did not run, when it did not.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Why the tool did not run (not installed: absent; could not start, timed out: an error); null when it ran.</summary>
    public ProbeGap? NotRun { get; init; }

    public static CommandResult Missing(ProbeGap why) => new(-1, "", "") { NotRun = why };
}

/// <summary>Why a probe has no value: what it looks for is not there (<see cref="IsError"/> false: a tool not
/// installed, a file that does not exist), or it could not read what is there (a tool failed or hung, a file is
/// malformed). Written into the fact document as <c>{"$absent": why}</c> or <c>{"$error": why}</c>.</summary>
public sealed record ProbeGap(bool IsError, Iq.Rules.Messages.MessageText Text)
{
    public static ProbeGap Absent(Iq.Rules.Messages.MessageText reason) => new(false, reason);
    public static ProbeGap Error(Iq.Rules.Messages.MessageText reason) => new(true, reason);

    /// <summary>The reason in English, for reasons that quote it.</summary>
    public string Reason => Text.ToString();

    public JsonObject ToFact() => IsError ? Fact.Error(Text) : Fact.Absent(Text);
}

/// <summary>Runs a tool without a shell (arguments passed as a list, nothing interpolated), with a timeout after
/// which the process tree is killed. A tool that is not installed or that hangs is a result, not an exception.</summary>
public static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(ProbeContext ctx, string tool, IReadOnlyList<string> args, CancellationToken cancel = default)
    {
        if (ctx.Which(tool) is not { } path) return CommandResult.Missing(ProbeGap.Absent(Msg.ToolNotFound.With(tool)));
        var psi = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var process = new Process { StartInfo = psi };
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e) { return CommandResult.Missing(ProbeGap.Error(Msg.ToolCannotStart.With(tool, e.Message))); }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(ctx.CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return CommandResult.Missing(ProbeGap.Error(Msg.ToolTimedOut.With(tool, ctx.CommandTimeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))));
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
