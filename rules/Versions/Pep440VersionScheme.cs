using System.Text.RegularExpressions;

namespace Iq.Rules.Versions;

/// <summary>PEP 440 (Python packages), as the <c>packaging</c> library reads and orders it (packaging/version.py):
/// <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]</c> with its accepted spellings (alpha, beta, c, pre, preview,
/// rev, r, <c>-N</c> for a post-release, separators <c>. - _</c>, a leading <c>v</c>, any case). Order: epoch, release
/// (trailing zeros ignored), pre-release (a dev-only release before its pre-releases), post, dev, local
/// (numbers above words, longer above its prefix).</summary>
public sealed partial class Pep440VersionScheme : VersionScheme
{
    public static readonly Pep440VersionScheme Instance = new();

    public override string Name => "pep440";
    public override Iq.Rules.Messages.Message Ordering => Iq.Rules.Messages.Msg.VersionOrderPep440;

    [GeneratedRegex("""
        ^\s*v?
        (?:(?<epoch>[0-9]+)!)?
        (?<release>[0-9]+(?:\.[0-9]+)*)
        (?<pre>[-_.]?(?<pre_l>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?
        (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?
        (?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?
        (?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
        \s*$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Pattern();

    /// <summary>A pre/post/dev part: its rank (see <see cref="Compare"/>), its letter and its number.</summary>
    readonly record struct Part(int Rank, string Letter, string Number);

    sealed record Parsed(string Epoch, string[] Release, Part Pre, Part Post, Part Dev, string[]? Local);

    const int NegativeInfinity = -1, Present = 0, Infinity = 1;

    public override object? Parse(string text, out string? error)
    {
        error = null;
        // [a-z] with IgnoreCase also takes the Kelvin sign and the like: only ASCII is a version.
        if (text.Length > 1000 || text.AsSpan().Trim().ContainsAnyExceptInRange('\0', '\x7f') || Pattern().Match(text) is not { Success: true } m)
        {
            error = "not a PEP 440 version";
            return null;
        }
        Part? Letter(string letterGroup, string numberGroup, string? number2Group = null)
        {
            var l = m.Groups[letterGroup];
            var n = m.Groups[numberGroup].Success ? m.Groups[numberGroup].Value : number2Group is not null && m.Groups[number2Group].Success ? m.Groups[number2Group].Value : null;
            if (l.Success)
            {
                var letter = l.Value.ToLowerInvariant() switch
                {
                    "alpha" => "a", "beta" => "b", "c" or "pre" or "preview" => "rc", "rev" or "r" => "post", var x => x,
                };
                return new Part(Present, letter, n ?? "0");
            }
            return n is not null ? new Part(Present, "post", n) : null;
        }
        var pre = Letter("pre_l", "pre_n");
        var post = Letter("post_l", "post_n1", "post_n2");
        var dev = Letter("dev_l", "dev_n");
        var release = m.Groups["release"].Value.Split('.');
        var length = release.Length;
        while (length > 0 && release[length - 1].AsSpan().TrimStart('0').IsEmpty) length--;
        return new Parsed(
            m.Groups["epoch"].Success ? m.Groups["epoch"].Value : "0",
            release[..length],
            // A dev release with no pre or post sorts before every pre-release of its version: 1.0.dev0 < 1.0a0.
            pre ?? new Part(post is null && dev is not null ? NegativeInfinity : Infinity, "", ""),
            post ?? new Part(NegativeInfinity, "", ""),
            dev ?? new Part(Infinity, "", ""),
            m.Groups["local"].Success ? m.Groups["local"].Value.ToLowerInvariant().Split('.', '-', '_') : null);
    }

    public override int Compare(object a, object b)
    {
        var x = (Parsed)a;
        var y = (Parsed)b;
        var c = CompareDigits(x.Epoch, y.Epoch);
        if (c != 0) return c;
        for (var i = 0; i < Math.Min(x.Release.Length, y.Release.Length); i++)
            if ((c = CompareDigits(x.Release[i], y.Release[i])) != 0) return c;
        if ((c = x.Release.Length.CompareTo(y.Release.Length)) != 0) return c;
        if ((c = ComparePart(x.Pre, y.Pre)) != 0) return c;
        if ((c = ComparePart(x.Post, y.Post)) != 0) return c;
        if ((c = ComparePart(x.Dev, y.Dev)) != 0) return c;
        return CompareLocal(x.Local, y.Local);
    }

    static int ComparePart(Part x, Part y)
    {
        if (x.Rank != y.Rank) return x.Rank.CompareTo(y.Rank);
        if (x.Rank != Present) return 0;
        var c = Math.Sign(string.CompareOrdinal(x.Letter, y.Letter));
        return c != 0 ? c : CompareDigits(x.Number, y.Number);
    }

    /// <summary>No local part sorts first; segments: a number above a word, numbers as numbers, words as text;
    /// equal prefixes: the longer is larger.</summary>
    static int CompareLocal(string[]? x, string[]? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            bool nx = IsNumber(x[i]), ny = IsNumber(y[i]);
            var c = nx && ny ? CompareDigits(x[i], y[i]) : nx != ny ? (nx ? 1 : -1) : Math.Sign(string.CompareOrdinal(x[i], y[i]));
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    static bool IsNumber(string s) => !s.AsSpan().ContainsAnyExceptInRange('0', '9');
}
