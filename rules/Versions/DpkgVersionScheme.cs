namespace Iq.Rules.Versions;

/// <summary>Debian policy 5.6.12 as dpkg implements it (lib/dpkg/parsehelp.c parseversion, lib/dpkg/version.c
/// verrevcmp): <c>[epoch:]upstream[-revision]</c>; the epoch is compared as a number, then upstream and revision
/// by alternating non-digit runs (letters before other characters, <c>~</c> before everything, even the end)
/// and digit runs (as numbers). What dpkg only warns about (an upstream version not starting with a digit, an
/// invalid character) is an error here: a verdict is not built on a version dpkg itself calls bad.</summary>
public sealed class DpkgVersionScheme : VersionScheme
{
    public static readonly DpkgVersionScheme Instance = new();

    public override string Name => "dpkg";
    public override Iq.Rules.Messages.Message Ordering => Iq.Rules.Messages.Msg.VersionOrderDpkg;

    sealed record Parsed(int Epoch, string Upstream, string Revision);

    public override object? Parse(string text, out string? error)
    {
        error = null;
        var s = text.Trim(' ', '\t');
        if (s.Length == 0) return Fail("version string is empty", out error);
        if (s.AsSpan().IndexOfAny(' ', '\t') >= 0) return Fail("version string has embedded spaces", out error);
        var epoch = 0;
        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            var digits = s.AsSpan(0, colon);
            if (digits.Length == 0) return Fail("epoch in version is empty", out error);
            if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out epoch))
                return Fail(digits.ContainsAnyExceptInRange('0', '9') ? "epoch in version is not number" : "epoch in version is too big", out error);
            if (colon == s.Length - 1) return Fail("nothing after colon in version number", out error);
            s = s[(colon + 1)..];
        }
        var upstream = s;
        var revision = "";
        var hyphen = s.LastIndexOf('-');
        if (hyphen >= 0)
        {
            upstream = s[..hyphen];
            revision = s[(hyphen + 1)..];
            if (revision.Length == 0) return Fail("revision number is empty", out error);
        }
        if (upstream.Length == 0) return Fail("version number is empty", out error);
        if (!char.IsAsciiDigit(upstream[0])) return Fail("version number does not start with digit", out error);
        foreach (var c in upstream)
            if (!char.IsAsciiLetterOrDigit(c) && ".-+~:".IndexOf(c) < 0) return Fail($"invalid character '{c}' in version number", out error);
        foreach (var c in revision)
            if (!char.IsAsciiLetterOrDigit(c) && ".+~".IndexOf(c) < 0) return Fail($"invalid character '{c}' in revision number", out error);
        return new Parsed(epoch, upstream, revision);
    }

    static object? Fail(string why, out string? error)
    {
        error = why;
        return null;
    }

    public override int Compare(object a, object b)
    {
        var x = (Parsed)a;
        var y = (Parsed)b;
        if (x.Epoch != y.Epoch) return x.Epoch < y.Epoch ? -1 : 1;
        var c = VerRevCmp(x.Upstream, y.Upstream);
        return c != 0 ? c : VerRevCmp(x.Revision, y.Revision);
    }

    /// <summary>The weight of a character in a non-digit run; 0 stands for the end of the string.</summary>
    static int Order(int c) =>
        c == 0 || char.IsAsciiDigit((char)c) ? 0 : char.IsAsciiLetter((char)c) ? c : c == '~' ? -1 : c + 256;

    static int VerRevCmp(string a, string b)
    {
        int i = 0, j = 0;
        int At(string s, int k) => k < s.Length ? s[k] : 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !char.IsAsciiDigit(a[i]) || j < b.Length && !char.IsAsciiDigit(b[j]))
            {
                var ac = Order(At(a, i));
                var bc = Order(At(b, j));
                if (ac != bc) return Math.Sign(ac - bc);
                i++;
                j++;
            }
            var si = i;
            while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
            var sj = j;
            while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
            var c = CompareDigits(a.AsSpan(si, i - si), b.AsSpan(sj, j - sj));
            if (c != 0) return c;
        }
        return 0;
    }
}
