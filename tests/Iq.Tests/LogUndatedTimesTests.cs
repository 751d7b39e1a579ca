using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>A log time of day without a date ("14:36:25", "14:36:25Z") says nothing about which day: the event has no time
/// and the source counts such times with their lines (undated_times), never the day of the analysis taken silently (.NET's
/// parse gives a bare time today's date; it did so in iq logs before). GNU date is the oracle of what names no date: it
/// reads each of these texts as today too, so a text it dates today (and that is not today's date written out) is undated.</summary>
public class LogUndatedTimesTests
{
    [SkippableFact]
    public void A_time_without_a_date_is_no_time_and_is_counted()
    {
        using var dir = new TempDir();
        var undated = new[] { "14:36:25", "14:36:25Z", "2:30 PM", "14:36:25+02:00" };
        var dated = new[] { "2025-06-24T14:36:25Z", "2025-06-24 14:36:26" };
        // GNU date gives each undated text today's date, and each dated text its own.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var t in undated) Assert.StartsWith(today, Oracles.GnuDateUtc("UTC", t.Replace("T", " ")) ?? "", StringComparison.Ordinal);
        foreach (var t in dated) Assert.StartsWith("2025-06-24", Oracles.GnuDateUtc("UTC", t) ?? "", StringComparison.Ordinal);
        var lines = dated.Concat(undated).Select(t => $"{{\"ts\":\"{t}\",\"action\":\"executed\"}}");
        var file = Path.Combine(dir.Path, "install.jsonl");
        File.WriteAllLines(file, lines);
        var run = CliRunner.InProcess("logs", file, "--map", "time=ts", "--out", Path.Combine(dir.Path, "b"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "b", "logs.json")))!["facts"]!["sources"]![0]!;
        Assert.Equal(2, (long)source["events_with"]!["time"]!);
        Assert.Equal(4, (long)source["undated_times"]!["times"]!);
        Assert.Equal([3L, 4, 5, 6], source["undated_times"]!["lines"]!.AsArray().Select(l => (long)l!));
        Assert.StartsWith("2025-06-24T14:36:26", (string)source["last_event"]!, StringComparison.Ordinal);
    }
}
