namespace Iq.Tests;

/// <summary>A <c>provenance_not_met</c> reason over a document whose seal was broken says why in the output's language: the
/// seal check's finding (typed, <c>SealReason</c>) worded by the catalog, never the results file's English note quoted into
/// Chinese output (console and explain).</summary>
public class SealReasonWordsTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    /// <summary>The compliant sample with one figure of its sealed, measured baseline edited afterwards.</summary>
    static string EditedBundle(TempDir dir)
    {
        var bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Checklists, "samples", "compliant"), "*.json*"))
            File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        var file = Path.Combine(bundle, "baseline.json");
        var text = File.ReadAllText(file);
        var at = text.IndexOf("\"errors\": 0", StringComparison.Ordinal);
        Assert.True(at > 0);
        File.WriteAllText(file, text[..at] + "\"errors\": 1" + text[(at + "\"errors\": 0".Length)..]);
        return bundle;
    }

    /// <summary>The reason lines of the rows that read the edited figure (6.1.3 b) and 6.4.2 read it).</summary>
    static List<string> ReasonLines(string stdout, string marker)
    {
        var lines = stdout.Split('\n').Where(l => l.TrimStart().StartsWith(marker, StringComparison.Ordinal)
                                                  && l.Contains("baseline.single_stream.mean", StringComparison.Ordinal) && l.Contains("baseline.json", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        return lines;
    }

    [Fact]
    public void Chinese_console_and_explain_word_the_broken_seal_in_chinese()
    {
        using var dir = new TempDir();
        var bundle = EditedBundle(dir);
        var audit = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--lang", "zh");
        Assert.True(audit.ExitCode == 1, audit.Stderr + audit.Stdout);
        // Nowhere in the Chinese console the seal check's English: not in a reason, not in the list of documents set aside.
        Assert.DoesNotContain("changed after it was sealed", audit.Stdout);
        Assert.Contains("封签已损坏（加封后被改动：SHA-256 为 ", audit.Stdout);
        // The reason of 6.1.3 b)'s latency row: "需要实测的证据：… 的来源为声明（…baseline.json：封签已损坏：加封后被改动：SHA-256 为 …）".
        Assert.All(ReasonLines(audit.Stdout, "需要实测的证据："), line =>
        {
            Assert.Contains("加封后被改动：SHA-256 为 ", line);
            Assert.DoesNotContain("changed after it was sealed", line);
            Assert.DoesNotContain("seal broken", line);
            Assert.DoesNotContain("the seal says", line);
        });

        var explain = CliRunner.InProcess("explain", "6.1.3b.latency", "--checklist", Checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--lang", "zh");
        Assert.True(explain.ExitCode == 0, explain.Stderr + explain.Stdout);
        Assert.All(ReasonLines(explain.Stdout, "需要实测的证据："), why =>
        {
            Assert.Contains("加封后被改动：SHA-256 为 ", why);
            Assert.DoesNotContain("changed after it was sealed", why);
        });
    }

    [Fact]
    public void English_console_and_explain_word_the_broken_seal_in_english()
    {
        using var dir = new TempDir();
        var bundle = EditedBundle(dir);
        var audit = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--lang", "en");
        Assert.True(audit.ExitCode == 1, audit.Stderr + audit.Stdout);
        Assert.All(ReasonLines(audit.Stdout, "measured evidence required: "), line =>
        {
            Assert.Contains("changed after it was sealed: SHA-256 ", line);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", line);
        });

        var explain = CliRunner.InProcess("explain", "6.1.3b.latency", "--checklist", Checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--lang", "en");
        Assert.True(explain.ExitCode == 0, explain.Stderr + explain.Stdout);
        Assert.All(ReasonLines(explain.Stdout, "measured evidence required: "), why =>
        {
            Assert.Contains("changed after it was sealed: SHA-256 ", why);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", why);
        });
    }
}
