using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Engine.Facts;
using Iq.Engine.Probes;
using Iq.Rules.Messages;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>Why a fact is missing, stored in a measured document by code (<c>$code</c>, <c>$args</c>) beside its English text,
/// and shown by every report in its own language; a document with only the text keeps showing its text.</summary>
public class FactReasonTests
{
    static string Machines => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines");
    static string ModelSample => Path.Combine(TestPaths.Checklists, "samples", "model-digits");

    const string ArchChecklist = """
        checklist "arch" {
        }
        section "1" "s" weight 1 {
          item "a" "architecture" {
            level shall
            expect env.os.architecture == "x86_64"
          }
        }
        """;

    const string AccuracyChecklist = """
        checklist "acc" {
        }
        section "1" "s" weight 1 {
          item "acc" "accuracy" {
            level shall
            expect measured.performance.metrics["accuracy"].value >= 0.9
          }
        }
        """;

    static string Write(TempDir dir, string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Audits in both languages, re-renders the results file as HTML in both, and checks each shows the reason
    /// in its language, and that the results file carries the document's code.</summary>
    static void ShowsInBothLanguages(TempDir dir, string checklist, string bundle, string code, string zh, string en)
    {
        var zhRun = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "zh", "-v", "--json", Path.Combine(dir.Path, "zh.json"));
        Assert.True(zhRun.ExitCode == 1, zhRun.Stderr);
        Assert.Contains(zh, zhRun.Stdout);
        var enRun = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "en", "-v", "--json", Path.Combine(dir.Path, "en.json"));
        Assert.Contains(en, enRun.Stdout);
        Assert.DoesNotContain(zh, enRun.Stdout);

        foreach (var results in new[] { "zh.json", "en.json" })
        {
            var file = Path.Combine(dir.Path, results);
            ResultsSchemaCheck.Validate(file);
            var fact = JsonNode.Parse(File.ReadAllText(file))!["items"]![0]!["reason"]!["facts"]![0]!;
            Assert.Equal(code, (string)fact["code"]!);
            Assert.Contains((string)fact["detail"]!, en);
            foreach (var (lang, words) in new[] { ("zh", zh), ("en", en) })
            {
                var html = Path.Combine(dir.Path, $"{results}.{lang}.html");
                var report = CliRunner.InProcess("report", file, "--html", html, "--lang", lang, "-q");
                Assert.True(report.ExitCode == 1, report.Stderr);
                Assert.Contains(words, File.ReadAllText(html));
                var xlsx = Path.Combine(dir.Path, $"{results}.{lang}.xlsx");
                Assert.True(CliRunner.InProcess("report", file, "--xlsx", xlsx, "--lang", lang, "-q").ExitCode == 1);
                using var book = new XlsxReader(xlsx);
                Assert.Contains(book.SheetNames.SelectMany(book.Rows).SelectMany(r => r), cell => cell?.Contains(words, StringComparison.Ordinal) == true);
            }
        }
    }

    [Fact]
    public void A_probe_gap_shows_its_reason_in_the_report_language_with_the_same_code()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        Assert.Equal(0, CliRunner.InProcess("probe", "--root", Path.Combine(Machines, "debian12-kvm"), "--out", bundle, "-q").ExitCode);
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "environment.json")))!["facts"]!["os"]!["architecture"]!;
        Assert.Equal("""{"$absent":"architecture is read from the running system","$code":"IQ7005","$args":{}}""", stored.ToJsonString());
        Assert.Equal(Msg.ProbeArchLive, MsgCatalog.FactReason("IQ7005"));

        ShowsInBothLanguages(dir, Write(dir, "arch.iq", ArchChecklist), bundle, "IQ7005",
            "env.os.architecture（不存在：体系结构从运行中的系统读取）", "env.os.architecture (absent: architecture is read from the running system)");
    }

    [Fact]
    public void A_model_gap_shows_its_reason_in_the_report_language_with_the_same_code()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        // No --labels: iq model records the A.10 metrics as absent, and why.
        var run = CliRunner.InProcess("model", Path.Combine(ModelSample, "digits-cnn.onnx"), "--cases", Path.Combine(ModelSample, "cases"),
            "--suite", "performance", "--out", bundle, "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["performance"]!["metrics"]!;
        Assert.Equal("""{"$absent":"no labelled cases (give --labels)","$code":"IQ7109","$args":{}}""", stored.ToJsonString());

        ShowsInBothLanguages(dir, Write(dir, "acc.iq", AccuracyChecklist), bundle, "IQ7109",
            "measured.performance.metrics（不存在：没有带标注的病例（请给出 --labels））", "measured.performance.metrics (absent: no labelled cases (give --labels))");
    }

    static string Environment(string architecture) =>
        """{"kind":"environment","schema":1,"collected_at":"2026-11-22T00:00:00Z","host":"h","tool":"t","facts":{"os":{"architecture":"""
        + architecture + "}}}";

    static string Audit(TempDir dir, string architecture, string lang, out int exit, out string stderr)
    {
        var bundle = Directory.CreateDirectory(Path.Combine(dir.Path, "b-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(bundle, "environment.json"), Environment(architecture));
        var run = CliRunner.InProcess("audit", Write(dir, "arch.iq", ArchChecklist), "--facts", bundle, "--as-of", "2026-11-22", "--lang", lang, "-v");
        exit = run.ExitCode;
        stderr = run.Stderr;
        return run.Stdout;
    }

    [Fact]
    public void A_document_with_only_the_text_shows_its_text_in_either_language()
    {
        using var dir = new TempDir();
        foreach (var lang in new[] { "zh", "en" })
        {
            var shown = Audit(dir, """{"$error":"uname failed: no such luck"}""", lang, out var exit, out var stderr);
            Assert.True(exit == 1, stderr);
            Assert.Contains(lang == "zh" ? "env.os.architecture（探测出错：uname failed: no such luck）" : "env.os.architecture (probe error: uname failed: no such luck)", shown);
        }
    }

    /// <summary>A user-edited document: <c>$code</c>/<c>$args</c> of the wrong JSON type are malformed (exit 2, the JSON path);
    /// a well-formed code this iq does not know, or arguments that are not the message's, leave the stored text.</summary>
    [Theory]
    [InlineData("""{"$absent":"why","$code":7005}""", "$.facts.os.architecture.$code")]
    [InlineData("""{"$absent":"why","$code":"IQ7005","$args":["x"]}""", "$.facts.os.architecture.$args")]
    [InlineData("""{"$absent":"why","$code":"IQ7001","$args":{"file":1}}""", "$.facts.os.architecture.$args.file")]
    public void A_code_or_arguments_of_the_wrong_type_are_refused_with_the_json_path(string architecture, string path)
    {
        using var dir = new TempDir();
        Audit(dir, architecture, "en", out var exit, out var stderr);
        Assert.Equal(2, exit);
        Assert.Contains(path, stderr);
        Assert.Contains("error IQ4002", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("""{"$absent":"stored words","$code":"IQ7999","$args":{}}""")]
    [InlineData("""{"$absent":"stored words","$code":"IQ7001","$args":{}}""")]
    [InlineData("""{"$absent":"stored words","$code":"IQ7001","$args":{"file":"/x","extra":"y"}}""")]
    [InlineData("""{"$absent":"stored words","$code":"IQ1001"}""")]
    public void An_unknown_code_or_foreign_arguments_leave_the_stored_text(string architecture)
    {
        using var dir = new TempDir();
        var shown = Audit(dir, architecture, "zh", out var exit, out var stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains("env.os.architecture（不存在：stored words）", shown);
    }

    [Fact]
    public void A_known_code_with_its_arguments_is_worded_from_the_catalog()
    {
        using var dir = new TempDir();
        var shown = Audit(dir, """{"$absent":"/proc/mounts not found","$code":"IQ7001","$args":{"file":"/proc/mounts"}}""", "zh", out _, out _);
        Assert.Contains("env.os.architecture（不存在：未找到 /proc/mounts）", shown);
    }

    /// <summary>Any JSON in <c>$code</c> and <c>$args</c>: the reader either refuses the document at a path under the marker
    /// or reads the fact as missing, worded from the catalog or with the stored text; never anything else.</summary>
    [Fact]
    public void Any_code_and_arguments_are_refused_at_their_path_or_read_as_a_missing_fact()
    {
        var codes = Pick("IQ7001", "IQ7005", "IQ7020", "IQ7999", "IQ1001", "", "iq7001");
        var names = Pick("file", "tool", "code", "output", "x");
        var scalar = Gen.OneOf(Gen.String[0, 8].Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Bool.Select(_ => (JsonNode?)null), Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)));
        var code = Gen.OneOf(codes.Select(c => (JsonNode?)JsonValue.Create(c)), scalar, Gen.Bool.Select(_ => (JsonNode?)new JsonArray()));
        var args = Gen.OneOf(
            Gen.Select(names, Gen.OneOf(Gen.String[0, 8].Select(s => (JsonNode?)JsonValue.Create(s)), scalar)).Array[0, 4]
                .Select(a => (JsonNode?)new JsonObject(a.DistinctBy(x => x.Item1).Select(x => KeyValuePair.Create(x.Item1, x.Item2)))),
            scalar);
        Gen.Select(Gen.Bool, code, Gen.Bool, args).Sample((withCode, c, withArgs, a) =>
        {
            var marker = new JsonObject { ["$error"] = "stored" };
            if (withCode) marker["$code"] = c?.DeepClone();
            if (withArgs) marker["$args"] = a?.DeepClone();
            var bundle = FactBundleReader.Load([], FactSchema.Default, [("environment.json", Encoding.UTF8.GetBytes(Environment(marker.ToJsonString())), null)]);
            if (!bundle.Succeeded)
                return bundle.Diagnostics.All(d => d.Message.Contains("$.facts.os.architecture.$", StringComparison.Ordinal));
            var env = (FactObject)bundle.Values.Roots["env"]!;
            env.TryGet("os", out var os);
            ((FactObject)os!).TryGet("architecture", out var value);
            if (value is not Missing { Cause: Absence.ProbeError } m || m.Detail != "stored") return false;
            if (m.Text is null) return true;
            return withCode && c is JsonValue v && v.TryGetValue<string>(out var s) && MsgCatalog.FactReason(s) == m.Text.Message;
        }, iter: 400);
    }

    static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    [Fact]
    public void Every_fact_reason_has_a_code_of_its_own_and_documents_refuse_any_other_message()
    {
        var reasons = MsgCatalog.All.Where(m => m.Message.Code?.StartsWith("IQ7", StringComparison.Ordinal) == true).ToList();
        Assert.True(reasons.Count > 50);
        Assert.Equal(reasons.Count, reasons.Select(r => r.Message.Code).Distinct().Count());
        Assert.All(reasons, r => Assert.Same(r.Message, MsgCatalog.FactReason(r.Message.Code!)));
        // A diagnostic's message has no place in a fact document: its code names more than one message.
        Assert.Throws<ArgumentException>(() => Fact.Error(Msg.FileNotFound.With("/x")));
        var stored = Fact.Error(Msg.ProbeToolExited.With("rpm", "1", "boom"));
        Assert.Equal("""{"$error":"rpm exited 1: boom","$code":"IQ7020","$args":{"tool":"rpm","code":"1","output":"boom"}}""", stored.ToJsonString());
    }
}
