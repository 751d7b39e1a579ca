using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClosedXML.Excel;

using static Iq.Tests.IqSamples;

namespace Iq.Tests;

/// <summary>A manual judgment is a lab's signed record: its status in the words the workbook's drop-down offers (either
/// language) or the results' names, shown normalised; who judged and when, or it is refused with its cell or place and
/// nothing is written. The template lists only the manual items the (tailored) checklist selects.</summary>
public class SignedJudgmentTests
{
    /// <summary>The zh template, every manual row judged pass by 周静 on 2026-11-21, then <paramref name="edit"/>.</summary>
    static string FilledTemplate(TempDir dir, Action<IXLWorksheet, int> edit)
    {
        var template = Path.Combine(dir.Path, "人工评审.xlsx");
        Assert.Equal(0, CliRunner.InProcess("manual-template", Checklist, "-o", template, "--lang", "zh").ExitCode);
        using var wb = new XLWorkbook(template);
        var ws = wb.Worksheet("人工评审");
        var last = ws.LastRowUsed()!.RowNumber();
        for (var row = 2; row <= last; row++)
        {
            ws.Cell(row, 6).Value = "pass";
            ws.Cell(row, 7).Value = "周静";
            ws.Cell(row, 8).Value = "2026-11-21";
            ws.Cell(row, 9).Value = "现场核查";
        }
        edit(ws, last);
        wb.Save();
        return template;
    }

    static int RowOf(IXLWorksheet ws, string id) =>
        ws.RowsUsed().Single(r => r.Cell(1).GetString() == id).RowNumber();

    /// <summary>The zh template's drop-down offers 通过、不通过、不适用; a row judged 通过 is a pass, shown normalised
    /// (pass in English, 通过 in Chinese) and marked as holding, not '?' (undecided).</summary>
    [Fact]
    public void The_zh_drop_downs_words_are_statuses_shown_normalised()
    {
        using var dir = new TempDir();
        var template = FilledTemplate(dir, (ws, last) =>
        {
            var validation = ws.DataValidations.Single();
            Assert.Equal("\"通过,不通过,不适用\"", validation.Value);
            ws.Cell(RowOf(ws, "6.1.2a.competence"), 6).Value = "通过";
            ws.Cell(RowOf(ws, "6.2.1c.app-auth"), 6).Value = "不适用";
        });
        var facts = FactsWithoutAttestations(dir);
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--attestations", template, "--json", json, "--lang", "en", "-v", "--as-of", "2026-11-22");
        Assert.Equal("", run.Stderr);
        var items = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().ToDictionary(i => (string)i!["id"]!, i => i!);
        Assert.Equal("pass", (string)items["6.1.2a.competence"]["outcome"]!);
        Assert.Equal("pass", (string)items["6.1.2a.competence"]["evidence"]![0]!["actual"]!);
        Assert.True((bool)items["6.1.2a.competence"]["evidence"]![0]!["holds"]!);
        Assert.Equal("notapplicable", (string)items["6.2.1c.app-auth"]["outcome"]!);
        Assert.Contains("✓ manual judgment: actual pass, expected pass", run.Stdout);
        Assert.DoesNotContain("? manual judgment: actual pass", run.Stdout);
        Assert.DoesNotContain("actual 通过", run.Stdout);
        var zh = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--attestations", template, "--lang", "zh", "-v", "--as-of", "2026-11-22");
        Assert.Contains("✓ 人工评审：实际 通过，期望 通过", zh.Stdout);
    }

    /// <summary>What the guide tells an assessor about a status that is not one (the drop-down's words, or the results'
    /// names) is what iq prints.</summary>
    [Fact]
    public void A_status_that_is_none_is_refused_as_the_guide_says()
    {
        using var dir = new TempDir();
        var template = FilledTemplate(dir, (ws, _) => ws.Cell(5, 6).Value = "合格");
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", FactsWithoutAttestations(dir), "--attestations", template, "--json", json, "--lang", "zh");
        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(json));
        var guide = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "guide-zh.md"));
        var promised = Regex.Match(guide, "`(结论必须是[^`]*)`").Groups[1].Value;
        Assert.Contains("合格", promised);
        Assert.Contains(promised, run.Stderr);
    }

    /// <summary>A judged row without its assessor or its date is no signed record: refused naming the cell, exit 2,
    /// nothing written. A row not judged yet (no status) needs neither.</summary>
    [Theory]
    [InlineData(7, "G", "A judged row needs its assessor")]
    [InlineData(8, "H", "A judged row needs its date")]
    public void A_judged_row_without_who_or_when_is_refused_with_its_cell(int column, string letter, string says)
    {
        using var dir = new TempDir();
        var row = 0;
        var template = FilledTemplate(dir, (ws, last) =>
        {
            row = RowOf(ws, "6.1.2a.provider");
            ws.Cell(row, column).Value = "";
            // Another row not judged yet: no status, no assessor, no date; not a problem.
            ws.Cell(last, 6).Value = "";
            ws.Cell(last, 7).Value = "";
            ws.Cell(last, 8).Value = "";
        });
        var json = Path.Combine(dir.Path, "r.json");
        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", FactsWithoutAttestations(dir), "--attestations", template, "--json", json, "--xlsx", xlsx, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{template}:{row}:{column}: error IQ2018: {says}: a signed record says {(column == 7 ? "who judged" : "when it was judged")} (sheet '人工评审', cell {letter}{row})\n", run.Stderr);
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(xlsx));
    }

    /// <summary>The same in YAML and CSV: assessor and date are required fields of a judgment.</summary>
    [Theory]
    [InlineData("j.yaml", "- item: 6.1.2a.competence\n  status: pass\n  date: 2026-11-21\n  justification: seen\n", "assessor", 1)]
    [InlineData("j.yaml", "- item: 6.1.2a.competence\n  status: pass\n  assessor: 周静\n  justification: seen\n", "date", 1)]
    [InlineData("j.csv", "item,status,assessor,date,justification\n6.1.2a.competence,pass,周静,,seen\n", "date", 2)]
    [InlineData("j.csv", "item,status,assessor,date\n6.1.2a.competence,fail,,2026-11-21\n", "assessor", 2)]
    public void A_judgment_file_without_who_or_when_is_refused_with_its_line(string name, string text, string field, int line)
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, name);
        File.WriteAllText(file, text);
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Sample("compliant"), "--attestations", file, "--json", json, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}:{line}:", run.Stderr);
        Assert.Contains($"missing field '{field}'", run.Stderr);
        Assert.False(File.Exists(json));
    }

    /// <summary>An attestations document's judgment without its assessor or date is refused at its JSON path.</summary>
    [Theory]
    [InlineData("assessor")]
    [InlineData("date")]
    public void An_attestations_document_without_who_or_when_is_refused_at_its_path(string field)
    {
        using var dir = new TempDir();
        var facts = Path.Combine(dir.Path, "facts");
        Directory.CreateDirectory(facts);
        foreach (var f in Directory.GetFiles(Sample("compliant"), "*.json"))
            File.Copy(f, Path.Combine(facts, Path.GetFileName(f)));
        var path = Path.Combine(facts, "attestations.json");
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        doc["facts"]!["items"]![2]!.AsObject().Remove(field);
        File.WriteAllText(path, doc.ToJsonString());
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--json", json, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"attestation 2 lacks its {field}: a signed record says who (assessor) judged and when (date), at $.facts.items[2].{field}", run.Stderr);
        Assert.Contains(path, run.Stderr);
        Assert.False(File.Exists(json));
    }

    /// <summary>The samples' attestations document given to --attestations (as a lab would try first) judges the same items
    /// as when it lies in the bundle, not "expected a list of records".</summary>
    [Fact]
    public void An_attestations_document_is_read_by_the_attestations_option()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", FactsWithoutAttestations(dir), "--attestations",
            Path.Combine(Sample("compliant"), "attestations.json"), "--json", json, "--lang", "en");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var judged = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray()
            .Where(i => (string?)i!["id"] == "6.1.1a.hardening").Select(i => (string?)i!["outcome"]).ToList();
        Assert.Equal(["pass"], judged);
    }

    // One instance: JsonSchema.Net keeps schemas in a global registry by $id; reading the file afresh per case gave wrong
    // answers (3 of 4 cases judged valid with the required list in place).
    static readonly Lazy<Json.Schema.JsonSchema> AttestationsSchema = new(() =>
        Json.Schema.JsonSchema.FromText(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "schema", "attestations.schema.json"))));

    /// <summary>The published schema (docs/schema/attestations.schema.json, read by JsonSchema.Net, which nobody here wrote)
    /// refuses what the reader refuses: a judgment without its item, status, assessor or date; the sample's own document passes.</summary>
    [Theory]
    [InlineData("item")]
    [InlineData("status")]
    [InlineData("assessor")]
    [InlineData("date")]
    public void The_published_schema_requires_what_the_reader_requires(string field)
    {
        var schema = AttestationsSchema.Value;
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(Sample("compliant"), "attestations.json")))!;
        bool Valid(JsonNode d) => schema.Evaluate(JsonDocument.Parse(d.ToJsonString()).RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List }).IsValid;
        Assert.True(Valid(doc), "the compliant sample's attestations do not match the published schema");
        doc["facts"]!["items"]![0]!.AsObject().Remove(field);
        Assert.False(Valid(doc), $"the published schema accepts a judgment without its {field}");
    }

    /// <summary>A tailored checklist that disables a manual item (alone, or with its section) gets a template without it:
    /// it comes out notselected whatever is written, so there is nothing to judge. The scorecard's review sheet leaves it out too.</summary>
    [Fact]
    public void The_template_of_a_tailored_checklist_leaves_out_what_it_disables()
    {
        using var dir = new TempDir();
        File.Copy(Checklist, Path.Combine(dir.Path, "gbt-aimd-iq.iq"));
        var tailored = Path.Combine(dir.Path, "hospital-a.iq");
        File.WriteAllText(tailored, "checklist \"hospital-a\" extends \"gbt-aimd-iq.iq\" {\n" +
                                                                        "  disable \"6.1.2\" because \"staffing is the hospital's own\"\n  disable \"6.2.1c.app-auth\" because \"no transport here\"\n}\n");
        var full = Path.Combine(dir.Path, "full.xlsx");
        var template = Path.Combine(dir.Path, "t.xlsx");
        Assert.Equal(0, CliRunner.InProcess("manual-template", Checklist, "-o", full, "--lang", "en").ExitCode);
        var run = CliRunner.InProcess("manual-template", tailored, "-o", template, "--lang", "en");
        Assert.Equal(0, run.ExitCode);
        // Read as OpenXML, not with the xlsx library, which loads the scorecard's chart pictures through libgdiplus.
        static List<string> Ids(string file)
        {
            using var x = new XlsxReader(file);
            return x.Rows("Manual review").Skip(1).Select(r => r[0]).ToList();
        }
        var all = Ids(full);
        var ids = Ids(template);
        var gone = all.Where(i => i == "6.2.1c.app-auth" || i.StartsWith("6.1.2", StringComparison.Ordinal)).ToList();
        Assert.True(gone.Count >= 3, string.Join(", ", all));
        Assert.Equal(all.Except(gone), ids);
        Assert.Equal($"{ids.Count} manual items written to {template}\n", run.Stdout);

        var xlsx = Path.Combine(dir.Path, "card.xlsx");
        CliRunner.InProcess("audit", tailored, "--facts", Sample("compliant"), "--xlsx", xlsx, "--lang", "en");
        Assert.Equal(ids, Ids(xlsx));
    }
}
