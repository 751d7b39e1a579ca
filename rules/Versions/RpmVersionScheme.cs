namespace Iq.Rules.Versions;

/// <summary>RPM's order (rpmio/rpmver.cc rpmverCmp over rpmio/rpmvercmp.cc rpmvercmp): <c>[epoch:]version[-release]</c>,
/// a missing epoch as 0; each part split into alphabetic and numeric segments (separators skipped), numeric beats
/// alphabetic, numbers compared as numbers; <c>~</c> sorts before everything (pre-releases), <c>^</c> after the base
/// version but before anything else (snapshots); a side with a release beats one without. RPM compares any bytes;
/// here a version is printable ASCII without spaces, anything else an error.</summary>
public sealed class RpmVersionScheme : VersionScheme
{
    public static readonly RpmVersionScheme Instance = new();

    public override string Name => "rpm";
    public override Iq.Rules.Messages.Message Ordering => Iq.Rules.Messages.Msg.VersionOrderRpm;

    sealed record Parsed(string Epoch, string Version, string? Release);

    public override object? Parse(string text, out string? error)
    {
        error = null;
        if (text.Length == 0) { error = "version string is empty"; return null; }
        foreach (var c in text)
            if (c is <= ' ' or > '~') { error = c == ' ' ? "version string has spaces" : $"character U+{(int)c:X4} is not printable ASCII"; return null; }
        // parseEVR: leading digits followed by ':' are the epoch; the last '-' after them starts the release.
        var s = 0;
        while (s < text.Length && char.IsAsciiDigit(text[s])) s++;
        var dash = text.LastIndexOf('-');
        if (dash < s) dash = -1;
        string epoch = "0", version;
        var start = 0;
        if (s < text.Length && text[s] == ':')
        {
            if (s > 0) epoch = text[..s];
            start = s + 1;
        }
        string? release = null;
        if (dash >= 0)
        {
            version = text[start..dash];
            release = text[(dash + 1)..];
        }
        else version = text[start..];
        return new Parsed(epoch, version, release);
    }

    public override int Compare(object a, object b)
    {
        var x = (Parsed)a;
        var y = (Parsed)b;
        var c = VerCmp(x.Epoch, y.Epoch);
        if (c == 0) c = VerCmp(x.Version, y.Version);
        if (c == 0) c = x.Release is null ? (y.Release is null ? 0 : -1) : y.Release is null ? 1 : VerCmp(x.Release, y.Release);
        return c;
    }

    /// <summary>rpmvercmp, segment by segment.</summary>
    internal static int VerCmp(string a, string b)
    {
        if (a == b) return 0;
        int i = 0, j = 0;
        static bool Separator(char c) => !char.IsAsciiLetterOrDigit(c) && c != '~' && c != '^';
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && Separator(a[i])) i++;
            while (j < b.Length && Separator(b[j])) j++;
            char ca = i < a.Length ? a[i] : '\0', cb = j < b.Length ? b[j] : '\0';
            if (ca == '~' || cb == '~')
            {
                if (ca != '~') return 1;
                if (cb != '~') return -1;
                i++; j++;
                continue;
            }
            if (ca == '^' || cb == '^')
            {
                if (ca == '\0') return -1;
                if (cb == '\0') return 1;
                if (ca != '^') return 1;
                if (cb != '^') return -1;
                i++; j++;
                continue;
            }
            if (ca == '\0' || cb == '\0') break;
            var numeric = char.IsAsciiDigit(ca);
            int ei = i, ej = j;
            if (numeric)
            {
                while (ei < a.Length && char.IsAsciiDigit(a[ei])) ei++;
                while (ej < b.Length && char.IsAsciiDigit(b[ej])) ej++;
            }
            else
            {
                while (ei < a.Length && char.IsAsciiLetter(a[ei])) ei++;
                while (ej < b.Length && char.IsAsciiLetter(b[ej])) ej++;
            }
            // One numeric and one alphabetic segment: numeric is newer.
            if (ej == j) return numeric ? 1 : -1;
            var c = numeric
                ? CompareDigits(a.AsSpan(i, ei - i), b.AsSpan(j, ej - j))
                : Math.Sign(a.AsSpan(i, ei - i).SequenceCompareTo(b.AsSpan(j, ej - j)));
            if (c != 0) return c;
            i = ei;
            j = ej;
        }
        if (i >= a.Length && j >= b.Length) return 0;
        return i >= a.Length ? -1 : 1;
    }
}
