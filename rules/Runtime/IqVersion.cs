using System.Globalization;

namespace Iq.Rules.Runtime;

/// <summary>A dotted version: numeric parts compared numerically ("1.10" &gt; "1.9"), missing parts as 0,
/// a pre-release ("-rc1") below its release; a leading "v" and a Debian epoch ("1:") are accepted.</summary>
public sealed class IqVersion : IComparable<IqVersion>, IEquatable<IqVersion>
{
    readonly long[] _parts;
    readonly string? _pre;

    IqVersion(string text, long epoch, long[] parts, string? pre) { Text = text; Epoch = epoch; _parts = parts; _pre = pre; }

    public string Text { get; }
    public long Epoch { get; }

    public static IqVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"not a version: \"{text}\"");

    public static bool TryParse(string? text, out IqVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        long epoch = 0;
        var colon = s.IndexOf(':');
        if (colon > 0 && long.TryParse(s[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out epoch)) s = s[(colon + 1)..];
        if (s.Length > 0 && s[0] is 'v' or 'V') s = s[1..];
        var plus = s.IndexOf('+');
        if (plus >= 0) s = s[..plus];
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.' && end + 1 < s.Length && char.IsAsciiDigit(s[end + 1]))) end++;
        if (end == 0) return false;
        var parts = new List<long>();
        foreach (var p in s[..end].Split('.'))
        {
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
            parts.Add(n);
        }
        var rest = s[end..].TrimStart('-', '~', '_');
        version = new IqVersion(text.Trim(), epoch, parts.ToArray(), rest.Length == 0 ? null : rest);
        return true;
    }

    public int CompareTo(IqVersion? other)
    {
        if (other is null) return 1;
        if (Epoch != other.Epoch) return Epoch.CompareTo(other.Epoch);
        for (var i = 0; i < Math.Max(_parts.Length, other._parts.Length); i++)
        {
            var a = i < _parts.Length ? _parts[i] : 0;
            var b = i < other._parts.Length ? other._parts[i] : 0;
            if (a != b) return a.CompareTo(b);
        }
        if (_pre == other._pre) return 0;
        if (_pre is null) return 1;
        if (other._pre is null) return -1;
        return ComparePre(_pre, other._pre);
    }

    static int ComparePre(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = long.TryParse(x[i], out var m) && long.TryParse(y[i], out var n) ? m.CompareTo(n) : string.CompareOrdinal(x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    public bool Equals(IqVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is IqVersion v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Epoch, string.Join('.', _parts.Reverse().SkipWhile(p => p == 0).Reverse()), _pre);
    public override string ToString() => Text;
}
