using System.Net;
using System.Text.RegularExpressions;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Reports;
using Iq.Scoring.Text;
using SkiaSharp;

namespace Iq.Tests;

/// <summary>The charts' texts are drawn in a font that has their glyphs (Chinese came out as boxes in the scorecard's PNG and
/// blank in the HTML report's SVG when ScottPlot kept DejaVu Serif): checked on what the charts emit, with SkiaSharp's
/// glyph lookup (what the PNG is drawn with) and fontconfig's own list of fonts covering Chinese.</summary>
public class ChartFontTests(SampleReports samples) : IClassFixture<SampleReports>
{
    [SkippableTheory]
    [InlineData("zh")]
    [InlineData("en")]
    public void Every_text_of_every_chart_is_drawn_in_a_font_that_has_its_glyphs(string lang)
    {
        var bytes = File.ReadAllBytes(samples.File("failing", "json"));
        var set = ResultsJson.ReadSet(bytes, "failing.json", new DiagnosticBag())!;
        var labels = ChartGlyphs.AssertDrawn(set.First, ReportTexts.For(lang));
        var t = ReportTexts.For(lang);
        Assert.Contains(Squash(t["chart.latency.title"]), labels);
        Assert.Contains(Squash(t["chart.throughput.title"]), labels);
        Assert.Contains(Squash(t["chart.concurrency"]), labels);
        Assert.Contains(Squash(t["chart.latency.axis"]), labels);
        Assert.Contains(Squash(t["chart.mean"]), labels);
        if (lang == "zh")
        {
            // fontconfig, which knows nothing of ours, lists the chosen family among those that cover Chinese.
            var fcList = Requires.Tool("fc-list", "fontconfig");
            var (code, stdout, _) = Requires.Run(fcList, ":lang=zh", "family");
            Assert.Equal(0, code);
            var family = ChartFont.For(ReportCharts.Texts(set.First, t))!;
            Assert.Contains(stdout.Split('\n'), l => l.Split(',').Contains(family));
        }
    }

    [Fact]
    public void A_text_no_installed_font_draws_gets_no_font()
    {
        // Tangut: no font on this machine or in .ci/run covers it.
        Assert.Null(ChartFont.For(["\U00017000\U00017001"]));
        Assert.NotNull(ChartFont.For(["各并发级别的延迟", "0123"]));
    }

    /// <summary>The CLI, as a user runs it, on a machine with no fonts: iq in a child process whose /usr/share/fonts (the
    /// directory SkiaSharp's Linux build reads; it does not ask fontconfig) is an empty tmpfs, in a mount namespace of its
    /// own (<c>unshare -rm</c>, util-linux). The audit and <c>iq report</c> exit 2 naming the package, and write nothing.</summary>
    [SkippableFact]
    public void The_cli_refuses_charts_no_installed_font_draws_and_writes_nothing()
    {
        var unshare = Oracles.Which("unshare");
        Oracles.Require(unshare is not null && Oracles.Run(unshare, ["-rm", "true"]).Exit == 0,
            "unshare with user and mount namespaces (Debian package util-linux)");
        using var dir = new TempDir();
        var iq = Path.Combine(AppContext.BaseDirectory, "iq.dll");
        (int Exit, string Stdout, string Stderr) Fontless(params string[] args) => Oracles.Run(unshare!,
            ["-rm", "sh", "-c", "mount -t tmpfs none /usr/share/fonts && exec \"$@\"", "sh", "dotnet", iq, .. args]);

        // The same machine with its fonts draws them (the refusal below is the fonts' absence, nothing else).
        var withFonts = Oracles.Run(unshare!, ["-rm", "sh", "-c", "exec \"$@\"", "sh", "dotnet", iq,
            "report", samples.File("failing", "json"), "--html", Path.Combine(dir.Path, "with-fonts.html")]);
        Assert.True(withFonts.Exit == 1, withFonts.Stderr);

        var out1 = Path.Combine(dir.Path, "audit");
        var audit = Fontless("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts",
            Path.Combine(TestPaths.Checklists, "samples", "failing"), "--out", out1, "--html", Path.Combine(out1, "r.html"));
        Assert.True(audit.Exit == 2, audit.Stdout + audit.Stderr);
        Assert.Contains("apt-get install fonts-wqy-microhei", audit.Stderr);
        Assert.DoesNotContain("   at ", audit.Stderr);     // a message, not a stack trace
        Assert.Equal("", audit.Stdout);
        Assert.True(!Directory.Exists(out1) || Directory.GetFileSystemEntries(out1).Length == 0, string.Join(", ", Directory.Exists(out1) ? Directory.GetFileSystemEntries(out1) : []));

        var out2 = Path.Combine(dir.Path, "report");
        Directory.CreateDirectory(out2);
        var report = Fontless("report", samples.File("failing", "json"), "--xlsx", Path.Combine(out2, "s.xlsx"), "--json", Path.Combine(out2, "r.json"));
        Assert.True(report.Exit == 2, report.Stdout + report.Stderr);
        Assert.Contains("apt-get install fonts-wqy-microhei", report.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(out2));
    }

    static string Squash(string s) => Regex.Replace(s, @"\s+", "");
}

/// <summary>Reads back the texts a chart's SVG carries and checks each against the typeface it names.</summary>
static class ChartGlyphs
{
    static readonly Regex Text = new(@"<text[^>]*font-family=""([^"",]+)[^""]*""[^>]*>(.*?)</text>", RegexOptions.Singleline);

    /// <summary>Every nonblank text of every chart of <paramref name="doc"/>, whitespace removed; asserts that the family each
    /// names is installed (not a substitute) and has a glyph for every character, and that each chart's title is among them.</summary>
    public static HashSet<string> AssertDrawn(ResultsDocument doc, ReportTexts t)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var charts = ReportCharts.For(doc, t);
        Assert.NotEmpty(charts);
        foreach (var chart in charts)
        {
            var texts = Text.Matches(chart.Svg())
                .Select(m => (Family: m.Groups[1].Value.Trim(), Text: Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(m.Groups[2].Value, "<[^>]*>", "")), @"\s+", "")))
                .Where(x => x.Text.Length > 0).ToList();
            Assert.Contains(Regex.Replace(chart.Title, @"\s+", ""), texts.Select(x => x.Text));
            foreach (var (family, text) in texts)
            {
                using var typeface = SKTypeface.FromFamilyName(family);
                Assert.Equal(family, typeface.FamilyName);
                using var font = new SKFont(typeface);
                var glyphs = font.GetGlyphs(text);
                Assert.True(glyphs.All(g => g != 0), $"chart {chart.Id}: {family} has no glyph for some of '{text}'");
                labels.Add(text);
            }
            // The PNG is drawn from the same plot: a picture, not an empty one.
            Assert.True(chart.Png().Length > 5000, $"chart {chart.Id}: PNG");
        }
        return labels;
    }
}

/// <summary>The console summary is rendered from the results document the other reports read: its counts, scores, failed
/// items and verdict are the results JSON's.</summary>
public class ConsoleSummaryTests
{
    [Theory]
    [InlineData("compliant")]
    [InlineData("failing")]
    public void The_console_summary_prints_the_counts_scores_and_verdict_of_the_results_json(string sample)
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", SampleReports.Sample(sample), "--as-of", "2026-11-22", "--json", json);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json)).RootElement;
        var lines = run.Stdout.Split('\n');

        // A line per section, in the JSON's order: the id first, then weight, score and the count of every outcome.
        var row = new Regex(@"^\s*(?<id>\d+(\.\d+)*)\s.*?\s(?<score>[\d.]+|—)\s+(?<pass>\d+)\s+(?<fail>\d+)\s+(?<err>\d+)\s+(?<na>\d+)\s+(?<todo>\d+)\s+(?<info>\d+)\s+(?<waived>\d+)\s+(?<nsel>\d+)\s*$");
        var printed = lines.Select(l => row.Match(l)).Where(m => m.Success).ToList();
        var sections = Flatten(doc.GetProperty("sections")).ToList();
        Assert.Equal(sections.Select(s => s.GetProperty("id").GetString()), printed.Select(m => m.Groups["id"].Value));
        foreach (var (s, m) in sections.Zip(printed))
        {
            var sectionCounts = s.GetProperty("counts");
            foreach (var (group, name) in new[] { ("pass", "pass"), ("fail", "fail"), ("err", "error"), ("na", "notapplicable"), ("todo", "notchecked"),
                         ("info", "informational"), ("waived", "waived"), ("nsel", "notselected") })
                Assert.Equal(sectionCounts.GetProperty(name).GetInt32(), int.Parse(m.Groups[group].Value));
            if (s.GetProperty("score").ValueKind == System.Text.Json.JsonValueKind.Number)
                Assert.Equal(s.GetProperty("score").GetDouble(), double.Parse(m.Groups["score"].Value, System.Globalization.CultureInfo.InvariantCulture), 2);
        }
        // The failed and errored items are the JSON's, in its order; the score and verdict are its.
        var problems = doc.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("outcome").GetString() is "fail" or "error")
            .Select(i => i.GetProperty("id").GetString()!).ToList();
        var listed = lines.Select(l => Regex.Match(l, @"^  (FAIL|ERROR)\s+(.+?) \[[a-z]+[,\]]")).Where(m => m.Success).Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(problems, listed);
        var counts = doc.GetProperty("counts");
        Assert.Equal(counts.GetProperty("fail").GetInt32() + counts.GetProperty("error").GetInt32(), listed.Count);
        var verdict = lines.Single(l => l.StartsWith("Score ", StringComparison.Ordinal));
        Assert.Contains($"Verdict: {doc.GetProperty("verdict").GetString()!.ToUpperInvariant()} — {doc.GetProperty("verdict_reason").GetString()}", verdict);
        Assert.Equal(doc.GetProperty("score").GetDouble(), double.Parse(verdict.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 2);
    }

    static IEnumerable<System.Text.Json.JsonElement> Flatten(System.Text.Json.JsonElement sections)
    {
        foreach (var s in sections.EnumerateArray())
        {
            yield return s;
            foreach (var c in Flatten(s.GetProperty("sections"))) yield return c;
        }
    }
}
