using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Engine.Evidence;

namespace Iq.Tests;

/// <summary>A jsonl, csv or regex log time written without an offset is the wall clock of the machine that wrote it, as a
/// dpkg.log or apt history time is: iq logs reads it in --tz (UTC when not given) and says so in the facts (local_times:
/// the zone, how many times, their first lines, how many the zone skipped); a time with an offset keeps its own. Every
/// reading is checked against GNU date's reading of the same text in the same zone (the system's tz database), across both
/// 2025 summer-time changes in Europe/Berlin: a time the clock skipped, one it showed twice, either side of each.</summary>
public class LogLocalTimesTests
{
    const string Zone = "Europe/Berlin";

    /// <summary>Times as logs write them: ISO 8601 with T or a space, with and without an offset, Z, a fraction.</summary>
    static readonly IReadOnlyList<string> Texts = Oracles.BerlinSummerTimeChanges;

    static readonly string[] Formats = ["jsonl", "csv", @"regex:^(?<time>[^|]+)\|(?<event>.*)$"];

    static string Line(string format, string text) => format switch
    {
        "jsonl" => $"{{\"time\":\"{text}\",\"event\":\"created\"}}",
        "csv" => $"\"{text}\",created",
        _ => $"{text}|created",
    };

    static string File(string format, IEnumerable<string> texts) =>
        (format == "csv" ? "time,event\n" : "") + string.Concat(texts.Select(t => Line(format, t) + "\n"));

    /// <summary>GNU date's reading of <paramref name="text"/> in <paramref name="zone"/>, as UTC to the second; null when
    /// GNU date calls it invalid (a time the zone skipped).</summary>
    static string? Gnu(string zone, string text) => Oracles.GnuDateUtc(zone, text);

    static string? Utc(JsonNode? iso) => Oracles.Utc(iso);

    static bool CarriesOffset(string text) => Oracles.CarriesOffset(Zone, text);

    [SkippableFact]
    public void Each_time_alone_is_read_as_gnu_date_reads_it_and_local_ones_are_recorded()
    {
        using var dir = new TempDir();
        var offsets = new HashSet<string>();
        var n = 0;
        foreach (var format in Formats)
            foreach (var text in Texts)
            {
                var path = Path.Combine(dir.Path, $"unit-{++n}.log");
                System.IO.File.WriteAllText(path, File(format, [text]));
                var analyzer = new LogAnalyzer(format, new Dictionary<string, string>()) { LocalZone = LogAnalyzer.Zone(Zone)!, LocalZoneName = Zone };
                analyzer.Analyze(path);
                var source = analyzer.Source(path);
                Assert.Equal(1, (long)source["events"]!);
                Assert.Equal(0, (long)source["unparsed"]!);
                var expected = Gnu(Zone, text);
                var got = Utc(source["first_event"]);
                Assert.True(expected == got, $"{format} '{text}': GNU date {expected ?? "invalid"}, iq {got ?? "no time"}");
                var local = !CarriesOffset(text);
                var recorded = source["local_times"]?.ToJsonString();
                Assert.True((local ? $$"""{"zone":"{{Zone}}","times":1,"lines":[{{(format == "csv" ? 2 : 1)}}],"skipped":{{(expected is null ? 1 : 0)}}}""" : null) == recorded,
                    $"{format} '{text}': local_times {recorded ?? "absent"}");
                if (local)
                    offsets.Add(expected is null ? "invalid" : (DateTime.Parse(text, CultureInfo.InvariantCulture)
                        - DateTime.Parse(expected, CultureInfo.InvariantCulture)).ToString(@"hh\:mm", CultureInfo.InvariantCulture));
            }
        // The local times reach both offsets and the gap, so the comparison is across the changes, not beside them.
        Assert.Equal(["01:00", "02:00", "invalid"], offsets.Order(StringComparer.Ordinal));
    }

    /// <summary>One log mixing times with and without an offset (hostile: the same file, two kinds of time): each read by
    /// its own rule, so the order, the first and last event and the count of local times follow GNU date line by line.
    /// Without --tz the local ones are read in UTC, and the facts and the run's output say so.</summary>
    [SkippableFact]
    public void A_log_mixing_times_with_and_without_offsets_reads_each_by_its_rule()
    {
        using var dir = new TempDir();
        foreach (var format in Formats)
        {
            var name = format.StartsWith("regex", StringComparison.Ordinal) ? "regex" : format;
            var path = Path.Combine(dir.Path, $"mixed.{(name == "regex" ? "log" : name)}");
            System.IO.File.WriteAllText(path, File(format, Texts));
            var firstLine = format == "csv" ? 2 : 1;
            foreach (var zone in new[] { Zone, "UTC" })
            {
                var bundle = Path.Combine(dir.Path, $"{name}-{zone.Replace('/', '-')}");
                string[] args = zone == "UTC" ? ["logs", path, "--format", format, "--out", bundle] : ["logs", path, "--format", format, "--tz", zone, "--out", bundle];
                var run = CliRunner.InProcess(args);
                Assert.True(run.ExitCode == 0, run.Stderr);
                var source = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(bundle, "logs.json")))!["facts"]!["sources"]![0]!;
                var gnu = Texts.Select(t => Gnu(zone, t)).ToList();
                var local = Texts.Select((t, i) => (Local: !CarriesOffset(t), Line: (long)(i + firstLine))).Where(x => x.Local).ToList();
                Assert.Equal(zone, (string)source["local_times"]!["zone"]!);
                Assert.Equal(local.Count, (long)source["local_times"]!["times"]!);
                Assert.Equal(local.Take(LogAnalyzer.FirstLines).Select(x => x.Line), source["local_times"]!["lines"]!.AsArray().Select(l => (long)l!));
                Assert.Equal(gnu.Count(g => g is null), (long)source["local_times"]!["skipped"]!);
                Assert.Equal(gnu.Count(g => g is not null), (long)source["events_with"]!["time"]!);
                var times = gnu.OfType<string>().ToList();
                Assert.Equal(times.Min(StringComparer.Ordinal), Utc(source["first_event"]));
                Assert.Equal(times.Max(StringComparer.Ordinal), Utc(source["last_event"]));
                // Out of order as GNU date's times say: each time earlier than the one before it (the fixtures reach it).
                var outOfOrder = times.Zip(times.Skip(1)).Count(p => string.CompareOrdinal(p.Second, p.First) < 0);
                Assert.True(outOfOrder > 0);
                Assert.Equal(outOfOrder, (long)source["out_of_order"]!);
                Assert.Contains($"{local.Count} times carry no offset; read as wall-clock times in {zone}", run.Stdout);
            }
        }
    }

    /// <summary>A log whose times all carry an offset assumes no zone: no local_times, nothing said.</summary>
    [Fact]
    public void Times_with_offsets_record_no_local_times()
    {
        using var dir = new TempDir();
        var file = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "logs", "install.jsonl");
        var run = CliRunner.InProcess("logs", file, "--map", "time=ts", "--out", Path.Combine(dir.Path, "b"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var source = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(dir.Path, "b", "logs.json")))!["facts"]!["sources"]![0]!;
        Assert.True((long)source["events_with"]!["time"]! > 0);
        Assert.Null(source["local_times"]);
        Assert.DoesNotContain("carry no offset", run.Stdout);
    }
}
