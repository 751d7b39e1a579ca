using System.Globalization;

namespace Iq.Rules.Versions;

/// <summary>The order used when neither side of a comparison names a scheme: numeric dotted parts compared as
/// numbers ("1.10" &gt; "1.9"), missing parts as 0, anything after the numbers ("-rc1") a pre-release below its
/// release, a leading "v" and an "N:" epoch accepted, "+build" ignored. It knows no packaging rules (a Debian
/// revision "9.1-1" reads as a pre-release of 9.1), so evidence says when it was used.</summary>
public sealed class GenericVersionScheme : VersionScheme
{
    public static readonly GenericVersionScheme Instance = new();

    public override string Name => "generic";
    public override Iq.Rules.Messages.Message Ordering => Iq.Rules.Messages.Msg.VersionOrderGeneric;

    sealed record Parsed(string Epoch, string[] Parts, string? Pre);

    public override object? Parse(string text, out string? error)
    {
        error = null;
        var s = text.Trim();
        var epoch = "0";
        var colon = s.IndexOf(':');
        if (colon > 0 && !s.AsSpan(0, colon).ContainsAnyExceptInRange('0', '9'))
        {
            epoch = s[..colon];
            s = s[(colon + 1)..];
        }
        if (s.Length > 0 && s[0] is 'v' or 'V') s = s[1..];
        var plus = s.IndexOf('+');
        if (plus >= 0) s = s[..plus];
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.' && end + 1 < s.Length && char.IsAsciiDigit(s[end + 1]))) end++;
        if (end == 0)
        {
            error = "a version starts with a number";
            return null;
        }
        var rest = s[end..].TrimStart('-', '~', '_');
        return new Parsed(epoch, s[..end].Split('.'), rest.Length == 0 ? null : rest);
    }

    public override int Compare(object a, object b)
    {
        var x = (Parsed)a;
        var y = (Parsed)b;
        var c = CompareDigits(x.Epoch, y.Epoch);
        if (c != 0) return c;
        for (var i = 0; i < Math.Max(x.Parts.Length, y.Parts.Length); i++)
        {
            c = CompareDigits(i < x.Parts.Length ? x.Parts[i] : "0", i < y.Parts.Length ? y.Parts[i] : "0");
            if (c != 0) return c;
        }
        if (x.Pre == y.Pre) return 0;
        if (x.Pre is null) return 1;
        if (y.Pre is null) return -1;
        var p = x.Pre.Split('.');
        var q = y.Pre.Split('.');
        for (var i = 0; i < Math.Min(p.Length, q.Length); i++)
        {
            c = IsNumber(p[i]) && IsNumber(q[i]) ? CompareDigits(p[i], q[i]) : Math.Sign(string.CompareOrdinal(p[i], q[i]));
            if (c != 0) return c;
        }
        return p.Length.CompareTo(q.Length);
    }

    static bool IsNumber(string s) => s.Length > 0 && !s.AsSpan().ContainsAnyExceptInRange('0', '9');
}
