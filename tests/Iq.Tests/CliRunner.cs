using System.Diagnostics;

namespace Iq.Tests;

/// <summary>Runs the iq CLI: in process through <c>Program.Run</c> (fast; English, no colour, no locale read), or as a real
/// process (crash-proof checks, terminals, signals).</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>In process, with an empty environment: messages in English unless --lang says otherwise.</summary>
    public static Run InProcess(params string[] args) => InProcessWith(new Iq.Cli.Program.RunOptions { Environment = _ => null }, args);

    public static Run InProcessWith(Iq.Cli.Program.RunOptions options, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Iq.Cli.Program.Run(args, stdout, stderr, options);
        ResultsSchemaCheck.ValidateOutputs(args);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    public static Run Process(params string[] args) => ProcessWith(new Dictionary<string, string?>(), args);

    /// <summary>A real <c>dotnet iq.dll</c> process, stdout and stderr redirected; <paramref name="environment"/> is applied
    /// over this process's (null removes a variable).</summary>
    public static Run ProcessWith(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(IqDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("IQ_DEBUG");
        foreach (var (k, v) in environment)
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
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

    public static string IqDll => Path.Combine(AppContext.BaseDirectory, "iq.dll");
}
