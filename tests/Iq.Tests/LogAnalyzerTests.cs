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

    /// <summary>Syslog (RFC 3164, rsyslog's traditional file format) times carry no year: it comes from a reference the
    /// user controls, never the clock of the analysis, so these hold in any year the suite runs.</summary>
    static JsonObject Syslog(string file, DateTimeOffset? asOf = null, DateTime? mtime = null)
    {
        using var dir = new TempDir();
        var copy = Path.Combine(dir.Path, Path.GetFileName(file));
        File.Copy(file, copy);
        File.SetLastWriteTimeUtc(copy, mtime ?? new DateTime(2031, 7, 1, 0, 0, 0, DateTimeKind.Utc));
        var a = new LogAnalyzer("syslog", new Dictionary<string, string>()) { YearReference = asOf };
        a.Analyze(copy);
        return a.Facts();
    }

    static string Iso(int y, int mo, int d, int h, int mi, int s) => new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Syslog_over_new_year_is_in_order_with_the_year_from_the_files_mtime()
    {
        // Written up to Jan 1 2027 00:17: the December lines are 2026's, the log runs on into 2027 in order.
        var facts = Syslog(Log("syslog-new-year.log"), mtime: new DateTime(2027, 1, 1, 0, 20, 0, DateTimeKind.Utc));
        Assert.Equal(5, (long)facts["events"]!);
        Assert.Equal(1.0, (double)facts["field_coverage"]!["time"]!, 6);
        Assert.Equal(0, (long)facts["out_of_order"]!);
        Assert.Equal(Iso(2026, 12, 31, 23, 59, 1), (string)facts["first_event"]!);
        Assert.Equal(Iso(2027, 1, 1, 0, 17, 1), (string)facts["last_event"]!);
        Assert.Equal(16 * 60 * 1000.0 + 59_000, (double)facts["largest_gap"]!); // 00:00:02 → 00:17:01
    }

    [Fact]
    public void Syslog_year_from_as_of_overrides_the_mtime_and_months_after_it_are_the_year_before()
    {
        // --as-of in June 2027: December is later than June, so the log began in December 2026.
        var june = Syslog(Log("syslog-new-year.log"), asOf: new DateTimeOffset(2027, 6, 15, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(Iso(2026, 12, 31, 23, 59, 1), (string)june["first_event"]!);
        Assert.Equal(Iso(2027, 1, 1, 0, 17, 1), (string)june["last_event"]!);
        Assert.Equal(0, (long)june["out_of_order"]!);
        // A reference in December itself: the December lines are that year's, the January lines the next.
        var december = Syslog(Log("syslog-new-year.log"), asOf: new DateTimeOffset(2030, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(Iso(2030, 12, 31, 23, 59, 1), (string)december["first_event"]!);
        Assert.Equal(Iso(2031, 1, 1, 0, 17, 1), (string)december["last_event"]!);
        // The same log, the same reference: the same facts (the mtime no longer matters).
        Assert.Equal(june.ToJsonString(), Syslog(Log("syslog-new-year.log"), asOf: new DateTimeOffset(2027, 6, 15, 0, 0, 0, TimeSpan.Zero),
            mtime: new DateTime(2040, 3, 3, 0, 0, 0, DateTimeKind.Utc)).ToJsonString());
    }

    [Fact]
    public void Syslog_leap_day_keeps_its_time_in_a_leap_year_and_has_none_in_another()
    {
        var leap = Syslog(Log("syslog-leap-day.log"), mtime: new DateTime(2028, 3, 1, 0, 5, 0, DateTimeKind.Utc));
        Assert.Equal(4, (long)leap["events"]!);
        Assert.Equal(1.0, (double)leap["field_coverage"]!["time"]!, 6);
        Assert.Equal(Iso(2028, 2, 28, 23, 59, 59), (string)leap["first_event"]!);
        Assert.Equal(Iso(2028, 3, 1, 0, 0, 0), (string)leap["last_event"]!);
        Assert.Equal(0, (long)leap["out_of_order"]!);
        // 2027 has no Feb 29: those two events are counted, without a time (never moved to Mar 1).
        var plain = Syslog(Log("syslog-leap-day.log"), asOf: new DateTimeOffset(2027, 3, 1, 0, 5, 0, TimeSpan.Zero));
        Assert.Equal(4, (long)plain["events"]!);
        Assert.Equal(0.5, (double)plain["field_coverage"]!["time"]!, 6);
    }

    [Fact]
    public void Syslog_a_month_a_little_earlier_is_out_of_order_not_a_new_year()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "messages");
        File.WriteAllText(file, "Feb  1 00:00:01 lab-node-01 systemd[1]: Started session-7.scope.\n" +
            "Jan 31 23:59:59 lab-node-01 sshd[811]: Accepted publickey for iq from 10.0.0.5 port 51234 ssh2\n");
        var facts = Syslog(file, asOf: new DateTimeOffset(2029, 2, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (long)facts["out_of_order"]!);
        Assert.Equal(Iso(2029, 1, 31, 23, 59, 59), (string)facts["first_event"]!);
        Assert.Equal(Iso(2029, 2, 1, 0, 0, 1), (string)facts["last_event"]!);
    }

    [Fact]
    public void Iq_logs_says_what_the_syslog_years_were_read_against()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "syslog");
        File.Copy(Log("syslog-new-year.log"), file);
        File.SetLastWriteTimeUtc(file, new DateTime(2027, 1, 1, 0, 20, 0, DateTimeKind.Utc));
        var run = CliRunner.InProcess("logs", file, "--out", Path.Combine(dir.Path, "b"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"  {file}: syslog times carry no year; years read against 2027-01-01 (the file's last modification time)", run.Stdout);
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "b", "logs.json")))!["facts"]!;
        Assert.Equal(0, (long)facts["out_of_order"]!);
        Assert.Equal(Iso(2026, 12, 31, 23, 59, 1), (string)facts["first_event"]!);
        var asOf = CliRunner.InProcess("logs", file, "--as-of", "2031-02-01", "--out", Path.Combine(dir.Path, "c"));
        Assert.Equal(0, asOf.ExitCode);
        Assert.Contains("years read against 2031-02-01 (--as-of)", asOf.Stdout);
        Assert.Equal(Iso(2030, 12, 31, 23, 59, 1), (string)JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "c", "logs.json")))!["facts"]!["first_event"]!);
        var bad = CliRunner.InProcess("logs", file, "--as-of", "next year", "--out", Path.Combine(dir.Path, "d"));
        Assert.Equal(2, bad.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "d")));
    }

    /// <summary>What syslog times were read against is in logs.json, per file (the year's reference and where it came from,
    /// the zone), declared in the fact schema; <c>--tz</c> reads them in a zone, checked against GNU date's reading of the
    /// same wall-clock time in the same zone (the system's tz database); a zone that is none is exit 2 naming it.</summary>
    [SkippableFact]
    public void Iq_logs_records_the_syslog_year_reference_and_zone_in_logs_json_and_reads_times_in_tz()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "syslog");
        File.Copy(Log("syslog-new-year.log"), file);
        File.SetLastWriteTimeUtc(file, new DateTime(2027, 1, 1, 0, 20, 0, DateTimeKind.Utc));
        JsonNode Source(string bundle) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, bundle, "logs.json")))!["facts"]!["sources"]![0]!;

        Assert.Equal(0, CliRunner.InProcess("logs", file, "--out", Path.Combine(dir.Path, "b")).ExitCode);
        Assert.Equal("""{"year_reference":"2027-01-01","year_reference_from":"mtime","zone":"UTC"}""", Source("b")["syslog_times"]!.ToJsonString());
        Assert.Equal(0, CliRunner.InProcess("logs", file, "--as-of", "2031-02-01", "--out", Path.Combine(dir.Path, "c")).ExitCode);
        Assert.Equal("""{"year_reference":"2031-02-01","year_reference_from":"as-of","zone":"UTC"}""", Source("c")["syslog_times"]!.ToJsonString());
        // Declared once in the fact schema, so iq schema logs (and the audit's reader) knows the member.
        var schema = CliRunner.InProcess("schema", "logs");
        Assert.Equal(0, schema.ExitCode);
        Assert.Contains("\"year_reference_from\"", schema.Stdout);

        var date = Oracles.Which("date");
        Oracles.Require(date is not null, "date (Debian package coreutils)");
        foreach (var zone in new[] { "Asia/Shanghai", "America/New_York", "+05:30", "-03:00" })
        {
            var bundle = "tz" + zone.Replace('/', '-').Replace(':', '-');
            var run = CliRunner.InProcess("logs", file, "--as-of", "2027-06-15", "--tz", zone, "--out", Path.Combine(dir.Path, bundle));
            Assert.True(run.ExitCode == 0, run.Stderr);
            var source = Source(bundle);
            Assert.Equal(zone, (string)source["syslog_times"]!["zone"]!);
            // GNU date: the first line's wall-clock time (2026-12-31 23:59:01) in that zone, as UTC.
            var tzSpec = zone.StartsWith('+') || zone.StartsWith('-') ? $"2026-12-31 23:59:01 {zone}" : $"TZ=\"{zone}\" 2026-12-31 23:59:01";
            var expected = Oracles.Run(date!, ["-u", "-d", tzSpec, "+%Y-%m-%dT%H:%M:%S"]);
            Assert.Equal(0, expected.Exit);
            var first = DateTimeOffset.Parse((string)source["first_event"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
            Assert.Equal(expected.Stdout.Trim(), first.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var bad in new[] { "Mars/Olympus", "+25:00", "../../etc/passwd", "" })
        {
            var run = CliRunner.InProcess("logs", file, "--tz", bad, "--out", Path.Combine(dir.Path, "bad"));
            Assert.True(run.ExitCode == 2, $"--tz '{bad}': {run.ExitCode} {run.Stderr}");
            Assert.Contains($"--tz: '{bad}' is not a time zone", run.Stderr);
            Assert.False(Directory.Exists(Path.Combine(dir.Path, "bad")));
        }
    }

    /// <summary>dpkg.log and apt history times are the machine's wall clock without a zone, as syslog's are: --tz reads them
    /// too, by the same rule. Each dpkg line and apt transaction (real lines from /var/log, their dates moved onto both 2025
    /// summer-time changes in Europe/Berlin: a time the clock skipped, one it showed twice, either side of each) is read
    /// alone and its time compared with GNU date's reading of the same wall clock in the same zone (the system's tz
    /// database); a time GNU date calls invalid is an event without a time. logs.json records the zone per file.</summary>
    [SkippableFact]
    public void Iq_logs_reads_dpkg_and_apt_times_in_tz_across_summer_time_as_gnu_date_does()
    {
        var date = Oracles.Which("date");
        Oracles.Require(date is not null, "date (Debian package coreutils)");
        const string zone = "Europe/Berlin";
        string? Gnu(string wall)
        {
            var run = Oracles.Run(date!, ["-u", "-d", $"TZ=\"{zone}\" {wall}", "+%Y-%m-%dT%H:%M:%S"]);
            return run.Exit == 0 ? run.Stdout.Trim() : null;
        }
        using var dir = new TempDir();
        var dpkg = File.ReadAllLines(Log("dpkg-dst.log")).Select(l => (Text: l + "\n", Wall: l[..19])).ToList();
        var apt = File.ReadAllText(Log("apt-history-dst.log")).Split("\n\n").Select(t => t.Trim('\n'))
            .Select(t => (Text: t + "\n", Wall: t.Split('\n')[0]["Start-Date: ".Length..].Replace("  ", " "))).ToList();
        var offsets = new HashSet<string>();
        var n = 0;
        foreach (var (format, units) in new[] { ("dpkg", dpkg), ("apt", apt) })
            foreach (var (text, wall) in units)
            {
                var file = Path.Combine(dir.Path, $"{format}-{++n}.log");
                File.WriteAllText(file, text);
                var bundle = Path.Combine(dir.Path, $"unit-{n}");
                var alone = CliRunner.InProcess("logs", file, "--format", format, "--tz", zone, "--out", bundle);
                Assert.True(alone.ExitCode == 0, alone.Stderr);
                var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "logs.json")))!["facts"]!;
                Assert.Equal(1, (long)facts["events"]!);
                Assert.Equal(0, (long)facts["unparsed"]!);
                var expected = Gnu(wall);
                var got = (string?)facts["first_event"];
                Assert.True(expected == (got is null ? null : DateTimeOffset.Parse(got, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime
                    .ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)), $"{format} {wall}: GNU date {expected ?? "invalid"}, iq {got ?? "no time"}");
                offsets.Add(expected is null ? "invalid" : (DateTime.Parse(wall, System.Globalization.CultureInfo.InvariantCulture)
                    - DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)).ToString());
            }
        // The fixtures reach both offsets and the gap, so the comparison above is across the changes, not beside them.
        Assert.Equal(["01:00:00", "02:00:00", "invalid"], offsets.Order());

        // The CLI: --tz reads both files, each source records the zone it was read in; without --tz, UTC.
        var out1 = Path.Combine(dir.Path, "b");
        var run = CliRunner.InProcess("logs", Log("dpkg-dst.log"), Log("apt-history-dst.log"), "--tz", zone, "--out", out1);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var sources = JsonNode.Parse(File.ReadAllText(Path.Combine(out1, "logs.json")))!["facts"]!["sources"]!.AsArray();
        Assert.Equal(["dpkg", "apt"], sources.Select(s => (string)s!["format"]!));
        foreach (var (source, units) in sources.Zip([dpkg, apt]))
        {
            Assert.Equal($$"""{"zone":"{{zone}}"}""", source!["local_times"]!.ToJsonString());
            var times = units.Select(u => Gnu(u.Wall)).OfType<string>().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(times[0] + "Z", DateTimeOffset.Parse((string)source["first_event"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(times[^1] + "Z", DateTimeOffset.Parse((string)source["last_event"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        }
        var utc = CliRunner.InProcess("logs", Log("dpkg-dst.log"), "--out", Path.Combine(dir.Path, "c"));
        Assert.Equal(0, utc.ExitCode);
        var plain = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "c", "logs.json")))!["facts"]!["sources"]![0]!;
        Assert.Equal("""{"zone":"UTC"}""", plain["local_times"]!.ToJsonString());
        Assert.Equal("2025-03-30T01:59:59.0000000+00:00", (string)plain["first_event"]!);
        Assert.Contains("\"local_times\"", CliRunner.InProcess("schema", "logs").Stdout);
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
