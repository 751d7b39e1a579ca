using System.Globalization;
using System.Text;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Engine.Scans;

public sealed record LynisFinding(string Test, string Text, string Details);

public sealed record LynisRead(
    string? Version, string? Host, string? Started, string? Finished, int? HardeningIndex,
    IReadOnlyList<string> TestsExecuted, IReadOnlyList<string> TestsSkipped,
    IReadOnlyList<LynisFinding> Warnings, IReadOnlyList<LynisFinding> Suggestions, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Times read in the zone (the report's start and end), and of those the ones the zone skipped (no time).</summary>
    public int LocalTimes { get; init; }
    public int LocalSkipped { get; init; }
}

/// <summary>Lynis's report file (/var/log/lynis-report.dat): <c>key=value</c> and <c>key[]=value</c> lines, <c>#</c>
/// comments. Findings are <c>warning[]=TEST|text|details|solution|</c> and <c>suggestion[]=…</c>; tests executed and
/// skipped are <c>|</c>-separated ids. Times are written in the host's local time without a zone: read in the zone given
/// (<c>iq scans --tz</c>, else UTC) as every time without a zone is (<see cref="Evidence.LogAnalyzer.InZone"/>), kept as UTC.</summary>
public static class LynisReport
{
    /// <summary>True when the first line that is not empty is Lynis's header or a report key (the format is told by content).</summary>
    public static bool Looks(string firstLine) =>
        firstLine.StartsWith("# Lynis Report", StringComparison.Ordinal) || firstLine.StartsWith("report_version_major=", StringComparison.Ordinal);

    public static LynisRead Read(Stream content, string file, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        int localTimes = 0, localSkipped = 0;
        var diagnostics = new List<Diagnostic>();
        string? version = null, host = null, started = null, finished = null;
        int? index = null;
        var executed = new List<string>();
        var skipped = new List<string>();
        var warnings = new List<LynisFinding>();
        var suggestions = new List<LynisFinding>();
        var sawVersion = false;
        using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 1 << 20) { Bad(Msg.LynisLongLine.Text); break; }
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            if (eq <= 0 || !line[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '[' or ']' or '-' or '.'))
            {
                Bad(Msg.LynisNotALine.Text);
                if (!sawVersion) break; // not a Lynis report at all: one message, not one per line
                continue;
            }
            var key = line[..eq];
            var value = line[(eq + 1)..];
            switch (key)
            {
                case "report_version_major": sawVersion = true; break;
                case "lynis_version": version = value; break;
                case "hostname": host = value; break;
                case "report_datetime_start": started = Time(value); break;
                case "report_datetime_end": finished = Time(value); break;
                case "hardening_index":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 100) index = h;
                    else Bad(Msg.LynisHardeningIndex.With(Short(value)));
                    break;
                case "tests_executed": executed.AddRange(Ids(value)); break;
                case "tests_skipped": skipped.AddRange(Ids(value)); break;
                case "warning[]" or "suggestion[]":
                    var f = value.Split('|');
                    if (f.Length < 3 || f[0].Length == 0) { Bad(Msg.LynisFinding.With(key)); break; }
                    (key == "warning[]" ? warnings : suggestions).Add(new LynisFinding(f[0], f[1], f[2]));
                    break;
            }
        }
        if (!sawVersion && diagnostics.Count == 0) diagnostics.Add(Diagnostic.Error(Msg.LynisNoVersion.Text, SourceSpan.None(file)));
        return new LynisRead(version, host, started, finished, index, executed, skipped, warnings, suggestions, diagnostics)
            { LocalTimes = localTimes, LocalSkipped = localSkipped };

        void Bad(MessageText message) => diagnostics.Add(Diagnostic.Error(message, new SourceSpan(file, number, 1)));

        /// <summary>"2026-11-30 05:23:11", the host's wall clock, → "2026-11-29T21:23:11Z" in Asia/Shanghai; none when it is no
        /// time or one the zone skipped (a spring-forward hour).</summary>
        string? Time(string value)
        {
            if (!DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)) return null;
            localTimes++;
            if (Evidence.LogAnalyzer.InZone(zone, wall) is { } t) return t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            localSkipped++;
            return null;
        }
    }

    static IEnumerable<string> Ids(string value) => value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
