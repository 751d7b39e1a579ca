using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>Fresh eyes 8, F-C1/F-C1b: a results file with its scoring edited (the veto removed, or the failed shall rows
/// relabelled should), its verdict recomputed and resealed, agrees with itself, and iq report rendered it as a PASS. The
/// checklist it names (by SHA-256) says what its scoring and levels were: when that checklist is at hand (shipped with iq,
/// at the recorded path, or given with --checklist) iq report and iq diff refuse the edit at its JSON path, exit 2, with
/// both values; when it is not, every report's header says the scoring was not checked, and iq diff shows the level change.</summary>
public class ResultsAgainstChecklistTests
{
    static (string Json, string Checklist) Audit(TempDir dir, string? checklist = null)
    {
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", checklist ?? Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts",
            Path.Combine(TestPaths.Checklists, "samples", "failing"), "--as-of", TestClock.SamplesDay, "--json", json, "--lang", "en", "-q");
        Assert.True(run.ExitCode == 1, run.Stderr);
        return (json, checklist ?? "");
    }

    /// <summary>The verdict a file without a veto would have: the score reaches the pass mark (the edit the lab made).</summary>
    static void Passes(JsonNode r)
    {
        r["verdict"] = "pass";
        var basis = r["verdict_basis"]!;
        basis["kind"] = "reaches";
        basis["items"] = new JsonArray();
        basis["count"] = 0;
        basis["levels"] = new JsonArray();
        r["verdict_reason"] = $"score {r["score"]} reaches pass_at {r["scoring"]!["pass_at"]}";
    }

    /// <summary>The edit, and the JSON path and words it must be refused with.</summary>
    static (JsonNode Root, string Path, string Words) Edit(string json, string kind)
    {
        var r = JsonNode.Parse(File.ReadAllText(json))!;
        switch (kind)
        {
            case "veto":
                r["scoring"]!["veto"] = null;
                Passes(r);
                return (r, "$.scoring.veto", "veto is none in the results, but the checklist they name, gbt-aimd-iq 2025-draft.2, gives shall");
            default:
                var items = r["items"]!.AsArray();
                var first = -1;
                for (var i = 0; i < items.Count; i++)
                    if (items[i]!["level"]!.GetValue<string>() == "shall" && items[i]!["outcome"]!.GetValue<string>() is "fail" or "error")
                    {
                        items[i]!["level"] = "should";
                        if (first < 0) first = i;
                    }
                Assert.True(first >= 0, "the failing sample has no failed shall row");
                Passes(r);
                return (r, $"$.items[{first}].level", "level is should in the results, but the checklist they name, gbt-aimd-iq 2025-draft.2, gives shall");
        }
    }

    static string Write(string dir, string name, JsonNode root, bool seal = true)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        if (seal) Assert.Equal(0, CliRunner.InProcess("seal", path).ExitCode);
        return path;
    }

    static string C1(string xlsx, string label)
    {
        using var x = new XlsxReader(xlsx);
        return x.Rows("C.1 Report information").First(r => r.Length >= 2 && r[0] == label)[1];
    }

    static string HtmlSource(string html) => System.Net.WebUtility.HtmlDecode(Regex.Replace(
        Regex.Match(File.ReadAllText(html), "<p class=\"source[^\"]*\" id=\"source\"[^>]*>(.*?)</p>", RegexOptions.Singleline).Groups[1].Value, "<[^>]+>", ""));

    [Theory]
    [InlineData("veto")]
    [InlineData("levels")]
    public void Scoring_edited_against_the_bundled_checklist_is_refused_at_its_path(string kind)
    {
        using var dir = new TempDir();
        var (json, _) = Audit(dir);
        var (root, at, words) = Edit(json, kind);
        var edited = Write(dir.Path, "edited.json", root);
        // The edit agrees with itself: without the checklist nothing in the file contradicts it (shown below with a copy).
        var html = Path.Combine(dir.Path, "edited.html");
        var report = CliRunner.InProcess("report", edited, "--lang", "en", "--html", html);
        Assert.True(report.ExitCode == 2, $"exit {report.ExitCode}\n{report.Stdout}\n{report.Stderr}");
        Assert.Matches($@"^{Regex.Escape(edited)}:\d+:\d+: error IQ4003: {Regex.Escape(words)}.* at {Regex.Escape(at)}", report.Stderr);
        Assert.DoesNotContain("   at ", report.Stderr);
        Assert.False(File.Exists(html), "a report was written");
        var diff = CliRunner.InProcess("diff", json, edited);
        Assert.True(diff.ExitCode == 2, $"diff exit {diff.ExitCode}\n{diff.Stderr}");
        Assert.Contains($" at {at}", diff.Stderr);
    }

    /// <summary>A checklist iq does not ship, moved after the audit: the results are rendered, and the console, HTML header and
    /// C.1 say the scoring was not checked; given with --checklist it is checked (no note, the edit refused); iq diff shows a
    /// row whose level changed, as worse.</summary>
    [Fact]
    public void A_checklist_not_at_hand_is_said_and_one_given_with_checklist_is_checked()
    {
        using var dir = new TempDir();
        string P(string name) => Path.Combine(dir.Path, name);
        // A copy of the bundled checklist with a comment added: the same rows, another SHA-256, not one iq ships.
        File.WriteAllText(P("own.iq"), File.ReadAllText(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq")) + "\n# the lab's own copy\n");
        var (json, _) = Audit(dir, P("own.iq"));
        Directory.CreateDirectory(P("kept"));
        File.Move(P("own.iq"), P(Path.Combine("kept", "own.iq")));
        var own = P(Path.Combine("kept", "own.iq"));

        var report = CliRunner.InProcess("report", json, "--lang", "en", "--html", P("r.html"), "--xlsx", P("r.xlsx"));
        Assert.True(report.ExitCode == 1, report.Stderr);
        const string note = "scoring not checked against the checklist (not found)";
        Assert.Contains(note, report.Stderr);
        Assert.Contains(note, HtmlSource(P("r.html")));
        Assert.Contains(note, C1(P("r.xlsx"), "Rendered from"));
        var console = CliRunner.InProcess("report", json, "--lang", "en", "--html", P("r2.html"), "--checklist", own);
        Assert.True(console.ExitCode == 1, console.Stderr);
        Assert.DoesNotContain(note, console.Stderr);
        Assert.DoesNotContain(note, HtmlSource(P("r2.html")));

        var (vetoless, at, _) = Edit(json, "veto");
        var edited = Write(dir.Path, "edited.json", vetoless);
        var notChecked = CliRunner.InProcess("report", edited, "--lang", "en", "--html", P("e.html"));
        Assert.True(notChecked.ExitCode == 0, notChecked.Stderr);
        Assert.Contains(note, HtmlSource(P("e.html")));
        var refused = CliRunner.InProcess("report", edited, "--lang", "en", "--html", P("e2.html"), "--checklist", own);
        Assert.True(refused.ExitCode == 2, refused.Stderr);
        Assert.Contains("veto is none in the results, but the checklist they name, gbt-aimd-iq 2025-draft.2, gives shall", refused.Stderr);
        Assert.Contains($" at {at}", refused.Stderr);

        var (relabelled, _, _) = Edit(json, "levels");
        var levels = Write(dir.Path, "levels.json", relabelled);
        var diff = CliRunner.InProcess("diff", json, levels, "--lang", "en");
        Assert.True(diff.ExitCode == 1, diff.Stdout + diff.Stderr);
        Assert.Matches(@"WORSE\s+\S+\s+fail → fail\s+level shall → should", diff.Stdout);
    }

    /// <summary>Fresh eyes 8, F-C5: an input's hash zeroed and the checklist's hash replaced, resealed, went unremarked with
    /// every file present. The inputs still at their recorded paths are hashed again (sha256 of the sample's files): iq
    /// report says they match, or names the one that does not; a checklist hash that is not its own file's is refused.</summary>
    [Fact]
    public void Recorded_hashes_are_compared_with_the_files_still_present()
    {
        using var dir = new TempDir();
        var (json, _) = Audit(dir);
        var report = CliRunner.InProcess("report", json, "--lang", "en", "--html", Path.Combine(dir.Path, "r.html"));
        Assert.True(report.ExitCode == 1, report.Stderr);
        Assert.Matches(@"of the \d+ checklist and input file\(s\) the results record, the \d+ still at their recorded paths hash as recorded", report.Stdout);

        var r = JsonNode.Parse(File.ReadAllText(json))!;
        var input = r["inputs"]![3]!;
        input["sha256"] = new string('0', 64);
        var zeroed = Write(dir.Path, "zeroed.json", r);
        var said = CliRunner.InProcess("report", zeroed, "--lang", "en", "--html", Path.Combine(dir.Path, "z.html"));
        Assert.True(said.ExitCode == 1, said.Stderr);
        Assert.Contains($"still at their recorded paths no longer hash as recorded: {input["path"]!.GetValue<string>()};", said.Stderr);

        var c = JsonNode.Parse(File.ReadAllText(json))!;
        c["checklist"]!["sha256"] = new string('1', 64);
        var other = Write(dir.Path, "other.json", c);
        var refused = CliRunner.InProcess("report", other, "--lang", "en", "--html", Path.Combine(dir.Path, "o.html"));
        Assert.True(refused.ExitCode == 2, refused.Stderr);
        Assert.Contains("checklist.sha256 says 1111", refused.Stderr);
        Assert.Contains(" at $.checklist.sha256", refused.Stderr);
    }
}
