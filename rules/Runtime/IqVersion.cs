using Iq.Rules.Versions;

namespace Iq.Rules.Runtime;

/// <summary>A version: its text and, when known, the scheme it is written in (from the fact's <c>source</c>, or
/// <c>version(text, "dpkg")</c>). A version without a scheme (a plan's minimum, a literal) is read in the scheme of
/// the version it is compared with; when neither side names one, in the generic dotted order. A text that does not
/// parse in the scheme used, or two different schemes, make the comparison an error naming the text.</summary>
public sealed class IqVersion : IComparable<IqVersion>, IEquatable<IqVersion>
{
    // The last parse, per scheme: versions are shared across threads (literals of a compiled checklist), so the
    // cache is one immutable pair swapped atomically.
    sealed record Cached(VersionScheme Scheme, object Parsed);
    Cached? _cached;

    public IqVersion(string text, VersionScheme? scheme)
    {
        Text = text.Trim();
        Scheme = scheme;
    }

    public string Text { get; }

    /// <summary>The scheme the version is written in; null when its source names none.</summary>
    public VersionScheme? Scheme { get; }

    /// <summary>A version without a scheme, if the text looks like one: a number first (after an optional "v" or
    /// epoch), as the generic order reads it. Whether it parses in the scheme it meets is checked then.</summary>
    public static bool TryParse(string? text, out IqVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (GenericVersionScheme.Instance.Parse(text, out _) is null) return false;
        version = new IqVersion(text, null);
        return true;
    }

    public static IqVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"not a version: \"{text}\"");

    /// <summary>A version in a named scheme; null with the reason when the text does not parse in it.</summary>
    public static IqVersion? In(string text, VersionScheme scheme, out string? error)
    {
        var v = new IqVersion(text, scheme);
        return v.ParsedIn(scheme, out error) is null ? null : v;
    }

    /// <summary>The scheme a comparison of these two uses: the one either names, else generic. Two different
    /// named schemes are an error.</summary>
    public static VersionScheme SchemeFor(IqVersion a, IqVersion b)
    {
        if (a.Scheme is not null && b.Scheme is not null && a.Scheme != b.Scheme)
            throw new EvaluationException($"cannot compare {a.Scheme.Name} version \"{a.Text}\" with {b.Scheme.Name} version \"{b.Text}\"");
        return a.Scheme ?? b.Scheme ?? GenericVersionScheme.Instance;
    }

    /// <summary>The scheme that orders <paramref name="a"/> against <paramref name="b"/> when either is a version (the
    /// generic one when neither names a scheme, so that evidence shows no scheme was known); null otherwise.</summary>
    public static Versions.VersionScheme? SchemeUsed(object? a, object? b)
    {
        var x = a as IqVersion ?? (a is string s && b is IqVersion ? new IqVersion(s, null) : null);
        var y = b as IqVersion ?? (b is string t && a is IqVersion ? new IqVersion(t, null) : null);
        if (x is null || y is null) return null;
        try { return SchemeFor(x, y); }
        catch (EvaluationException) { return null; }
    }

    public int CompareTo(IqVersion? other)
    {
        if (other is null) return 1;
        var scheme = SchemeFor(this, other);
        return scheme.Compare(Require(scheme), other.Require(scheme));
    }

    object Require(VersionScheme scheme) =>
        ParsedIn(scheme, out var error) ?? throw new EvaluationException($"not a {scheme.Name} version: \"{Text}\" ({error})");

    object? ParsedIn(VersionScheme scheme, out string? error)
    {
        error = null;
        var cached = _cached;
        if (cached is not null && cached.Scheme == scheme) return cached.Parsed;
        var parsed = scheme.Parse(Text, out error);
        if (parsed is not null) _cached = new Cached(scheme, parsed);
        return parsed;
    }

    public bool Equals(IqVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is IqVersion v && Equals(v);

    // Equality depends on the scheme of the other side ("1.0" equals "1.0.0" generically, not in SemVer), so no
    // hash can follow it beyond this: versions are compared, never used as keys.
    public override int GetHashCode() => 0;
    public override string ToString() => Text;
}
