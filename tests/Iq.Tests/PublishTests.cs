using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>Publishes the self-contained single-file iq once per test run (the linux-x64 profile, without ReadyToRun to
/// spare CI time: it precompiles the same code) and runs it in a clean environment: no DOTNET_ROOT, no dotnet on PATH,
/// an empty HOME. It must probe, audit against the checklists it carries, compile a checklist's C# scripts (Roslyn in a
/// single file) and run a model (ONNX Runtime's native library from the bundle).</summary>
public sealed class PublishedBinary : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("iq-publish-").FullName;
    public string Iq => Path.Combine(Dir, "out", "iq");
    public string Log { get; }
    public int ExitCode { get; }
    readonly string _bin;

    public PublishedBinary()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(TestPaths.RepoRoot, "engine", "Iq.Cli", "Iq.Cli.csproj"), "-p:PublishProfile=linux-x64",
                     "-p:PublishReadyToRun=false", $"-p:PublishDir={Path.Combine(Dir, "out")}/", "-nologo", "-v", "q" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(1_200_000)) { p.Kill(entireProcessTree: true); ExitCode = -1; }
        else ExitCode = p.ExitCode;
        Log = stdout.Result + stderr.Result;
        // A PATH without dotnet: every tool of /usr/bin and /bin but it, as links in a folder of our own.
        _bin = Path.Combine(Dir, "bin");
        Directory.CreateDirectory(_bin);
        foreach (var folder in new[] { "/usr/bin", "/bin", "/usr/sbin", "/sbin" }.Where(Directory.Exists))
            foreach (var tool in Directory.GetFiles(folder))
            {
                var link = Path.Combine(_bin, Path.GetFileName(tool));
                if (Path.GetFileName(tool) != "dotnet" && !File.Exists(link) && !Directory.Exists(link)) File.CreateSymbolicLink(link, tool);
            }
    }

    /// <summary>Runs the published iq with nothing of .NET in its environment.</summary>
    public CliRunner.Run Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Iq) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Dir };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        psi.Environment["PATH"] = _bin;
        psi.Environment["HOME"] = Path.Combine(Dir, "home");
        psi.Environment["IQ_SCRIPT_CACHE"] = Path.Combine(Dir, "scripts");
        Directory.CreateDirectory(Path.Combine(Dir, "home"));
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException("published iq did not finish"); }
        return new CliRunner.Run(p.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public class PublishTests(PublishedBinary published) : IClassFixture<PublishedBinary>
{
    void Published() => Assert.True(published.ExitCode == 0 && File.Exists(published.Iq), "dotnet publish failed:\n" + published.Log);

    [Fact]
    public void The_publish_is_one_file()
    {
        Published();
        Assert.Equal(["iq"], Directory.GetFiles(Path.GetDirectoryName(published.Iq)!).Select(Path.GetFileName));
        var version = published.Run("--version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.", version.Stdout);
    }

    [Fact]
    public void It_probes_and_audits_without_dotnet()
    {
        Published();
        var probe = published.Run("probe", "--out", "facts/");
        Assert.True(probe.ExitCode == 0, probe.Stdout + probe.Stderr);
        Assert.Contains("facts/environment.json", probe.Stdout + probe.Stderr); // the folder as given, no "facts//"
        Assert.DoesNotContain("//", probe.Stdout + probe.Stderr);
        var env = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Dir, "facts", "environment.json")))!;
        Assert.True((double)env["facts"]!["cpu"]!["logical_cores"]! >= 1);
        // The bundled checklist comes out of the binary itself.
        var audit = published.Run("audit", "--out", "report", "-q");
        Assert.True(audit.ExitCode is 0 or 1, audit.Stdout + audit.Stderr);
        Assert.Matches(@"Verdict: (PASS|FAIL|INCOMPLETE)", audit.Stdout);
        Assert.True(File.Exists(Path.Combine(published.Dir, "report", "scorecard.xlsx")));
        Assert.Equal("gbt-aimd-iq", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(published.Dir, "report", "results.json")))!["checklist"]!["id"]!);
    }

    [Fact]
    public void It_audits_the_compliant_sample_to_a_pass_without_dotnet()
    {
        Published();
        var sample = Path.Combine(TestPaths.Checklists, "samples", "compliant");
        var audit = published.Run("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", sample, "--as-of", "2026-11-22",
            "--json", "compliant.json", "--lang", "zh");
        Assert.True(audit.ExitCode == 0, audit.Stdout + audit.Stderr);
        Assert.Contains("结论：通过", audit.Stdout);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Dir, "compliant.json")))!;
        Assert.Equal("pass", (string)results["verdict"]!);
        // The sample's seals hold in the published binary too: no row rests on the vendor's word alone.
        Assert.DoesNotContain("not sealed", audit.Stdout + audit.Stderr);
    }

    [Fact]
    public void It_compiles_scripts_and_runs_a_model_from_inside_the_single_file()
    {
        Published();
        var scripts = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "tailoring", "scripts.iq");
        var check = published.Run("check", scripts, "--allow-scripts");
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        var model = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "baseline", "cls", "classifier.onnx");
        var baseline = published.Run("baseline", model, "--synthetic", "--iterations", "5", "--warmup", "1", "--concurrency", "1", "--out", "bl");
        Assert.True(baseline.ExitCode == 0, baseline.Stdout + baseline.Stderr);
        Assert.Equal("cpu", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(published.Dir, "bl", "baseline.json")))!["facts"]!["provider"]!);
    }
}
