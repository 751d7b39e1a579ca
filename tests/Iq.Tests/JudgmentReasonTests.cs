using System.Text;
using ClosedXML.Excel;
using CsCheck;
using Iq.Rules.Diagnostics;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;

using static Iq.Tests.IqSamples;

namespace Iq.Tests;

/// <summary>A judgment that makes a manual item <c>notapplicable</c> needs a reason that counts, by the one rule a model
/// description's <c>not_applicable</c> obeys (<see cref="NotApplicableReason"/>): "n/a", "无", "N/A because" or nothing at
/// all is refused at its line or cell with exit 2, in every form a judgment comes in (YAML, CSV, the review workbook, an
/// attestations document given or in the bundle). Before, such a judgment took a shall item out of the score and the audit
/// passed.</summary>
public class JudgmentReasonTests
{
    /// <summary>The compliant sample's judgments as a file given to --attestations, with the shall item 6.1.2a.competence
    /// judged notapplicable for <paramref name="justification"/>; the line its justification is on.</summary>
    static (string File, int Line) JudgedNotApplicable(TempDir dir, string justification)
    {
        var text = File.ReadAllText(Path.Combine(Sample("compliant"), "attestations.json"));
        var at = text.IndexOf("\"item\": \"6.1.2a.competence\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        var status = text.IndexOf("\"status\": \"pass\"", at, StringComparison.Ordinal);
        text = text[..status] + "\"status\": \"notapplicable\"" + text[(status + "\"status\": \"pass\"".Length)..];
        var why = text.IndexOf("\"justification\": \"现场核查符合要求\"", at, StringComparison.Ordinal);
        text = text[..why] + $"\"justification\": \"{justification}\"" + text[(why + "\"justification\": \"现场核查符合要求\"".Length)..];
        var file = Path.Combine(dir.Path, "judgments.json");
        File.WriteAllText(file, text, new UTF8Encoding(false));
        return (file, text[..why].Count(c => c == '\n') + 1);
    }

    [Theory]
    [InlineData("n/a")]
    [InlineData("")]
    [InlineData("N/A because")]
    [InlineData("无")]
    [InlineData("不适用")]
    public void A_shall_item_judged_notapplicable_without_a_reason_is_refused_at_the_justification_and_nothing_is_written(string justification)
    {
        using var dir = new TempDir();
        var facts = FactsWithoutAttestations(dir);
        var (file, line) = JudgedNotApplicable(dir, justification);
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--attestations", file, "--json", json, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}:{line}:26: error IQ2018: the judgment of '6.1.2a.competence' as notapplicable needs its reason " +
            $"(justification: \"not applicable, because …\"); '{justification}' is not one", run.Stderr);
        Assert.False(File.Exists(json));
    }

    /// <summary>The control: the same judgment with a reason is read, and the item is n/a with the reason shown.</summary>
    [Fact]
    public void A_shall_item_judged_notapplicable_with_a_reason_is_notapplicable()
    {
        using var dir = new TempDir();
        var facts = FactsWithoutAttestations(dir);
        var (file, _) = JudgedNotApplicable(dir, "安装由厂商远程完成，现场无实施人员");
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--attestations", file, "--json", json, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        var row = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().Single(i => (string)i!["id"]! == "6.1.2a.competence")!;
        Assert.Equal("notapplicable", (string)row["outcome"]!);
    }

    /// <summary>The review workbook iq writes, a row judged 不适用 with a justification that is no reason: refused at the
    /// justification's cell, with the sheet and cell named.</summary>
    [Fact]
    public void A_review_workbook_row_judged_notapplicable_without_a_reason_is_refused_at_its_cell()
    {
        using var dir = new TempDir();
        var template = Path.Combine(dir.Path, "review.xlsx");
        Assert.Equal(0, CliRunner.InProcess("manual-template", Checklist, "-o", template, "--lang", "en").ExitCode);
        int row;
        using (var wb = new XLWorkbook(template))
        {
            var ws = wb.Worksheets.First();
            row = ws.RowsUsed().Single(r => r.Cell(1).GetString() == "6.1.2a.competence").RowNumber();
            // The assessor's columns: status F, assessor G, date H, justification I (the level is column D).
            ws.Cell(row, 6).Value = "不适用";
            ws.Cell(row, 7).Value = "Zhou";
            ws.Cell(row, 8).Value = "2026-11-21";
            ws.Cell(row, 9).Value = "N.A.";
            wb.Save();
        }
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", FactsWithoutAttestations(dir), "--attestations", template, "--json", json, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{template}:{row}:9: error IQ2018: the judgment of '6.1.2a.competence' as notapplicable needs its reason", run.Stderr);
        Assert.Contains($"'N.A.' is not one (sheet 'Manual review', cell I{row})", run.Stderr);
        Assert.False(File.Exists(json));
    }

    /// <summary>The bundle's own attestations document: refused at the justification member.</summary>
    [Fact]
    public void A_bundle_judgment_of_notapplicable_without_a_reason_is_refused_at_its_member()
    {
        using var dir = new TempDir();
        var facts = FactsWithoutAttestations(dir);
        var (file, line) = JudgedNotApplicable(dir, "none");
        File.Move(file, Path.Combine(facts, "attestations.json"));
        var run = CliRunner.InProcess("audit", Checklist, "--facts", facts, "--as-of", "2026-11-22", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        // At the member's value, as the bundle's other members are placed.
        Assert.Contains($"attestations.json:{line}:26: error IQ2018: the judgment of '6.1.2a.competence' as notapplicable needs its reason", run.Stderr);
    }

    static readonly string[] FillerWords = ["no", "yes", "n/a", "NA", "n.a.", "None", "nil", "null", "not", "Applicable",
        "not applicable", "because", "否", "是", "无", "没有", "不适用", "不", "略", "因为"];

    static readonly string[] Separators = ["", " ", ", ", ": ", "; ", ". ", "，", "：", " - ", "!"];

    /// <summary>Any run of filler words and punctuation as the justification of a notapplicable judgment, in YAML or CSV,
    /// is refused naming the file and the judgment's line; the same with a word that says something is read as n/a.
    /// Whatever the text, a judgment the reader lets through as notapplicable has a reason.</summary>
    [Fact]
    public void A_notapplicable_judgment_is_read_exactly_when_its_justification_is_a_reason()
    {
        using var dir = new TempDir();
        Gen.Select(Gen.Select(Gen.Int[0, FillerWords.Length - 1], Gen.Int[0, Separators.Length - 1]).Array[0, 10], Gen.Int[0, 4], Gen.Bool)
            .Sample((parts, word, csv) =>
            {
                var filler = string.Concat(parts.Select(p => FillerWords[p.Item1] + Separators[p.Item2])).Trim();
                var justification = word switch { 0 => "remote " + filler, 1 => filler + " 无现场人员", 2 => filler + " site closed", _ => filler };
                var name = Guid.NewGuid().ToString("N") + (csv ? ".csv" : ".yaml");
                var file = Path.Combine(dir.Path, name);
                var quoted = justification.Replace("\"", "\"\"");
                File.WriteAllText(file, csv
                    ? $"item,status,assessor,date,justification\nA.staff,pass,Li,2026-11-20,ok\nA.other,notapplicable,Li,2026-11-20,\"{quoted}\"\n"
                    : $"- item: A.staff\n  status: pass\n  assessor: Li\n  date: 2026-11-20\n- item: A.other\n  status: notapplicable\n  assessor: Li\n  date: 2026-11-20\n  justification: \"{justification.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\n",
                    new UTF8Encoding(false));
                var d = new DiagnosticBag();
                var read = JudgmentFiles.ReadAttestations(file, d);
                var reason = NotApplicableReason.IsReason(justification);
                if (word < 3 && !reason) return false; // a real word always makes a reason
                if (word == 3 && reason) return false;  // filler alone never does
                return reason
                    ? d.Items.Count == 0 && read.Count == 2 && read[1].Status == Outcome.NotApplicable
                    : read.Count == 1 && read[0].Item == "A.staff"
                      && Assert.Single(d.Items) is var e && e.Span.File == file && e.Span.Line == (csv ? 3 : 9) && e.Code == "IQ2018";
            }, iter: 400);
    }
}
