namespace Iq.Tests;

/// <summary>Tests that need a tool nobody here wrote (sshd, visudo, oscap, lynis): outside CI they skip with a message
/// naming what to install; in CI (CI=true) a missing tool fails, since ./test installs it.</summary>
static class Requires
{
    public static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static string Tool(string name, string package)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]);
        var path = dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        if (path is null)
        {
            var message = $"{name} is not installed (./test installs the Debian package {package})";
            if (InCi) Assert.Fail(message);
            Skip.If(true, message + "; skipped");
        }
        return path!;
    }

    /// <summary>Runs a tool with LC_ALL=C; its exit code, stdout and stderr.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string tool, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000)) { p.Kill(true); throw new TimeoutException($"{tool} did not finish in 300 s"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
