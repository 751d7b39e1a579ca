using System.Globalization;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Iq.Engine.Evidence;

namespace Iq.Tests;

/// <summary>A count of log lines (unparsed, out of order) says where the lines are: iq logs records the first line numbers of
/// each per file, and a row comparing the count names the file and lines beside its actual value, in every output. The logs
/// are the machine's own dpkg log (else the committed copy), with lines put out of place and junk put in; the oracle is the
/// dpkg log's own timestamps, read here with DateTime.ParseExact, not iq's reader.</summary>
public class LinesWhereTests
{
    static string RealDpkg => File.Exists("/var/log/dpkg.log") ? "/var/log/dpkg.log"
        : Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "logs", "dpkg.log");

    /// <summary>Real dpkg lines, with each of <paramref name="late"/> lines from the log's end put after line 10·k, and junk
    /// lines at 4 and 12: returns the file and the lines it has out of order and not parsed, by this test's own reading.</summary>
    static (string File, List<long> OutOfOrder, List<long> Unparsed) Derived(string dir, int late)
    {
        var real = File.ReadAllLines(RealDpkg).Where(l => l.Length > 0).ToList();
        var lines = real.Take(200).ToList();
        for (var k = late; k >= 1; k--) lines.Insert(10 * k, real[^k]);
        lines.Insert(3, "\0\0 torn write");
        lines.Insert(11, "not a dpkg line");
        var file = Path.Combine(dir, "dpkg.log");
        File.WriteAllLines(file, lines);
        var ooo = new List<long>();
        var unparsed = new List<long>();
        DateTime? previous = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length < 19 || !DateTime.TryParseExact(lines[i][..19], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                unparsed.Add(i + 1);
                continue;
            }
            if (previous is { } p && t < p) ooo.Add(i + 1);
            previous = t;
        }
        return (file, ooo, unparsed);
    }

    [Fact]
    public void Iq_logs_records_the_first_out_of_order_lines_per_file_bounded()
    {
        using var dir = new TempDir();
        var (file, ooo, unparsed) = Derived(dir.Path, late: 7);
        Assert.True(ooo.Count > LogAnalyzer.FirstLines, $"the derived log must have more out-of-order lines than are kept: {ooo.Count}");
        var a = new LogAnalyzer("dpkg", new Dictionary<string, string>());
        a.Analyze(file);
        var source = a.Source(file);
        Assert.Equal(ooo.Count, (long)source["out_of_order"]!);
        Assert.Equal(ooo.Take(LogAnalyzer.FirstLines), source["out_of_order_lines"]!.AsArray().Select(n => (long)n!));
        Assert.Equal(unparsed.Take(LogAnalyzer.FirstLines), source["unparsed_lines"]!.AsArray().Select(n => (long)n!));
        var facts = LogsDocument.Aggregate([source]);
        Assert.Equal(ooo.Take(LogAnalyzer.FirstLines), facts["out_of_order_lines"]!.AsArray().Select(n => (long)n!));
    }

    [Fact]
    public void A_real_log_in_order_lists_no_out_of_order_line()
    {
        var a = new LogAnalyzer("dpkg", new Dictionary<string, string>());
        a.Analyze(RealDpkg);
        var source = a.Source(RealDpkg);
        Assert.Equal((long)source["out_of_order"]! == 0, source["out_of_order_lines"]!.AsArray().Count == 0);
    }

    /// <summary>A document written before the lines were recorded (the sealed samples' sources have no out_of_order_lines)
    /// still sums: the member absent is none listed.</summary>
    [Fact]
    public void Sources_without_the_member_still_aggregate()
    {
        var old = new JsonObject { ["file"] = "/var/log/old.log", ["lines"] = 3L, ["unparsed"] = 0L, ["unparsed_lines"] = new JsonArray(), ["events"] = 3L, ["out_of_order"] = 1L };
        var facts = LogsDocument.Aggregate([old]);
        Assert.Equal(1L, (long)facts["out_of_order"]!);
        Assert.Empty(facts["out_of_order_lines"]!.AsArray());
    }

    /// <summary>A sealed logs document added to: a source without out_of_order_lines (written before iq recorded them) is
    /// accepted, its lines none listed; one whose member is not a list of counts is refused at its JSON path, exit 2, the
    /// document left as it was.</summary>
    [Fact]
    public void A_logs_document_is_added_to_without_the_member_and_refused_with_a_bad_one()
    {
        using var dir = new TempDir();
        var (file, _, _) = Derived(dir.Path, late: 1);
        var bundle = Path.Combine(dir.Path, "bundle");
        Assert.Equal(0, CliRunner.InProcess("logs", file, "--out", bundle).ExitCode);
        var doc = Path.Combine(bundle, "logs.json");
        void Rewrite(Action<JsonObject> edit)
        {
            var root = JsonNode.Parse(File.ReadAllText(doc))!.AsObject();
            edit(root["facts"]!["sources"]![0]!.AsObject());
            File.WriteAllText(doc, root.ToJsonString());
            var seal = CliRunner.InProcess("seal", doc);
            Assert.True(seal.ExitCode == 0, seal.Stderr);
        }
        Rewrite(s => s.Remove("out_of_order_lines"));
        var added = CliRunner.InProcess("logs", RealDpkg, "--out", bundle);
        Assert.True(added.ExitCode == 0, added.Stderr);
        Rewrite(s => s["out_of_order_lines"] = "45");
        var before = File.ReadAllText(doc);
        var refused = CliRunner.InProcess("logs", RealDpkg, "--out", bundle);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("$.facts.sources[0].out_of_order_lines", refused.Stderr);
        Assert.Equal(before, File.ReadAllText(doc));
    }

    /// <summary>6.5.1a.continuity over the derived log: its actual names the file and the first lines, in the console (en, zh,
    /// -v), results.json, the HTML report and the scorecard.</summary>
    [Fact]
    public void The_continuity_row_names_the_file_and_first_lines_in_every_output()
    {
        using var dir = new TempDir();
        var (file, ooo, unparsed) = Derived(dir.Path, late: 2);
        var bundle = Path.Combine(dir.Path, "bundle");
        var logs = CliRunner.InProcess("logs", file, "--out", bundle);
        Assert.True(logs.ExitCode == 0, logs.Stderr);
        var unparsedWhere = $"{unparsed.Count} ({file}:{string.Join(", ", unparsed.Take(LogAnalyzer.FirstLines))}{(unparsed.Count > LogAnalyzer.FirstLines ? ", …" : "")})";
        var oooWhere = $"{ooo.Count} ({file}:{string.Join(", ", ooo)})";
        var checklist = Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        var en = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--lang", "en", "-v", "--out", outDir, "--html", Path.Combine(outDir, "r.html"));
        Assert.True(en.Stdout.Length > 0, en.Stderr);
        Assert.Contains($"logs.unparsed == 0: actual {unparsedWhere}, expected == 0", en.Stdout);
        Assert.Contains($"logs.out_of_order == 0: actual {oooWhere}, expected == 0", en.Stdout);
        var zh = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--lang", "zh", "-v");
        Assert.Contains(oooWhere, zh.Stdout);
        Assert.Contains(unparsedWhere, zh.Stdout);
        var row = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")))!["items"]!.AsArray()
            .Single(r => (string)r!["id"]! == "6.5.1a.continuity")!;
        Assert.Equal(unparsedWhere, (string)row["evidence"]![0]!["actual"]!);
        Assert.Equal(oooWhere, (string)row["evidence"]![1]!["actual"]!);
        var html = File.ReadAllText(Path.Combine(outDir, "r.html"));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(oooWhere), html);
        using var book = new XLWorkbook(Path.Combine(outDir, "scorecard.xlsx"));
        Assert.Contains(book.Worksheets.SelectMany(w => w.CellsUsed()), c => c.GetString().Contains(oooWhere, StringComparison.Ordinal));
    }
}
