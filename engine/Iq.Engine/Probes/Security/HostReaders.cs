using Iq.Rules.Messages;
using System.Globalization;
using System.Net;

namespace Iq.Engine.Probes.Security;

/// <summary>The packet filter as the kernel has it, from <c>nft list ruleset</c> or <c>iptables-save</c>.</summary>
public sealed record FirewallState(int Rules, bool Filtering);

public static class FirewallRules
{
    /// <summary>nft's ruleset listing: rules are the statements inside chains (not the <c>type … hook …; policy …;</c> line);
    /// the ruleset filters when a base chain's policy is drop or a rule drops or rejects.</summary>
    public static (FirewallState State, IReadOnlyList<ConfigProblem> Problems) Nft(string text)
    {
        var problems = new List<ConfigProblem>();
        var depth = 0;
        var chainDepth = -1;
        var rules = 0;
        var filtering = false;
        foreach (var (number, raw) in TextLines.Of(text))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var opens = line.Count(c => c == '{');
            var closes = line.Count(c => c == '}');
            if (chainDepth < 0 && line.StartsWith("chain ", StringComparison.Ordinal) && opens > 0) chainDepth = depth + 1;
            else if (chainDepth > 0 && depth == chainDepth && opens == 0 && closes == 0)
            {
                if (line.StartsWith("type ", StringComparison.Ordinal) || line.StartsWith("policy ", StringComparison.Ordinal))
                {
                    if (line.Contains("policy drop", StringComparison.Ordinal)) filtering = true;
                }
                else if (!line.StartsWith("comment ", StringComparison.Ordinal) && !line.StartsWith("devices ", StringComparison.Ordinal))
                {
                    rules++;
                    if (line.Contains(" drop", StringComparison.Ordinal) || line.StartsWith("drop", StringComparison.Ordinal)
                        || line.Contains("reject", StringComparison.Ordinal)) filtering = true;
                }
            }
            depth += opens - closes;
            if (depth < 0) { problems.Add(new ConfigProblem("nft list ruleset", number, Msg.ConfigUnbalancedClose.Text)); depth = 0; }
            if (chainDepth > 0 && depth < chainDepth) chainDepth = -1;
        }
        if (depth != 0) problems.Add(new ConfigProblem("nft list ruleset", 0, Msg.ConfigUnbalancedOpen.Text));
        return (new FirewallState(rules, filtering), problems);
    }

    /// <summary>iptables-save: <c>:CHAIN POLICY [p:b]</c> and <c>-A CHAIN …</c>; the filter table filters with a DROP
    /// policy or a DROP/REJECT target.</summary>
    public static (FirewallState State, IReadOnlyList<ConfigProblem> Problems) IptablesSave(string text)
    {
        var problems = new List<ConfigProblem>();
        var rules = 0;
        var filtering = false;
        var table = "";
        foreach (var (number, raw) in TextLines.Of(text))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line == "COMMIT") continue;
            if (line.StartsWith('*')) { table = line[1..]; continue; }
            if (line.StartsWith(':'))
            {
                var parts = line.Split(' ');
                if (parts.Length < 2) { problems.Add(new ConfigProblem("iptables-save", number, Msg.ConfigChainNoPolicy.Text)); continue; }
                if (table == "filter" && parts[1] == "DROP") filtering = true;
                continue;
            }
            if (line.StartsWith("-A ", StringComparison.Ordinal))
            {
                rules++;
                if (table == "filter" && (line.Contains("-j DROP", StringComparison.Ordinal) || line.Contains("-j REJECT", StringComparison.Ordinal))) filtering = true;
                continue;
            }
            problems.Add(new ConfigProblem("iptables-save", number, Msg.ConfigNotIptablesSave.Text));
        }
        return (new FirewallState(rules, filtering), problems);
    }
}

public sealed record ListeningSocket(string Protocol, string Address, int Port, long Inode);

/// <summary>/proc/net/tcp and /proc/net/tcp6 (proc(5)): <c>sl local_address rem_address st … inode</c>, addresses in hex in
/// the kernel's byte order (each 32-bit word little-endian), state 0A = LISTEN.</summary>
public static class ProcNetTcp
{
    public static (IReadOnlyList<ListeningSocket> Sockets, IReadOnlyList<ConfigProblem> Problems) Parse(string text, string protocol, string file)
    {
        var sockets = new List<ListeningSocket>();
        var problems = new List<ConfigProblem>();
        foreach (var (number, raw) in TextLines.Of(text))
        {
            if (number == 1 || raw.Trim().Length == 0) continue; // header
            var f = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10) { problems.Add(new ConfigProblem(file, number, Msg.ConfigTooFewFields.With(10, f.Length))); continue; }
            if (f[3] != "0A") continue;
            var local = f[1].Split(':');
            if (local.Length != 2 || !int.TryParse(local[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)
                || Address(local[0]) is not { } address || !long.TryParse(f[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                problems.Add(new ConfigProblem(file, number, Msg.ConfigNotSocketLine.Text));
                continue;
            }
            sockets.Add(new ListeningSocket(protocol, address, port, inode));
        }
        return (sockets, problems);
    }

    static string? Address(string hex)
    {
        if (hex.Length is not (8 or 32) || !hex.All(char.IsAsciiHexDigit)) return null;
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
            for (var b = 0; b < 4; b++)
                bytes[word * 4 + b] = byte.Parse(hex.AsSpan(word * 8 + (3 - b) * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return new IPAddress(bytes).ToString();
    }
}

/// <summary>How long log rotation keeps a log: logrotate's configuration (logrotate(8)) — global directives, stanzas of
/// path patterns in braces, <c>include</c> of files and folders, scripts skipped to <c>endscript</c>. The retention is the
/// guaranteed look-back: <c>rotate N</c> rotated files of one period each (daily, weekly, monthly, yearly), capped by
/// <c>maxage</c>. Size-triggered rotation has no time to give.</summary>
public static class LogRotation
{
    public const string MainFile = "/etc/logrotate.conf";
    const int MaxDepth = 8;

    sealed class Settings
    {
        public double? PeriodDays = 7; // logrotate's default is weekly
        public int Rotate;             // … and rotate 0
        public double? MaxAge;
        public bool BySize;
        public Settings Copy() => (Settings)MemberwiseClone();
    }

    public sealed record Result(TimeSpan? Retention, MessageText? Why, string? File, int Line, IReadOnlyList<ConfigProblem> Problems);

    public static Result For(IConfigSource files, string log)
    {
        var problems = new List<ConfigProblem>();
        var global = new Settings();
        Result? found = null;
        Read(MainFile, 0);
        return found ?? new Result(null, Msg.ProbeNoLogrotateRule.With(log), null, 0, problems);

        void Read(string file, int depth)
        {
            if (depth > MaxDepth) { problems.Add(new ConfigProblem(file, 0, Msg.ConfigIncludeTooDeep.Text)); return; }
            var text = files.Read(file, out var problem);
            if (problem is not null) problems.Add(new ConfigProblem(file, 0, problem));
            if (text is null) { if (depth == 0 && problem is null) problems.Add(new ConfigProblem(file, 0, Msg.ConfigNotFound.Text)); return; }
            Settings? stanza = null;
            List<string>? patterns = null;
            var stanzaLine = 0;
            var inScript = false;
            var pending = new List<string>();
            var pendingLine = 0;
            foreach (var (number, raw) in TextLines.Of(text))
            {
                var line = raw.Trim();
                if (inScript) { if (line == "endscript") inScript = false; continue; }
                if (line.Length == 0 || line.StartsWith('#')) continue;
                if (line.EndsWith('{'))
                {
                    if (stanza is not null) { problems.Add(new ConfigProblem(file, number, Msg.ConfigBlockInBlock.Text)); return; }
                    patterns = pending;
                    patterns.AddRange(Words(line[..^1]));
                    pending = [];
                    if (patterns.Count == 0) { problems.Add(new ConfigProblem(file, number, Msg.ConfigBlockNoPath.Text)); return; }
                    stanza = global.Copy();
                    stanzaLine = pendingLine > 0 ? pendingLine : number;
                    pendingLine = 0;
                    continue;
                }
                if (stanza is null && line[0] is '/' or '"')
                {
                    // Paths may stand on lines of their own before the {.
                    if (pendingLine == 0) pendingLine = number;
                    pending.AddRange(Words(line));
                    continue;
                }
                if (line == "}")
                {
                    if (stanza is null) { problems.Add(new ConfigProblem(file, number, Msg.ConfigCloseWithoutOpen.Text)); return; }
                    if (found is null && patterns!.Any(p => Covers(p, log)))
                        found = Retention(stanza, file, stanzaLine);
                    stanza = null;
                    continue;
                }
                var words = Words(line);
                var target = stanza ?? global;
                switch (words[0])
                {
                    case "daily": target.PeriodDays = 1; target.BySize = false; break;
                    case "weekly": target.PeriodDays = 7; target.BySize = false; break;
                    case "monthly": target.PeriodDays = 30; target.BySize = false; break;
                    case "yearly": target.PeriodDays = 365; target.BySize = false; break;
                    case "hourly": target.PeriodDays = 1.0 / 24; target.BySize = false; break;
                    case "size": target.BySize = true; break;
                    case "rotate" or "maxage":
                        if (words.Count < 2 || !int.TryParse(words[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                        {
                            problems.Add(new ConfigProblem(file, number, Msg.ConfigNeedsNumber.With(words[0])));
                            return;
                        }
                        if (words[0] == "rotate") target.Rotate = n; else target.MaxAge = n;
                        break;
                    case "postrotate" or "prerotate" or "firstaction" or "lastaction" or "preremove": inScript = true; break;
                    case "include" when stanza is null:
                        if (words.Count < 2) { problems.Add(new ConfigProblem(file, number, Msg.ConfigIncludeNoPath.Text)); return; }
                        var path = words[1];
                        var listed = files.List(path);
                        if (listed.Count > 0)
                            foreach (var f in listed.Where(f => !Taboo(f))) Read(f, depth + 1);
                        else Read(path, depth + 1);
                        break;
                }
            }
            if (stanza is not null) problems.Add(new ConfigProblem(file, stanzaLine, Msg.ConfigOpenWithoutClose.Text));
        }
    }

    static Result Retention(Settings s, string file, int line)
    {
        if (s.BySize) return new Result(null, Msg.ProbeRotatesBySize.With(file, line), file, line, []);
        var rotate = s.Rotate < 0 ? double.PositiveInfinity : s.Rotate; // rotate -1: old logs are never removed
        var days = rotate * s.PeriodDays!.Value;
        if (s.MaxAge is { } maxAge and > 0) days = Math.Min(days, maxAge);
        return double.IsInfinity(days)
            ? new Result(null, Msg.ProbeRotateKeepsAll.With(file, line), file, line, [])
            : new Result(TimeSpan.FromDays(days), null, file, line, []);
    }

    /// <summary>logrotate skips these in an included folder (its default tabooext list).</summary>
    static bool Taboo(string f) =>
        new[] { ".rpmorig", ".rpmsave", ",v", ".swp", ".rpmnew", "~", ".cfsaved", ".rhn-cfg-tmp-", ".dpkg-old", ".dpkg-dist", ".dpkg-new", ".disabled", ".ucf-old", ".ucf-dist", ".ucf-new" }
            .Any(t => f.EndsWith(t, StringComparison.Ordinal) || t.EndsWith('-') && f.Contains(t, StringComparison.Ordinal));

    static List<string> Words(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) break;
            if (line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0) close = line.Length;
                words.Add(line[(i + 1)..close]);
                i = close + 1;
                continue;
            }
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            words.Add(line[start..i]);
        }
        return words;
    }

    /// <summary>A path pattern (glob per path part) covers a log path.</summary>
    public static bool Covers(string pattern, string path)
    {
        var p = pattern.Split('/');
        var n = path.Split('/');
        return p.Length == n.Length && p.Zip(n).All(x => ProbeFiles.GlobMatch(x.First, x.Second));
    }
}

/// <summary>journald.conf (journald.conf(5)): <c>[Journal]</c> <c>Storage=</c> and <c>MaxRetentionSec=</c>, later files overriding.</summary>
public static class JournaldConfig
{
    public static (string? Storage, TimeSpan? MaxRetention, IReadOnlyList<ConfigProblem> Problems) Read(IConfigSource files)
    {
        var problems = new List<ConfigProblem>();
        string? storage = null;
        TimeSpan? retention = null;
        var list = new List<string> { "/etc/systemd/journald.conf" };
        list.AddRange(files.Glob("/usr/lib/systemd/journald.conf.d/*.conf"));
        list.AddRange(files.Glob("/etc/systemd/journald.conf.d/*.conf"));
        foreach (var file in list)
        {
            var text = files.Read(file, out var problem);
            if (problem is not null) problems.Add(new ConfigProblem(file, 0, problem));
            if (text is null) continue;
            var section = "";
            foreach (var (number, raw) in TextLines.Of(text))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] is '#' or ';') continue;
                if (line.StartsWith('[') && line.EndsWith(']')) { section = line[1..^1]; continue; }
                var eq = line.IndexOf('=');
                if (eq <= 0) { problems.Add(new ConfigProblem(file, number, Msg.ConfigNotKeyValue.Text)); continue; }
                if (section != "Journal") continue;
                var key = line[..eq].Trim();
                var value = line[(eq + 1)..].Trim();
                if (key == "Storage") storage = value;
                if (key == "MaxRetentionSec")
                {
                    if (TimeSpan(value) is { } t) retention = t;
                    else problems.Add(new ConfigProblem(file, number, Msg.ConfigNotTimeSpan.With(value)));
                }
            }
        }
        return (storage, retention, problems);
    }

    /// <summary>systemd time spans: "1month", "180d", "6 months", "2w 3d", a bare number of seconds.</summary>
    public static TimeSpan? TimeSpan(string text)
    {
        var units = new (string[] Names, double Seconds)[]
        {
            (["usec", "us", "µs"], 1e-6), (["msec", "ms"], 1e-3), (["seconds", "second", "sec", "s"], 1), (["minutes", "minute", "min", "m"], 60),
            (["hours", "hour", "hr", "h"], 3600), (["days", "day", "d"], 86400), (["weeks", "week", "w"], 604800),
            (["months", "month", "M"], 2629800), (["years", "year", "y"], 31557600),
        };
        var s = text.Trim();
        if (s.Length == 0) return null;
        double total = 0;
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return null;
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            var ustart = i;
            while (i < s.Length && char.IsLetter(s[i])) i++;
            var unit = s[ustart..i];
            if (unit.Length == 0) { total += number; continue; }
            var match = units.FirstOrDefault(u => u.Names.Contains(unit, StringComparer.Ordinal));
            if (match.Names is null) return null;
            total += number * match.Seconds;
        }
        return System.TimeSpan.FromSeconds(total);
    }
}
