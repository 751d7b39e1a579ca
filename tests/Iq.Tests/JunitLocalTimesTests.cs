using System.Globalization;
using System.Security;
using System.Text.Json.Nodes;
using Iq.Engine.Evidence;

namespace Iq.Tests;

/// <summary>A JUnit suite timestamp is, by JUnit's schema and as Ant, Maven Surefire and older pytest write it, the wall
/// clock of the machine that ran the tests, without a zone: iq tests reads it in --tz (UTC when not given) and says so in
/// the facts (local_times), as iq logs does for log times; a timestamp with an offset keeps its own. tests.finished decides
/// rows (tests that finished before the installation log ends contradict the rows resting on them), so each reading is
/// checked against GNU date's reading of the same text in the same zone, across both 2025 summer-time changes in
/// Europe/Berlin.</summary>
public class JunitLocalTimesTests
{
    const string Zone = "Europe/Berlin";

    /// <summary>The log tests' times, a space written as T: a suite timestamp is an xs:dateTime.</summary>
    static readonly string[] Texts = [.. Oracles.BerlinSummerTimeChanges.Select(t => t.Replace(' ', 'T'))];

    static string Report(IEnumerable<string> timestamps) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n" + string.Concat(timestamps.Select((t, i) =>
            $"  <testsuite name=\"s{i}\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" timestamp=\"{SecurityElement.Escape(t)}\" time=\"90\">\n" +
            $"    <testcase classname=\"c\" name=\"t{i}\" time=\"90\"/>\n  </testsuite>\n")) + "</testsuites>\n";

    static string? Gnu(string zone, string text) => Oracles.GnuDateUtc(zone, text);

    static string? Utc(JsonNode? iso) => Oracles.Utc(iso);

    static string Plus90(string utc) => DateTime.Parse(utc, CultureInfo.InvariantCulture).AddSeconds(90).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    static bool CarriesOffset(string text) => Oracles.CarriesOffset(Zone, text);

    [SkippableFact]
    public void Each_suite_timestamp_is_read_as_gnu_date_reads_it_and_local_ones_are_recorded()
    {
        using var dir = new TempDir();
        var n = 0;
        var offsets = new HashSet<string>();
        foreach (var text in Texts)
        {
            var path = Path.Combine(dir.Path, $"report-{++n}.xml");
            File.WriteAllText(path, Report([text]));
            var facts = JunitFacts.Read([path], new Dictionary<string, string>(), default, LogAnalyzer.Zone(Zone), Zone);
            Assert.Equal(1, (long)facts["total"]!);
            var expected = Gnu(Zone, text);
            Assert.True(expected == Utc(facts["started"]), $"'{text}': GNU date {expected ?? "invalid"}, iq {Utc(facts["started"]) ?? "no start"}");
            Assert.Equal(expected is null ? null : Plus90(expected), Utc(facts["finished"]));
            var local = !CarriesOffset(text);
            var recorded = facts["local_times"]?.ToJsonString();
            Assert.True((local ? $$"""{"zone":"{{Zone}}","suites":1,"skipped":{{(expected is null ? 1 : 0)}}}""" : null) == recorded,
                $"'{text}': local_times {recorded ?? "absent"}");
            if (local)
                offsets.Add(expected is null ? "invalid" : (DateTime.Parse(text, CultureInfo.InvariantCulture)
                    - DateTime.Parse(expected, CultureInfo.InvariantCulture)).ToString(@"hh\:mm", CultureInfo.InvariantCulture));
        }
        Assert.Equal(["01:00", "02:00", "invalid"], offsets.Order(StringComparer.Ordinal));
    }

    /// <summary>iq tests --tz over one report mixing timestamps with and without a zone: started and finished as GNU date
    /// says; without --tz the ones without a zone are read in UTC, and tests.json and the run's output say so; a zone
    /// that is none is exit 2 naming it, nothing written.</summary>
    [SkippableFact]
    public void Iq_tests_reads_timestamps_without_a_zone_in_tz_and_records_it()
    {
        using var dir = new TempDir();
        var report = Path.Combine(dir.Path, "junit.xml");
        File.WriteAllText(report, Report(Texts));
        foreach (var zone in new[] { Zone, "UTC", "+05:30" })
        {
            var bundle = Path.Combine(dir.Path, "b" + zone.Replace('/', '-').Replace(':', '-'));
            string[] args = zone == "UTC" ? ["tests", report, "--out", bundle] : ["tests", report, "--tz", zone, "--out", bundle];
            var run = CliRunner.InProcess(args);
            Assert.True(run.ExitCode == 0, run.Stderr);
            var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "tests.json")))!["facts"]!;
            var gnu = Texts.Select(t => Gnu(zone.StartsWith('+') ? "UTC" : zone, zone.StartsWith('+') && !CarriesOffset(t) ? $"{t}{zone}" : t)).ToList();
            var times = gnu.OfType<string>().ToList();
            Assert.Equal(times.Min(StringComparer.Ordinal), Utc(facts["started"]));
            Assert.Equal(Plus90(times.Max(StringComparer.Ordinal)!), Utc(facts["finished"]));
            var local = Texts.Count(t => !CarriesOffset(t));
            Assert.Equal(zone, (string)facts["local_times"]!["zone"]!);
            Assert.Equal(local, (long)facts["local_times"]!["suites"]!);
            Assert.Equal(gnu.Count(g => g is null), (long)facts["local_times"]!["skipped"]!);
            Assert.Equal(3, facts["local_times"]!.AsObject().Count);
            Assert.Contains($"{local} suite timestamps carry no zone; read as wall-clock times in {zone}", run.Stdout);
        }
        var bad = CliRunner.InProcess("tests", report, "--tz", "Mars/Olympus", "--out", Path.Combine(dir.Path, "bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--tz: 'Mars/Olympus' is not a time zone", bad.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "bad")));
    }
}
