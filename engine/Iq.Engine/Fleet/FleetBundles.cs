using System.Security.Cryptography;
using System.Text;
using Iq.Engine.Facts;

namespace Iq.Engine.Fleet;

/// <summary>The bundle folders under a fleet's roots, found lazily (a directory at a time, never the whole tree in
/// memory): a folder holding at least one file named like a fact document (<see cref="BundleFileNames.NamesEvidence"/>: a
/// <c>*.json</c>, or a <c>*.JSON</c> the audit then refuses by name rather than the fleet leaving the folder out unseen) is
/// a bundle, and its subfolders are not searched further, as the bundle reader reads only the folder's own documents. A folder that cannot be listed (no permission, a name that
/// is not UTF-8 and so cannot be opened again by the name .NET gives it) is given as a bundle too: hashing it fails, and
/// the run records it as not evaluable with the reason, rather than leaving it out unseen or failing the whole run. A folder
/// that is a symbolic link is given as a bundle without being entered: the run refuses it by name (<see cref="LinkOf"/>), as
/// the bundle reader refuses a linked document, rather than leaving it out unseen or following it out of the root.</summary>
public static class FleetBundles
{
    public static IEnumerable<string> Under(string root)
    {
        var pending = new Stack<(string Path, bool Link)>();
        pending.Push((root, false));
        var options = new EnumerationOptions { IgnoreInaccessible = false, RecurseSubdirectories = false, AttributesToSkip = 0 };
        // A linked document makes its folder a bundle, as any document does: the audit then refuses the link by name
        // (BundleFileNames), rather than the fleet leaving a folder of links out unseen. Linked folders are not entered.
        var fileOptions = new EnumerationOptions { IgnoreInaccessible = false, RecurseSubdirectories = false, AttributesToSkip = 0 };
        while (pending.TryPop(out var next))
        {
            var dir = next.Path;
            if (next.Link)
            {
                yield return dir;
                continue;
            }
            List<(string Path, bool Link)>? subfolders = null;
            try
            {
                if (!Directory.EnumerateFiles(dir, "*", fileOptions).Any(f => BundleFileNames.NamesEvidence(Path.GetFileName(f.AsSpan()))))
                    // Sorted so that runs visit bundles in the same order; a single folder's names, not the tree.
                    subfolders = [.. new DirectoryInfo(dir).EnumerateDirectories("*", options)
                        .Select(d => (Path.Combine(dir, d.Name), (d.Attributes & FileAttributes.ReparsePoint) != 0))
                        .OrderBy(d => d.Item1, StringComparer.Ordinal).Reverse()];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (subfolders is null)
            {
                yield return dir;
                continue;
            }
            foreach (var sub in subfolders) pending.Push(sub);
        }
    }

    /// <summary>What a bundle folder found under a root links to, when it is a symbolic link (null when it is a folder).</summary>
    public static string? LinkOf(string folder)
    {
        try { return new DirectoryInfo(folder).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>A bundle folder's name relative to the root it was found under, with '/' between folders.</summary>
    public static string RelativeName(string root, string folder) => Path.GetRelativePath(root, folder).Replace('\\', '/');

    /// <summary>The content hash of a bundle: SHA-256 over each document's file name and SHA-256, in the order the bundle
    /// reader reads them, so that it equals <see cref="OfInputs"/> over what the audit read; then each name refused
    /// (<see cref="BundleDocuments.Refused"/>), so that a <c>*.JSON</c> added to a bundle evaluated before makes a new key and
    /// is refused, never skipped by a re-run reusing the old result.</summary>
    public static string Hash(string folder)
    {
        using var documents = BundleDocuments.Read(folder);
        return Hash(documents);
    }

    /// <summary>The content hash of a bundle read ahead (<see cref="BundleDocuments.Read"/>: each document read as the audit
    /// reads it, so a FIFO, a device or a folder named *.json is refused by name instead of blocking the run, and sizes are
    /// bounded); the audit given the same <see cref="BundleDocuments"/> then reads and hashes nothing again.</summary>
    public static string Hash(BundleDocuments documents)
    {
        var lines = new StringBuilder();
        foreach (var d in documents.Documents)
            lines.Append(Path.GetFileName(d.File)).Append('\0').Append(d.Sha256).Append('\n');
        // Absent when nothing is refused, so the key of every readable bundle is what it was.
        foreach (var r in documents.Refused)
            lines.Append(Path.GetFileName(r)).Append('\0').Append("refused").Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    /// <summary>The same hash from the fact documents an audit read (name and SHA-256 of each).</summary>
    public static string OfInputs(IEnumerable<(string Path, string Sha256)> documents)
    {
        var lines = new StringBuilder();
        foreach (var (path, sha) in documents.OrderBy(d => Path.GetFileName(d.Path), StringComparer.Ordinal))
            lines.Append(Path.GetFileName(path)).Append('\0').Append(sha).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }
}
