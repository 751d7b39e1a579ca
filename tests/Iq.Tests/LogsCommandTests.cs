using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>iq logs over several files: the format told per file, and several runs adding to one logs document.</summary>
public class LogsCommandTests
{
    static string Log(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "logs", name);

    static JsonObject Facts(string dir) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "logs.json")))!["facts"]!;

    [Fact]
    public void Each_file_gets_its_own_format()
    {
        using var dir = new TempDir();
        var run = CliRunner.InProcess("logs", Log("apt-history.log"), Log("dpkg.log"), Log("install.jsonl"), Log("syslog.log"), "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var sources = Facts(dir.Path)["sources"]!.AsArray();
        Assert.Equal(["apt", "dpkg", "jsonl", "syslog"], sources.Select(s => (string)s!["format"]!));
        // Each file counted as it would be alone.
        foreach (var (file, format) in new[] { ("apt-history.log", "apt"), ("dpkg.log", "dpkg"), ("install.jsonl", "jsonl"), ("syslog.log", "syslog") })
        {
            var alone = new Iq.Engine.Evidence.LogAnalyzer(format, new Dictionary<string, string>());
            alone.Analyze(Log(file));
            var facts = alone.Facts();
            var source = sources.Single(s => ((string)s!["file"]!).EndsWith(file, StringComparison.Ordinal))!;
            Assert.Equal((long)facts["events"]!, (long)source["events"]!);
            Assert.Equal((long)facts["lines"]!, (long)source["lines"]!);
        }
        Assert.Equal(sources.Sum(s => (long)s!["events"]!), (long)Facts(dir.Path)["events"]!);
    }

    [Fact]
    public void A_file_whose_format_cannot_be_told_is_named()
    {
        using var dir = new TempDir();
        var odd = Path.Combine(dir.Path, "odd.txt");
        File.WriteAllText(odd, "nothing a known log format writes\n");
        var run = CliRunner.InProcess("logs", Log("dpkg.log"), odd, "--out", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"iq: error IQ6004: cannot tell the format of {odd} from its name or first lines: give --format", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "logs.json")));
    }

    [Fact]
    public void Two_runs_add_to_one_logs_document_as_one_run_over_both_files()
    {
        using var two = new TempDir();
        using var one = new TempDir();
        Assert.Equal(0, CliRunner.InProcess("logs", Log("apt-history.log"), "--out", two.Path).ExitCode);
        var second = CliRunner.InProcess("logs", Log("install.jsonl"), "--out", two.Path);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("logs.json now holds 2 log source(s)", second.Stdout);
        Assert.Equal(0, CliRunner.InProcess("logs", Log("apt-history.log"), Log("install.jsonl"), "--out", one.Path).ExitCode);
        Assert.True(JsonNode.DeepEquals(Facts(one.Path), Facts(two.Path)), Facts(two.Path).ToJsonString());
        var facts = Facts(two.Path);
        Assert.Equal(2, facts["sources"]!.AsArray().Count);

        // Analysing a file again replaces its entry: nothing is counted twice.
        Assert.Equal(0, CliRunner.InProcess("logs", Log("install.jsonl"), "--out", two.Path).ExitCode);
        Assert.True(JsonNode.DeepEquals(facts, Facts(two.Path)));

        // And the document is one the audit reads.
        var bundle = Iq.Engine.Facts.FactBundleReader.Load([two.Path], Iq.Engine.Facts.FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
    }

    [Fact]
    public void A_task_split_over_two_files_is_one_task_with_its_whole_lifecycle()
    {
        using var dir = new TempDir();
        var first = Path.Combine(dir.Path, "install.1.jsonl");
        var second = Path.Combine(dir.Path, "install.jsonl");
        File.WriteAllText(first, "{\"time\":\"2026-11-01T10:00:00Z\",\"task\":\"t1\",\"event\":\"created\"}\n{\"time\":\"2026-11-01T10:01:00Z\",\"task\":\"t1\",\"event\":\"approved\"}\n");
        File.WriteAllText(second, "{\"time\":\"2026-11-01T10:02:00Z\",\"task\":\"t1\",\"event\":\"executed\"}\n{\"time\":\"2026-11-01T10:03:00Z\",\"task\":\"t1\",\"event\":\"completed\"}\n");
        var bundle = Path.Combine(dir.Path, "bundle");
        Assert.Equal(0, CliRunner.InProcess("logs", first, "--out", bundle).ExitCode);
        Assert.Equal(0, (long)Facts(bundle)["tasks_complete"]!);
        Assert.Equal(0, CliRunner.InProcess("logs", second, "--out", bundle).ExitCode);
        var facts = Facts(bundle);
        Assert.Equal(1, (long)facts["tasks"]!);
        Assert.Equal(1, (long)facts["tasks_complete"]!);
        Assert.Equal("2026-11-01T10:00:00.0000000+00:00", (string)facts["first_event"]!);
        Assert.Equal("2026-11-01T10:03:00.0000000+00:00", (string)facts["last_event"]!);
    }

    [Fact]
    public void A_logs_document_that_cannot_be_added_to_is_an_error_and_is_left_alone()
    {
        using var dir = new TempDir();
        var doc = Path.Combine(dir.Path, "logs.json");
        File.WriteAllText(doc, "{\"kind\":\"logs\",\"schema\":1,\"facts\":{\"lines\":3}}");
        var run = CliRunner.InProcess("logs", Log("dpkg.log"), "--out", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no sources (at $.facts.sources)", run.Stderr);
        Assert.Equal("{\"kind\":\"logs\",\"schema\":1,\"facts\":{\"lines\":3}}", File.ReadAllText(doc));
        File.WriteAllText(doc, "{\"kind\":\"logs\",");
        Assert.Contains("malformed JSON", CliRunner.InProcess("logs", Log("dpkg.log"), "--out", dir.Path).Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_logs_document_changed_since_iq_wrote_it_is_not_added_to()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.InProcess("logs", Log("dpkg.log"), "--out", dir.Path).ExitCode);
        var doc = Path.Combine(dir.Path, "logs.json");
        Assert.True(File.Exists(doc + ".seal"), "iq logs seals what it writes");
        // Edited by hand (one byte is enough): adding to it would pass its counts off as measured.
        var edited = File.ReadAllText(doc) + " ";
        File.WriteAllText(doc, edited);
        var run = CliRunner.InProcess("logs", Log("apt-history.log"), "--out", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("iq logs adds only to a logs document as iq wrote it", run.Stderr);
        Assert.Equal(edited, File.ReadAllText(doc));
    }
}
