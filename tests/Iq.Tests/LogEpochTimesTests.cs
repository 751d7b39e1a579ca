using System.Globalization;
using Iq.Engine.Evidence;

namespace Iq.Tests;

/// <summary>Epoch times in a log: journald's JSON export (journalctl -o json) writes __REALTIME_TIMESTAMP in microseconds
/// since the epoch, as a string; other writers use seconds, milliseconds or nanoseconds. Each is an instant (no zone to
/// assume) and is read as GNU date reads the same instant (@seconds.fraction), to the millisecond.</summary>
public class LogEpochTimesTests
{
    /// <summary>(the value as written, its unit's digits after the seconds): s, ms, µs (journald, string and number), ns.</summary>
    static readonly (string Value, int Fraction)[] Values =
    [
        ("1743298199", 0), ("1743298199123", 3), ("\"1743298199123456\"", 6), ("1743298260000001", 6), ("\"1743298500123456789\"", 9),
    ];

    [SkippableFact]
    public void Journald_microseconds_and_every_epoch_unit_are_read_as_gnu_date_reads_them()
    {
        var date = Oracles.Which("date");
        Oracles.Require(date is not null, "date (Debian package coreutils)");
        using var dir = new TempDir();
        var map = new Dictionary<string, string> { ["time"] = "__REALTIME_TIMESTAMP", ["device"] = "_HOSTNAME", ["parameters"] = "MESSAGE", ["event"] = "SYSLOG_IDENTIFIER" };
        var n = 0;
        foreach (var (value, fraction) in Values)
        {
            // A record as journalctl -o json writes it (systemd's JSON export format), the time in the unit under test.
            var path = Path.Combine(dir.Path, $"journal-{++n}.json");
            File.WriteAllText(path, $$"""{"__CURSOR":"s=1;i=1","__REALTIME_TIMESTAMP":{{value}},"__MONOTONIC_TIMESTAMP":"8123456","_HOSTNAME":"lab-node-01","SYSLOG_IDENTIFIER":"apt","MESSAGE":"upgrade nodule-det 3.2.1"}""" + "\n");
            var analyzer = new LogAnalyzer("jsonl", map);
            analyzer.Analyze(path);
            var source = analyzer.Source(path);
            Assert.Equal(1, (long)source["events_with"]!["time"]!);
            var digits = value.Trim('"');
            var seconds = fraction == 0 ? digits : digits[..^fraction] + "." + digits[^fraction..];
            var gnu = Oracles.Run(date!, ["-u", "-d", "@" + seconds, "+%Y-%m-%dT%H:%M:%S.%3N"]);
            Assert.Equal(0, gnu.Exit);
            var got = DateTimeOffset.Parse((string)source["first_event"]!, CultureInfo.InvariantCulture).UtcDateTime
                .ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);
            Assert.True(gnu.Stdout.Trim() == got, $"{value}: GNU date {gnu.Stdout.Trim()}, iq {got}");
            Assert.Null(source["local_times"]);
        }
    }
}
