using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary><c>iq logs --as-of</c> gives syslog times (no year) their year: a line from a month later than the date's is
/// from the year before. A date whose year before or after cannot be a date's year (0001, 9999) would lose those lines'
/// times without a word; it is refused (exit 2, nothing written), and a year that can be is taken.</summary>
public class LogsAsOfYearTests
{
    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void An_as_of_whose_neighbouring_years_cannot_be_represented_is_refused(string asOf)
    {
        using var dir = new TempDir();
        var log = Path.Combine(dir.Path, "syslog");
        File.WriteAllText(log, "Dec 31 23:59:58 host installer[1]: start\nJan  1 00:00:01 host installer[1]: done\n");
        var bundle = Path.Combine(dir.Path, "b");
        var run = CliRunner.InProcess("logs", log, "--format", "syslog", "--as-of", asOf, "--out", bundle);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"--as-of: syslog times (which carry no year) take their year from this date, which must lie in the years 0002 to 9998", run.Stderr);
        Assert.Contains($"not '{asOf}'", run.Stderr);
        Assert.False(Directory.Exists(bundle));

        var ok = CliRunner.InProcess("logs", log, "--format", "syslog", "--as-of", "0002-01-01", "--out", bundle);
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "logs.json")))!["facts"]!;
        // Both lines keep their time: December of year 1, then January of year 2.
        Assert.StartsWith("0001-12-31T23:59:58", (string)facts["first_event"]!);
        Assert.StartsWith("0002-01-01T00:00:01", (string)facts["last_event"]!);
    }
}
