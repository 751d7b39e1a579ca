namespace Iq.Rules.Versions;

/// <summary>One way of ordering version strings: Debian's, RPM's, PEP 440, SemVer 2.0.0, or the generic dotted
/// order. A scheme parses a text into its own comparable form, or says why the text is not a version in it:
/// a version that does not parse is an error naming the text, never a guess.</summary>
public abstract class VersionScheme
{
    /// <summary>The name a checklist uses: <c>version("1:2.3-1", "dpkg")</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How evidence names the order used, e.g. "dpkg order: Debian policy, …": a catalog message, so that a report
    /// words it in its language (<see cref="Title"/> is its English text).</summary>
    public abstract Iq.Rules.Messages.Message Ordering { get; }

    /// <summary>The order's name in English, as evidence's expected text has it.</summary>
    public string Title => Ordering.En;

    /// <summary>The parsed form, or null with the reason in <paramref name="error"/>.</summary>
    public abstract object? Parse(string text, out string? error);

    /// <summary>Orders two parsed forms of this scheme: negative, zero or positive.</summary>
    public abstract int Compare(object a, object b);

    public override string ToString() => Name;

    /// <summary>Two runs of ASCII digits compared as numbers of any length (no overflow): leading zeros dropped,
    /// then the longer is larger, then digit by digit.</summary>
    internal static int CompareDigits(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length) return a.Length < b.Length ? -1 : 1;
        return Math.Sign(a.SequenceCompareTo(b));
    }
}
