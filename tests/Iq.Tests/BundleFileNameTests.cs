using Iq.Engine.Audit;

namespace Iq.Tests;

/// <summary>What a fact bundle reads (docs/facts.md): every file named <c>*.json</c>, hidden ones included; a document named
/// <c>.JSON</c> or <c>.Json</c> is refused by name, exit 2, nothing written, never left out unseen (on Linux the case-sensitive
/// <c>*.json</c> would skip it and audit without its evidence). The same names are refused by every command that lists a
/// bundle folder: <c>iq fleet run</c>, the TLS probe's plan scan (<c>iq audit --probe</c>), <c>iq seal DIR</c>,
/// <c>iq redact</c>.</summary>
public sealed class BundleFileNameTests : IDisposable
{
    const string Refused = "error IQ4003: named like a fact document, but its extension is not lower-case .json";
    readonly TempDir _dir = new();
    string P(string name) => Path.Combine(_dir.Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    CliRunner.Run Audit(string bundle) =>
        CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", bundle, "--as-of", "2026-11-22", "--json", P("out.json"));

    /// <summary>Every file under a folder with its bytes, to show a refusal changed nothing.</summary>
    static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

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

    /// <summary>A folder whose only documents are named <c>.JSON</c> is a bundle to the fleet: found, refused by name and
    /// recorded as not evaluable (was: not found, so the fleet passed without a word of it).</summary>
    [Fact]
    public void A_fleet_finds_a_folder_of_json_named_in_another_case_and_records_its_refusal()
    {
        var root = P("fleet");
        FleetTests.CopyBundle("compliant", Path.Combine(root, "hospital-a"));
        var b = Directory.CreateDirectory(Path.Combine(root, "hospital-b")).FullName;
        File.Copy(Path.Combine(TestPaths.Checklists, "samples", "compliant", "environment.json"), Path.Combine(b, "environment.JSON"));
        var db = P("results.db");
        var run = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01");
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("could not be evaluated 1", run.Stdout);
        Assert.Equal(2, FleetTests.Scalar(db, "SELECT COUNT(*) FROM audits"));
        Assert.Equal(1, FleetTests.Scalar(db, $"SELECT COUNT(*) FROM audits WHERE status = 'failed' AND error LIKE '%{b}/environment.JSON%IQ4003%'"));
    }

    /// <summary>A <c>.JSON</c> added to a bundle the fleet evaluated before is part of its key: the re-run evaluates it again
    /// and refuses it, rather than skipping it as unchanged and keeping the old pass.</summary>
    [Fact]
    public void A_json_in_another_case_added_to_an_evaluated_bundle_is_not_skipped_by_the_rerun()
    {
        var root = P("fleet");
        var a = FleetTests.CopyBundle("compliant", Path.Combine(root, "hospital-a"));
        var db = P("results.db");
        var first = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01");
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        File.Copy(Path.Combine(a, "plan.json"), Path.Combine(a, "extra.JSON"));
        var again = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01");
        Assert.True(again.ExitCode == 2, again.Stdout + again.Stderr);
        Assert.Contains("skipped 0", again.Stdout);
        Assert.Equal(1, FleetTests.Scalar(db, $"SELECT COUNT(*) FROM audits WHERE status = 'failed' AND error LIKE '%{a}/extra.JSON%IQ4003%'"));
    }

    /// <summary><c>iq seal DIR</c> seals the folder's documents; a <c>.JSON</c> among them refuses the run by name, nothing
    /// sealed (was: sealed the others, exit 0, without a word of it).</summary>
    [Fact]
    public void Seal_of_a_folder_refuses_a_json_in_another_case_by_name_and_seals_nothing()
    {
        var bundle = FleetTests.CopyBundle("compliant", P("b"));
        foreach (var seal in Directory.GetFiles(bundle, "*.seal")) File.Delete(seal);
        File.Move(Path.Combine(bundle, "plan.json"), Path.Combine(bundle, "plan.JSON"));
        var before = Snapshot(_dir.Path);
        var run = CliRunner.InProcess("seal", bundle);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"{bundle}/plan.JSON:1:1: {Refused}", run.Stderr);
        Assert.Equal(before, Snapshot(_dir.Path));
        // Named as a file, it is sealed as any file the user vouches for.
        Assert.Equal(0, CliRunner.InProcess("seal", Path.Combine(bundle, "plan.JSON")).ExitCode);
    }

    /// <summary><c>iq redact</c> of a bundle holding a <c>.JSON</c> is refused by name, nothing created (was: the copy made
    /// without it, the file called "not a fact document").</summary>
    [Fact]
    public void Redact_refuses_a_json_in_another_case_by_name_and_creates_nothing()
    {
        var bundle = FleetTests.CopyBundle("compliant", P("b"));
        File.Move(Path.Combine(bundle, "environment.json"), Path.Combine(bundle, "environment.Json"));
        File.WriteAllText(P("salt"), new string('a', 64) + "\n");
        var before = Snapshot(_dir.Path);
        var run = CliRunner.InProcess("redact", bundle, "--out", P("r"), "--salt-file", P("salt"));
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"{bundle}/environment.Json:1:1: {Refused}", run.Stderr);
        Assert.False(Directory.Exists(P("r")));
        Assert.Equal(before, Snapshot(_dir.Path));
    }

    /// <summary><c>iq audit --probe</c> with a bundle holding a <c>plan.JSON</c>: refused before anything is measured (its
    /// endpoints would be left out of the TLS probe unseen), and no probe bundle written (was: the probe ran and wrote its
    /// bundle, then the bundle was refused).</summary>
    [Fact]
    public void An_audit_with_a_probe_refuses_a_json_in_another_case_before_measuring()
    {
        var bundle = FleetTests.CopyBundle("compliant", P("b"));
        File.Move(Path.Combine(bundle, "plan.json"), Path.Combine(bundle, "plan.JSON"));
        var probed = P("probe");
        var result = AuditPipeline.Run(new AuditRequest
        {
            Checklist = AuditChecklist.File(SampleReports.Checklist),
            FactBundles = [bundle],
            Probe = new ProbeRequest(probed, Path.Combine(TestPaths.Cases, "machines", "debian12-kvm")),
        });
        Assert.Null(result.Report);
        Assert.Null(result.Probe);
        Assert.False(Directory.Exists(probed));
        Assert.StartsWith($"{bundle}/plan.JSON:1:1: {Refused}", Assert.Single(result.Errors).ToString());
    }
}
