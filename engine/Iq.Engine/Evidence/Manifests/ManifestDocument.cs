using Iq.Engine.Evidence.Integrity;

namespace Iq.Engine.Evidence.Manifests;

/// <summary>A version manifest or SBOM as read, whatever its format: the package, its components (nested ones flattened,
/// depth first) and every hash given for a file.</summary>
public sealed record ManifestDocument(
    string Format,
    string FormatVersion,
    string PackageId,
    string PackageVersion,
    IReadOnlyList<ManifestComponent> Components,
    IReadOnlyList<FileDigest> Files,
    IReadOnlyList<(string Name, string Version)> Documents,
    string? ReleaseNotes);

/// <summary>A component: its name and versions, the ecosystem its version comes from (from the purl: npm, python,
/// dpkg …), and the files that are its evidence on disk (its own file, its occurrences, the file components nested
/// in it). <paramref name="HashedElsewhere"/>: it has hashes, but not of a file (an npm tarball's integrity).</summary>
public sealed record ManifestComponent(string Name, string? Version, string? Tag, string? Source, IReadOnlyList<string> FilePaths,
    bool HashedElsewhere, string Where);

/// <summary>Purl types to the version sources of the fact schema (which name the version scheme).</summary>
static class Purl
{
    public static string? Source(string? purl)
    {
        if (purl is null || !purl.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase)) return null;
        var slash = purl.IndexOf('/', 4);
        var type = (slash < 0 ? purl[4..] : purl[4..slash]).ToLowerInvariant();
        return type switch { "npm" => "npm", "pypi" => "python", "deb" => "dpkg", "rpm" => "rpm", "nuget" => "nuget", _ => null };
    }
}
