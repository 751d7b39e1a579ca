using System.Security.Cryptography;
using Iq.Engine.Audit;
using Iq.Rules.Diagnostics;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports;
using Iq.Scoring.Scoring;

namespace Iq.Tests;

/// <summary>The audit as a library call: the stages, the samples, one compiled checklist shared by many audits, bad
/// input as diagnostics, the probe as a bundle, typed judgments and waivers.</summary>
public class AuditPipelineTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);
    static readonly DateTimeOffset AsOf = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    static AuditRequest Request(string sample) =>
        new() { Checklist = AuditChecklist.File(Checklist), FactBundles = [Sample(sample)], AsOf = AsOf };

    static byte[] Json(AuditReport report)
    {
        using var stream = new MemoryStream();
        JsonReport.Write(report, stream);
        return stream.ToArray();
    }

    [Fact]
    public void The_stages_are_one_ordered_list()
    {
        Assert.Equal(["compile", "probe", "read facts", "evaluate", "attest", "provenance", "waive", "report information", "score"],
            AuditPipeline.Stages.Select(s => s.Name));
        var result = AuditPipeline.Run(Request("compliant"));
        Assert.Equal(AuditPipeline.Stages.Select(s => s.Name), result.Stages.Select(s => s.Stage));
    }

    [Theory]
    [InlineData("compliant", Verdict.Pass)]
    [InlineData("failing", Verdict.Fail)]
    public void Sample_bundle_gives_its_expected_outcomes(string sample, Verdict verdict)
    {
        var result = AuditPipeline.Run(Request(sample));
        Assert.Empty(result.Diagnostics);
        var report = Assert.IsType<AuditReport>(result.Report);
        var actual = report.Results.Select(r => $"{r.Id} ⇶ {r.Outcome.Name()}").Append($"verdict ⇶ {report.Score.Verdict.ToString().ToLowerInvariant()}");
        var expected = File.ReadAllLines(Path.Combine(Sample(sample), "expected.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
        Assert.Equal(verdict, report.Score.Verdict);
        Assert.All(report.Inputs, i => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(i.Path))), i.Sha256));
    }

    [Fact]
    public void One_compiled_checklist_serves_many_audits_in_parallel()
    {
        var first = AuditPipeline.Run(Request("compliant"));
        var compiled = Assert.IsType<Iq.Rules.Compilation.CompiledChecklist>(first.Checklist);
        var fresh = new Dictionary<string, byte[]>
        {
            ["compliant"] = Json(first.Report!),
            ["failing"] = Json(AuditPipeline.Run(Request("failing")).Report!),
        };
        var samples = Enumerable.Range(0, 24).Select(i => i % 2 == 0 ? "compliant" : "failing").ToArray();
        var shared = new AuditResult[samples.Length];
        Parallel.For(0, samples.Length, i => shared[i] = AuditPipeline.Run(Request(samples[i]) with { Checklist = AuditChecklist.Of(compiled) }));
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Same(compiled, shared[i].Checklist);
            Assert.Equal(fresh[samples[i]], Json(shared[i].Report!));
        }
    }

    [Fact]
    public void Bad_input_is_diagnostics_in_the_result_never_an_exception()
    {
        var missing = AuditPipeline.Run(Request("compliant") with { Checklist = AuditChecklist.File("/no/such/checklist.iq") });
        Assert.Null(missing.Report);
        Assert.Equal("/no/such/checklist.iq:1:1: error IQ1012: File not found: /no/such/checklist.iq", Assert.Single(missing.Diagnostics).ToString());
        Assert.Equal(["compile"], missing.Stages.Select(s => s.Stage));

        var noBundle = AuditPipeline.Run(Request("compliant") with { FactBundles = ["/no/such/bundle"] });
        Assert.Null(noBundle.Report);
        Assert.Equal(Codes.BundleNotFound, Assert.Single(noBundle.Errors).Code);
        Assert.Equal("read facts", noBundle.Stages[^1].Stage);

        // Every mistake in the judgment files is reported at once, and nothing is scored.
        using var dir = new TempDir();
        var attestations = Path.Combine(dir.Path, "a.yaml");
        File.WriteAllText(attestations, "- item: 6.1.2a.staff\n  status: maybe\n  assessor: 周静\n  date: 2026-11-21\n");
        var waivers = Path.Combine(dir.Path, "w.csv");
        File.WriteAllText(waivers, "item,justification,approved_by,expires\n6.1.1a.cpuu,x,y,2030-01-01\n");
        var judged = AuditPipeline.Run(Request("failing") with { AttestationFiles = [attestations], WaiverFiles = [waivers], ReportInfoFile = "/no/c1.json" });
        Assert.Null(judged.Report);
        Assert.Equal([Codes.BadValue, Codes.UnknownTailoringTarget, Codes.FileNotFound], judged.Errors.Select(d => d.Code));
        Assert.Equal("report information", judged.Stages[^1].Stage);

        var request = AuditPipeline.Run(Request("compliant") with { ScoringModel = "best", ReportFields = new Dictionary<string, string> { ["colour"] = "blue" } });
        Assert.Null(request.Report);
        Assert.Equal("<request>:1:1: error IQ2018: Unknown report field 'colour'; expected report_no, object, purpose, dates, place, assessors, signer or sign_date",
            Assert.Single(request.Diagnostics).ToString());
        var scoring = AuditPipeline.Run(Request("compliant") with { ScoringModel = "best" });
        Assert.Equal("<request>:1:1: error IQ2015: Unknown scoring model 'best'; expected weighted, default, flat, flat-unweighted or absolute",
            Assert.Single(scoring.Diagnostics).ToString());
    }

    [Fact]
    public void Judgments_and_waivers_are_typed_reasons_in_the_results()
    {
        using var dir = new TempDir();
        var waivers = Path.Combine(dir.Path, "w.yaml");
        File.WriteAllText(waivers, "- item: 6.1.1a.sw[Docker]\n  justification: next maintenance window\n  approved_by: 陈敏\n  expires: 2027-03-31\n");
        var result = AuditPipeline.Run(Request("failing") with { WaiverFiles = [waivers], ReportFields = new Dictionary<string, string> { ["place"] = "机房" } });
        var report = Assert.IsType<AuditReport>(result.Report);
        var waived = Assert.IsType<Waived>(report.Results.Single(r => r.Id == "6.1.1a.sw[Docker]").Reason);
        Assert.Equal((Outcome.Fail, "陈敏"), (waived.Was, waived.ApprovedBy));
        var failed = Assert.IsType<Failed>(waived.WasReason);
        Assert.Equal(("19.03.15", ">= 20.10 (generic dotted order: no version scheme known for either side)"), (failed.First!.Actual, failed.First.Expected));
        Assert.Equal("next maintenance window", Assert.Single(report.Waivers).Justification);
        Assert.Contains(report.Inputs, i => i.Kind == "waivers" && i.Path == waivers);
        Assert.Equal("机房", report.Info.Place);

        // The sample's own attestations document judges its manual items.
        var attested = report.Results.Where(r => r.Reason is Attested).ToList();
        Assert.NotEmpty(attested);
        Assert.All(attested, r => Assert.False(r.Automated));
        Assert.Equal(attested.Count, report.Attestations.Count(a => attested.Any(r => r.Id == a.Item || r.ItemId == a.Item)));
    }

    [Fact]
    public void A_probe_is_written_as_a_bundle_that_the_results_name_and_hash()
    {
        using var dir = new TempDir();
        var probed = Path.Combine(dir.Path, "probe");
        var root = Path.Combine(TestPaths.Cases, "machines", "debian12-kvm");
        var result = AuditPipeline.Run(new AuditRequest
        {
            Checklist = AuditChecklist.File(TestPaths.Case("evaluation.iq")),
            // No --as-of: the probe's documents are collected now, and an audit as of an earlier day is refused.
            Probe = new ProbeRequest(probed, root),
        });
        var report = Assert.IsType<AuditReport>(result.Report);
        Assert.Equal(probed, result.Probe!.Directory);
        Assert.Equal(["environment", "security", "software"], report.Inputs.Select(i => i.Kind));
        foreach (var input in report.Inputs)
        {
            Assert.StartsWith(probed, input.Path);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(input.Path))), input.Sha256);
        }
        // The fixture is a 2-core VM: the evaluation case that asks for 128 cores fails on it.
        Assert.Equal(Outcome.Fail, report.Results.Single(r => r.Id == "pass.simple").Outcome);

        var noRoot = AuditPipeline.Run(new AuditRequest { Checklist = AuditChecklist.File(TestPaths.Case("evaluation.iq")), Probe = new ProbeRequest(probed, "/no/such/root") });
        // A folder has no line or column: the path alone.
        Assert.Equal("/no/such/root: error IQ4005: Probe root not found: /no/such/root", Assert.Single(noRoot.Errors).ToString());

        // A bundle folder that cannot be written (a file stands where it would go) is a diagnostic too.
        var blocked = Path.Combine(dir.Path, "a-file");
        File.WriteAllText(blocked, "");
        var unwritable = AuditPipeline.Run(new AuditRequest { Checklist = AuditChecklist.File(TestPaths.Case("evaluation.iq")), Probe = new ProbeRequest(Path.Combine(blocked, "probe"), root) });
        Assert.Null(unwritable.Report);
        Assert.StartsWith("Cannot write the probe's bundle: ", Assert.Single(unwritable.Errors).Message);
    }

    /// <summary>A fact document saved by Windows Notepad starts with a UTF-8 byte-order mark: the same document, the same
    /// audit (every row's outcome, evidence and reasons), only the file's hash differs.</summary>
    [Fact]
    public void The_compliant_environment_json_with_a_byte_order_mark_gives_the_same_audit_as_without()
    {
        using var dir = new TempDir();
        foreach (var file in Directory.GetFiles(Sample("compliant")))
            File.Copy(file, Path.Combine(dir.Path, Path.GetFileName(file)));
        // Its seal is of the bytes without the mark; both runs go without it so that only the mark differs.
        File.Delete(Path.Combine(dir.Path, "environment.json.seal"));
        var environment = Path.Combine(dir.Path, "environment.json");
        var request = new AuditRequest { Checklist = AuditChecklist.File(Checklist), FactBundles = [dir.Path], AsOf = AsOf };

        var plain = AuditPipeline.Run(request);
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(environment)));
        Assert.NotEqual(0xEF, File.ReadAllBytes(environment)[0]);
        File.WriteAllBytes(environment, [.. System.Text.Encoding.UTF8.Preamble, .. File.ReadAllBytes(environment)]);
        var marked = AuditPipeline.Run(request);
        var markedHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(environment)));

        Assert.Equal(plain.Diagnostics.Select(d => d.ToString()), marked.Diagnostics.Select(d => d.ToString()));
        Assert.Empty(marked.Errors);
        var before = Assert.IsType<AuditReport>(plain.Report);
        var after = Assert.IsType<AuditReport>(marked.Report);
        // Unsealed, the probe's facts count as declared, and the 6.1.1 a) rows that require them measured are errors in
        // both runs alike: the verdict is the same, not a pass.
        Assert.Equal(before.Score.Verdict, after.Score.Verdict);
        Assert.Equal(Verdict.Fail, after.Score.Verdict);
        Assert.Contains(after.Inputs, i => i.Sha256 == markedHash);
        Assert.DoesNotContain(after.Inputs, i => i.Sha256 == plainHash);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(Json(before)).Replace(plainHash, markedHash, StringComparison.Ordinal),
            System.Text.Encoding.UTF8.GetString(Json(after)));
    }
}
