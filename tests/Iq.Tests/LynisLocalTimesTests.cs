using System.Text.Json.Nodes;
using Iq.Engine.Scans;

namespace Iq.Tests;

/// <summary>Lynis writes its report's start and end as the scanned host's wall clock, without a zone. They are read in
/// <c>iq scans --tz</c> (else UTC), as iq logs and iq tests read such times, compared with GNU date reading the same wall
/// clock in the same zone (summer-time edges included: a skipped hour is no time, as GNU date refuses it), and the zone is
/// recorded in the scan's local_times. Before, the wall clock was kept as it was and read as UTC, with no word of a zone.</summary>
public class LynisLocalTimesTests
{
    const string Zone = "Europe/Berlin";

    static readonly string[] Walls =
    [
        "2026-11-30 05:23:11", "2026-03-29 01:59:59", "2026-03-29 02:30:00", "2026-03-29 03:00:00",
        "2026-10-25 02:30:00", "2026-07-01 00:30:00",
    ];

    static string Report(string start, string end) =>
        $"# Lynis Report\nreport_version_major=1\nlynis_version=3.0.9\nreport_datetime_start={start}\nhostname=h\nhardening_index=60\nreport_datetime_end={end}\n";

    static JsonNode Scan(string start, string end, TimeZoneInfo? zone, string zoneName)
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "lynis-report.dat");
        File.WriteAllText(path, Report(start, end));
        var (facts, diagnostics) = SecurityScans.Read([path], zone, zoneName);
        Assert.True(facts is not null, string.Join("\n", diagnostics));
        return facts!["scans"]![0]!;
    }

    static string? Utc(JsonNode? node) => node is JsonValue ? Oracles.Utc(node) : null;

    [SkippableFact]
    public void Lynis_times_are_read_in_the_zone_given_as_gnu_date_reads_them()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        foreach (var wall in Walls)
        {
            var scan = Scan(wall, "2026-11-30 05:24:40", zone, Zone);
            var expected = Oracles.GnuDateUtc(Zone, wall);
            Assert.True(expected == Utc(scan["started"]), $"{wall}: GNU date {expected ?? "(no such time)"}, iq {scan["started"]?.ToJsonString()}");
            Assert.Equal(Oracles.GnuDateUtc(Zone, "2026-11-30 05:24:40"), Utc(scan["finished"]));
            var local = scan["local_times"]!;
            Assert.Equal(Zone, (string?)local["zone"]);
            Assert.Equal(2, (int)local["times"]!);
            Assert.Equal(expected is null ? 1 : 0, (int)local["skipped"]!);
        }
    }

    [SkippableFact]
    public void Without_a_zone_lynis_times_are_read_in_utc_and_say_so()
    {
        var scan = Scan("2026-11-30 05:23:11", "2026-11-30 05:24:40", null, "UTC");
        Assert.Equal(Oracles.GnuDateUtc("UTC", "2026-11-30 05:23:11"), Utc(scan["started"]));
        Assert.Equal("UTC", (string?)scan["local_times"]!["zone"]);
    }

    [Fact]
    public void A_bad_zone_is_refused_before_anything_is_read()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "lynis-report.dat");
        File.WriteAllText(path, Report("2026-11-30 05:23:11", "2026-11-30 05:24:40"));
        var run = CliRunner.InProcess("scans", path, "--tz", "Mars/Olympus", "--out", Path.Combine(dir.Path, "b"));
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("--tz", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "b")));
    }
}
