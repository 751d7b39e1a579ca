using System.Text.Json.Nodes;
using Iq.Engine.Probes;
using Iq.Rules.Messages;

namespace Iq.Tests;

/// <summary>Evidence and fact reasons are data: a report row shows them whole, in both languages, in every report (the results
/// file, the console, HTML, the scorecard, <c>iq explain</c>). Only diagnostics cap the text they quote from the input
/// (<see cref="Message.QuoteLimit"/>), so that a 1 MB key is never echoed to stderr.</summary>
public class WholeEvidenceTests
{
    /// <summary>Four element names of 300 characters and more, each failing the <c>all</c>: the first three are named.</summary>
    static readonly string[] Names = [.. new[] { 'p', 'q', 'r', 's' }.Select((c, i) => "节点-" + new string(c, 300 + i) + "-end")];

    const string NamesChecklist = """
        checklist "long-names" {
        }
        section "1" "s" weight 1 {
          item "names" "element names" {
            level shall
            expect all(custom.names, n => len(n) < 10)
            fix "rename the elements"
          }
        }
        """;

    static string Write(TempDir dir, string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    static (string Checklist, string Bundle) NamesAudit(TempDir dir)
    {
        var bundle = Directory.CreateDirectory(Path.Combine(dir.Path, "b")).FullName;
        var facts = new JsonObject { ["kind"] = "custom", ["schema"] = 1, ["facts"] = new JsonObject { ["names"] = new JsonArray([.. Names.Select(n => JsonValue.Create(n))]) } };
        File.WriteAllText(Path.Combine(bundle, "custom.json"), facts.ToJsonString());
        return (Write(dir, "names.iq", NamesChecklist), bundle);
    }

    /// <summary>No cap marker in either language, and each of the first three names whole.</summary>
    static void AllWhole(string shown, string where)
    {
        foreach (var name in Names.Take(3)) Assert.True(shown.Contains(name, StringComparison.Ordinal), $"{where}: {name[..12]}… not shown whole:\n{shown}");
        Assert.DoesNotContain(" characters)", shown);
        Assert.DoesNotContain("个字符）", shown);
    }

    static string EnglishResults(TempDir dir, string checklist, string bundle)
    {
        var json = Path.Combine(dir.Path, "en.json");
        var en = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "en", "-v", "--json", json);
        Assert.True(en.ExitCode == 1, en.Stderr);
        return json;
    }

    [Fact]
    public void Element_names_of_300_characters_are_whole_in_the_results_files_actual()
    {
        using var dir = new TempDir();
        var (checklist, bundle) = NamesAudit(dir);
        var json = EnglishResults(dir, checklist, bundle);
        // actual, its words' argument and the row's message, whole.
        ResultsSchemaCheck.Validate(json);
        var item = JsonNode.Parse(File.ReadAllText(json))!["items"]![0]!;
        var actual = (string)item["evidence"]![0]!["actual"]!;
        Assert.Equal("false: 4 of 4 fail (" + string.Join(", ", Names.Take(3).Select(n => $"\"{n}\"")) + ", …)", actual);
        Assert.Equal(actual, (string)item["reason"]!["first"]!["actual"]!);
        AllWhole((string)item["evidence"]![0]!["actual_words"]!["args"]!["which"]!, "actual_words");
        AllWhole((string)item["message"]!, "message");
        AllWhole(CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "en", "-v").Stdout, "en console");
    }

    [Fact]
    public void Element_names_of_300_characters_are_whole_in_the_chinese_console_and_explain()
    {
        using var dir = new TempDir();
        var (checklist, bundle) = NamesAudit(dir);
        var zh = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "zh", "-v");
        Assert.True(zh.ExitCode == 1, zh.Stderr);
        AllWhole(zh.Stdout, "zh console");
        Assert.Contains("false：4 个中 4 个不成立（", zh.Stdout);
        foreach (var lang in new[] { "zh", "en" })
        {
            var explain = CliRunner.InProcess("explain", "names", "--checklist", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", lang);
            Assert.True(explain.ExitCode is 0 or 1, explain.Stderr);
            AllWhole(explain.Stdout, lang + " explain");
        }
    }

    /// <summary>Re-rendered from the English file: the Chinese words come back from the file's arguments, whole.</summary>
    [Fact]
    public void Element_names_of_300_characters_are_whole_in_reports_rendered_from_the_results_file()
    {
        using var dir = new TempDir();
        var (checklist, bundle) = NamesAudit(dir);
        var json = Path.Combine(dir.Path, "en.json");
        Assert.Equal(1, CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "en", "--json", json, "-q").ExitCode);
        foreach (var lang in new[] { "zh", "en" })
        {
            var html = Path.Combine(dir.Path, $"{lang}.html");
            var xlsx = Path.Combine(dir.Path, $"{lang}.xlsx");
            var report = CliRunner.InProcess("report", json, "--html", html, "--xlsx", xlsx, "--lang", lang, "-q");
            Assert.True(report.ExitCode == 1, report.Stderr);
            AllWhole(File.ReadAllText(html), lang + " html");
            using var book = new XlsxReader(xlsx);
            AllWhole(string.Join("\n", book.SheetNames.SelectMany(book.Rows).SelectMany(r => r).OfType<string>()), lang + " xlsx");
        }
        Assert.Contains("4 个中 4 个不成立", File.ReadAllText(Path.Combine(dir.Path, "zh.html")));
    }

    static readonly string LongFile = "/" + new string('d', 300) + "/os-release";

    const string ArchChecklist = FactReasonTests.ArchChecklist;

    /// <summary>As iq writes a fact reason into a document: the English text whole beside the code and the argument.</summary>
    [Fact]
    public void A_fact_reason_iq_writes_keeps_its_text_whole()
    {
        var marker = Fact.Absent(Msg.ProbeNotFound.With(LongFile));
        Assert.Equal(LongFile + " not found", (string)marker["$absent"]!);
        Assert.Equal(LongFile, (string)marker["$args"]!["file"]!);
    }

    [Fact]
    public void A_fact_reason_with_a_long_argument_is_shown_whole_in_a_report_row()
    {
        var marker = new JsonObject { ["$absent"] = LongFile + " not found", ["$code"] = "IQ7001", ["$args"] = new JsonObject { ["file"] = LongFile } };
        using var dir = new TempDir();
        var bundle = Directory.CreateDirectory(Path.Combine(dir.Path, "b")).FullName;
        File.WriteAllText(Path.Combine(bundle, "environment.json"), new JsonObject
        {
            ["kind"] = "environment", ["schema"] = 1, ["collected_at"] = "2026-11-22T00:00:00Z", ["host"] = "h", ["tool"] = "t",
            ["facts"] = new JsonObject { ["os"] = new JsonObject { ["architecture"] = marker } },
        }.ToJsonString());
        var checklist = Write(dir, "arch.iq", ArchChecklist);
        var json = Path.Combine(dir.Path, "zh.json");
        var zh = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "zh", "-v", "--json", json);
        Assert.True(zh.ExitCode == 1, zh.Stderr);
        Assert.Contains($"env.os.architecture（不存在：未找到 {LongFile}）", zh.Stdout);
        var en = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", "2026-11-22", "--lang", "en", "-v");
        Assert.Contains($"env.os.architecture (absent: {LongFile} not found)", en.Stdout);

        var item = JsonNode.Parse(File.ReadAllText(json))!["items"]![0]!;
        Assert.Equal($"missing evidence: env.os.architecture (absent: {LongFile} not found)", (string)item["message"]!);
        Assert.Equal(LongFile + " not found", (string)item["reason"]!["facts"]![0]!["detail"]!);
        foreach (var (lang, words) in new[] { ("zh", $"env.os.architecture（不存在：未找到 {LongFile}）"), ("en", $"env.os.architecture (absent: {LongFile} not found)") })
        {
            var html = Path.Combine(dir.Path, $"{lang}.html");
            var xlsx = Path.Combine(dir.Path, $"{lang}.xlsx");
            var report = CliRunner.InProcess("report", json, "--html", html, "--xlsx", xlsx, "--lang", lang, "-q");
            Assert.True(report.ExitCode == 1, report.Stderr);
            Assert.Contains(words, File.ReadAllText(html));
            using var book = new XlsxReader(xlsx);
            Assert.Contains(book.SheetNames.SelectMany(book.Rows).SelectMany(r => r), cell => cell?.Contains(words, StringComparison.Ordinal) == true);
        }
    }

    /// <summary>The words of a row are declared whole, every one of them (a fact reason or evidence word added later too); no
    /// diagnostic is (IQ1xxx–IQ6xxx: they cap what they quote).</summary>
    [Fact]
    public void Fact_reasons_and_evidence_words_are_whole_and_diagnostics_are_not()
    {
        var coded = MsgCatalog.All.Where(x => x.Message.Code is not null).ToList();
        var rowWords = coded.Where(x => x.Message.Code!.StartsWith("IQ7", StringComparison.Ordinal) || x.Message.Code!.StartsWith("IQ8", StringComparison.Ordinal)).ToList();
        Assert.True(rowWords.Count > 200, $"{rowWords.Count} row words");
        Assert.Empty(rowWords.Where(x => !x.Message.ArgumentsWhole).Select(x => x.Name));
        Assert.Empty(coded.Except(rowWords).Where(x => x.Message.ArgumentsWhole).Select(x => x.Name));
        Assert.True(Msg.ReasonEvidence.ArgumentsWhole && Msg.MissingAbsent.ArgumentsWhole);
    }

    /// <summary>A diagnostic that quotes a fact reason (a command's note) caps the reason's arguments as its own: the
    /// reason is whole only where it is data.</summary>
    [Fact]
    public void A_diagnostic_quoting_a_fact_reason_stays_capped()
    {
        var key = new string('k', 1_000_000);
        var reason = Msg.ProbeNotInFile.With(key, "/etc/x");
        Assert.Equal(1_000_000 + " not in /etc/x".Length, reason.Render(Lang.En).Length);
        foreach (var lang in new[] { Lang.En, Lang.Zh })
        {
            var note = Msg.Note.With(reason).Render(lang);
            Assert.True(note.Length < 1024, $"{note.Length} characters");
            Assert.Contains(lang == Lang.En ? "… (1000000 characters)" : "…（共 1000000 个字符）", note);
        }
    }

    /// <summary>The hostile corpus's 1 MB key and path (tests/hostile/sizes): still refused with the text capped, under 1 KB on stderr.</summary>
    [Theory]
    [InlineData("en", "… (1000004 characters)")]
    [InlineData("zh", "…（共 1000004 个字符）")]
    public void A_1_mb_fact_path_in_a_checklist_is_quoted_capped(string lang, string capped)
    {
        using var dir = new TempDir();
        var checklist = Write(dir, "t.iq", ArchChecklist.Replace("env.os.architecture", "env." + new string('a', 1_000_000)));
        var run = CliRunner.InProcess("audit", checklist, "--facts", dir.Path, "--lang", lang);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(capped, run.Stderr);
        Assert.True(run.Stderr.Length < 1024, $"{run.Stderr.Length} characters on stderr");
    }

    [Theory]
    [InlineData("en", "… (1000000 characters)")]
    [InlineData("zh", "…（共 1000000 个字符）")]
    public void A_1_mb_key_in_a_fact_document_is_quoted_capped(string lang, string capped)
    {
        using var dir = new TempDir();
        var bundle = Directory.CreateDirectory(Path.Combine(dir.Path, "b")).FullName;
        File.WriteAllText(Path.Combine(bundle, "e.json"), new JsonObject
        {
            ["kind"] = "environment", ["schema"] = 1,
            ["facts"] = new JsonObject { ["os"] = new JsonObject { ["architecture"] = "x86_64" }, [new string('b', 1_000_000)] = 1 },
        }.ToJsonString());
        var run = CliRunner.InProcess("audit", Write(dir, "arch.iq", ArchChecklist), "--facts", bundle, "--lang", lang);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(capped, run.Stderr);
        Assert.True(run.Stderr.Length < 1024, $"{run.Stderr.Length} characters on stderr");
    }
}
