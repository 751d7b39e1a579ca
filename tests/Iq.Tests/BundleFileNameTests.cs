namespace Iq.Tests;

/// <summary>What a fact bundle reads (docs/facts.md): every file named <c>*.json</c>, hidden ones included; a document named
/// <c>.JSON</c> or <c>.Json</c> is refused by name, exit 2, nothing written, never left out unseen (on Linux the case-sensitive
/// <c>*.json</c> would skip it and audit without its evidence).</summary>
public sealed class BundleFileNameTests : IDisposable
{
    readonly TempDir _dir = new();
    string P(string name) => Path.Combine(_dir.Path, name);

    public void Dispose() => _dir.Dispose();

    CliRunner.Run Audit(string bundle) =>
        CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", bundle, "--as-of", "2026-11-22", "--json", P("out.json"));

    [Theory]
    [InlineData("plan.JSON")]
    [InlineData("plan.Json")]
    [InlineData("environment.jSoN")]
    public void A_document_named_json_in_another_case_refuses_the_bundle_by_name(string renamed)
    {
        var bundle = FleetTests.CopyBundle("compliant", P("b"));
        var original = renamed[..renamed.IndexOf('.')] + ".json";
        File.Move(Path.Combine(bundle, original), Path.Combine(bundle, renamed));
        var run = Audit(bundle);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"{bundle}/{renamed}:1:1: error IQ4003: named like a fact document, but its extension is not lower-case .json, and a bundle reads only *.json (case matters): rename it {original} or move it out of the bundle", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(P("out.json")));
    }

    /// <summary>A hidden file is read like any other: a second plan document hidden beside plan.json is the duplicate it is.</summary>
    [Fact]
    public void A_hidden_document_is_read_not_skipped()
    {
        var bundle = FleetTests.CopyBundle("compliant", P("b"));
        File.Copy(Path.Combine(bundle, "plan.json"), Path.Combine(bundle, ".plan.json"));
        var run = Audit(bundle);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("Second 'plan' document in the bundle", run.Stderr);
    }

    /// <summary>Other names are not documents and do not stop the audit: seals, notes, backups.</summary>
    [Fact]
    public void Files_not_named_json_are_not_documents()
    {
        var bundle = FleetTests.CopyBundle("compliant", P("b"));
        File.WriteAllText(Path.Combine(bundle, "README.txt"), "notes");
        File.WriteAllText(Path.Combine(bundle, "plan.json.bak"), "{");
        var run = Audit(bundle);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
    }
}
