using System.Diagnostics;

namespace Iq.Tests;

/// <summary>Runs the iq CLI: in process through <c>Program.Run</c> (fast), or as a real process (crash-proof checks).</summary>
static class CliRunner
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static Run InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Iq.Cli.Program.Run(args, stdout, stderr);
        ResultsSchemaCheck.ValidateOutputs(args);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    public static Run Process(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "iq.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("IQ_DEBUG");
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("iq did not finish in 120 s");
        }
        ResultsSchemaCheck.ValidateOutputs(args);
        return new Run(p.ExitCode, stdout.Result, stderr.Result);
    }
}
