using System.Diagnostics;

namespace Iq.Engine.Probes;

/// <summary>The result of running a tool.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a tool without a shell (arguments passed as a list, nothing interpolated), with a timeout after
/// which the process tree is killed. A tool that is not installed or that hangs is an outcome, not an exception.</summary>
public static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(ProbeContext ctx, string tool, IReadOnlyList<string> args, CancellationToken cancel = default)
    {
        var path = ctx.Which(tool) ?? throw new ProbeAbsentException($"{tool}: not found on the search path");
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
        catch (System.ComponentModel.Win32Exception e) { throw new ProbeErrorException($"{tool}: cannot start: {e.Message}"); }
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
            throw new ProbeErrorException($"{tool}: timed out after {ctx.CommandTimeout.TotalSeconds:0.#} s");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What a probe looks for is not there (a tool not installed, a file that does not exist).</summary>
public sealed class ProbeAbsentException(string reason) : Exception(reason);

/// <summary>A probe could not read what is there (a tool failed or hung, a file is malformed).</summary>
public sealed class ProbeErrorException(string reason) : Exception(reason);
