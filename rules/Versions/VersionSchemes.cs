namespace Iq.Rules.Versions;

/// <summary>The version schemes by name, and which scheme a fact's <c>source</c> implies. One table: the binder
/// (<c>version(text, "scheme")</c>), the bundle reader (a <c>source</c> beside a version) and the docs read it.</summary>
public static class VersionSchemes
{
    public static readonly IReadOnlyList<VersionScheme> All =
        [DpkgVersionScheme.Instance, RpmVersionScheme.Instance, Pep440VersionScheme.Instance, SemVerScheme.Instance, GenericVersionScheme.Instance];

    /// <summary>Scheme names and the source names that imply them (a fact's <c>source</c>, or the second
    /// argument of <c>version()</c>). A source not listed here (<c>command</c>, <c>header</c> …) names no scheme:
    /// its versions are read in the scheme of what they are compared with, else in the generic order.</summary>
    public static readonly IReadOnlyDictionary<string, VersionScheme> ByName = new Dictionary<string, VersionScheme>(StringComparer.OrdinalIgnoreCase)
    {
        ["dpkg"] = DpkgVersionScheme.Instance, ["deb"] = DpkgVersionScheme.Instance, ["debian"] = DpkgVersionScheme.Instance,
        ["rpm"] = RpmVersionScheme.Instance,
        ["pep440"] = Pep440VersionScheme.Instance, ["python"] = Pep440VersionScheme.Instance, ["pip"] = Pep440VersionScheme.Instance,
        ["pypi"] = Pep440VersionScheme.Instance,
        ["semver"] = SemVerScheme.Instance, ["npm"] = SemVerScheme.Instance, ["nuget"] = SemVerScheme.Instance,
        ["generic"] = GenericVersionScheme.Instance,
    };

    /// <summary>The scheme a fact's <c>source</c> implies; null for a source that names none.</summary>
    public static VersionScheme? ForSource(string? source) =>
        source is not null && source != "generic" && ByName.TryGetValue(source, out var s) ? s : null;
}
