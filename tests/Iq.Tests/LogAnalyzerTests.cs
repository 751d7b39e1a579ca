using System.Text.Json.Nodes;
using Iq.Engine.Evidence;

namespace Iq.Tests;

/// <summary>iq logs over real Debian installation logs (copies from the development machine, and the live ones) and
/// over JSON lines, CSV, syslog and regex logs; bad lines are counted with their numbers, never fatal.</summary>
public class LogAnalyzerTests
{
    static string Log(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "logs", name);

    static JsonObject Analyze(string format, string file, Dictionary<string, string>? map = null)
    {
        var a = new LogAnalyzer(format, map ?? []);
        a.Analyze(file);
        return a.Facts();
    }

    [Theory]
    [InlineData("apt-history.log")]
    [InlineData("apt-with-operators.log")]
    [InlineData("/var/log/apt/history.log")]
    public void Apt_history_transactions_and_operators_match_a_count_by_hand(string file)
    {
        var path = file.StartsWith('/') ? file : Log(file);
        if (!File.Exists(path)) return; // a machine without apt: the committed copies still run
        var lines = File.ReadAllLines(path);
        var facts = Analyze("apt", path);
        var transactions = lines.Count(l => l.StartsWith("Start-Date", StringComparison.Ordinal));
        Assert.Equal(transactions, (long)facts["events"]!);
        Assert.Equal(transactions, (long)facts["tasks"]!);
        Assert.Equal(lines.Count(l => l.StartsWith("Requested-By", StringComparison.Ordinal)) / (double)transactions,
            (double)facts["field_coverage"]!["operator"]!, 6);
        Assert.Equal(lines.Count(l => l.StartsWith("Error:", StringComparison.Ordinal)), (long)facts["tasks_failed"]!);
        Assert.Equal(0, (long)facts["unparsed"]!);
    }

    [Fact]
    public void Apt_with_operators_in_detail()
    {
        var facts = Analyze("apt", Log("apt-with-operators.log"));
        Assert.Equal("""{"install":2,"upgrade":1}""", facts["events_by_type"]!.ToJsonString());
        Assert.Equal(2.0 / 3, (double)facts["field_coverage"]!["operator"]!, 6);
        Assert.Equal(1, (long)facts["tasks_failed"]!);
        Assert.Equal(0, (long)facts["tasks_complete"]!); // apt records no approval
        Assert.Equal(300_000.0, (double)facts["largest_gap"]!); // events are the transactions' starts: 09:05:00 → 09:10:00
    }

    [Theory]
    [InlineData("dpkg.log")]
    [InlineData("/var/log/dpkg.log")]
    public void Dpkg_installs_match_grep(string file)
    {
        var path = file.StartsWith('/') ? file : Log(file);
        if (!File.Exists(path)) return;
        var lines = File.ReadAllLines(path);
        var facts = Analyze("dpkg", path);
        Assert.Equal(lines.Length, (long)facts["lines"]!);
        Assert.Equal(lines.Count(l => l.Contains(" install ", StringComparison.Ordinal)), (long)facts["events_by_type"]!["install"]!);
        Assert.Equal(lines.Count(l => l.Contains(" configure ", StringComparison.Ordinal)), (long)facts["events_by_type"]!["configure"]!);
    }

    [Fact]
    public void Json_lines_with_a_field_mapping()
    {
        var facts = Analyze("jsonl", Log("install.jsonl"), new() { ["time"] = "ts", ["operator"] = "user", ["device"] = "host", ["task"] = "job",
            ["event"] = "action", ["parameters"] = "params", ["result"] = "status" });
        Assert.Equal(10, (long)facts["lines"]!);
        Assert.Equal(2, (long)facts["unparsed"]!);
        Assert.Equal("[8,9]", facts["unparsed_lines"]!.ToJsonString());
        Assert.Equal(8, (long)facts["events"]!);
        Assert.Equal(3, (long)facts["tasks"]!);
        Assert.Equal(1, (long)facts["tasks_complete"]!); // t1: created, approved, executed, completed
        Assert.Equal(1, (long)facts["tasks_failed"]!);   // t2
        Assert.Equal(7.0 / 8, (double)facts["field_coverage"]!["device"]!, 6);
        Assert.Equal(1, (double)facts["field_coverage"]!["parameters"]!, 6);
        Assert.Equal(1, (long)facts["out_of_order"]!);  // 08:05 after 08:10
        Assert.Equal(40 * 60_000.0, (double)facts["largest_gap"]!); // 08:20 → 09:00
        Assert.Equal("2026-11-20T08:00:00.0000000+00:00", (string)facts["first_event"]!);
    }

    [Fact]
    public void Csv_with_a_header_row()
    {
        var facts = Analyze("csv", Log("install.csv"));
        Assert.Equal(5, (long)facts["lines"]!); // the header is not counted
        Assert.Equal(1, (long)facts["unparsed"]!);
        Assert.Equal(1, (long)facts["tasks_complete"]!);
        Assert.Equal(0.75, (double)facts["field_coverage"]!["device"]!, 6);
    }

    [Fact]
    public void Syslog_and_regex()
    {
        var syslog = Analyze("syslog", Log("syslog.log"));
        Assert.Equal(2, (long)syslog["events"]!);
        Assert.Equal("[3]", syslog["unparsed_lines"]!.ToJsonString());
        Assert.Equal("""{"dockerd":1,"installer":1}""", syslog["events_by_type"]!.ToJsonString());
        var regex = Analyze(@"regex:^(?<time>\S+ \S+ \S+) (?<device>\S+) (?<event>\w+)", Log("syslog.log"));
        Assert.Equal(2, (long)regex["events"]!);
        Assert.Equal(1, (double)regex["field_coverage"]!["device"]!, 6);
    }

    [Fact]
    public void Binary_content_is_counted_not_fatal()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "mixed.jsonl");
        File.WriteAllBytes(file, [.. "{\"time\":\"2026-11-20T08:00:00Z\",\"event\":\"created\"}\n"u8.ToArray(), 0x00, 0xFF, 0xFE, 0x10, (byte)'\n',
            .. "{\"time\":\"2026-11-20T08:00:01Z\",\"event\":\"approved\"}"u8.ToArray()]);
        var facts = Analyze("jsonl", file);
        Assert.Equal(3, (long)facts["lines"]!);
        Assert.Equal(2, (long)facts["events"]!);
        Assert.Equal("[2]", facts["unparsed_lines"]!.ToJsonString());
    }

    [Fact]
    public void Bad_options_are_clear_errors()
    {
        Assert.Equal("unknown --format 'xml'; expected jsonl, csv, apt, dpkg, syslog, regex:PATTERN",
            Assert.Throws<EvidenceInputException>(() => new LogAnalyzer("xml", new Dictionary<string, string>())).Message);
        Assert.StartsWith("--format regex: invalid pattern: ", Assert.Throws<EvidenceInputException>(() => new LogAnalyzer("regex:(", new Dictionary<string, string>())).Message);
        var run = CliRunner.InProcess("logs", "/no/such.log", "--format", "apt");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("iq: error IQ4007: /no/such.log: file not found\n", run.Stderr);
    }
}
