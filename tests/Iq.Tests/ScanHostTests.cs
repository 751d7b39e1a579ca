using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>A security scan imported into a bundle names the machine it scanned (Lynis's <c>hostname=</c>, OpenSCAP's
/// target); one of another machine does not speak for the installed host, as no measured document of another host does
/// (findings, <c>host_mismatch</c>, docs/results.md). Was: counted as this host's scan, its rows passing on it.</summary>
public sealed class ScanHostTests : IDisposable
{
    readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_lynis_report_of_another_host_is_a_host_mismatch()
    {
        var bundle = FleetTests.CopyBundle("compliant", Path.Combine(_dir.Path, "b"));
        File.Delete(Path.Combine(bundle, "security_scans.json"));
        File.Delete(Path.Combine(bundle, "security_scans.json.seal"));
        // A real report (Lynis 3.0.8 on a Debian 12 VM, hostname=vm); the bundle's host is gpu-node-01.
        var lynis = Path.Combine(TestPaths.Cases, "scans", "lynis-report.dat");
        Assert.Contains("hostname=vm", File.ReadAllLines(lynis));
        var imported = CliRunner.InProcess("scans", lynis, "--tz", "UTC", "--out", bundle);
        Assert.True(imported.ExitCode == 0, imported.Stdout + imported.Stderr);

        var json = Path.Combine(_dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", bundle, "--json", json, "--lang", "en");
        Assert.True(run.ExitCode is 0 or 1, run.Stdout + run.Stderr);
        var results = JsonNode.Parse(File.ReadAllText(json))!;
        var finding = Assert.Single(results["findings"]!.AsArray(), f => (string?)f!["kind"] == "host_mismatch");
        Assert.Equal(("gpu-node-01", "vm"), ((string?)finding!["first"], (string?)finding["second"]));
        // The documents as the audit was given them (an absolute --facts here), ending in the bundle folder b.
        Assert.Equal(["b/environment.json", "b/security_scans.json"], finding["documents"]!.AsArray().Select(d => string.Join("/", ((string)d!).Split('/')[^2..])).ToArray());
    }

    [Fact]
    public void A_scan_of_the_bundles_own_host_by_its_short_name_is_no_mismatch()
    {
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", Path.Combine(TestPaths.Checklists, "samples", "compliant"),
            "--as-of", "2026-11-22", "--json", Path.Combine(_dir.Path, "r.json"), "--lang", "en");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("host_mismatch", File.ReadAllText(Path.Combine(_dir.Path, "r.json")));
    }
}
