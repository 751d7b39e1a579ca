using Iq.Rules.Messages;
using System.Text.RegularExpressions;

namespace Iq.Engine.Evidence.Integrity;

/// <summary>What became of one listed file.</summary>
public enum FileState
{
    /// <summary>Every hash given matched, at least one of them strong.</summary>
    Verified,
    /// <summary>Every hash given matched, but all are weak (SHA-1, MD5): not enough alone.</summary>
    WeakOnly,
    /// <summary>A hash differs: the file is not what the manifest lists.</summary>
    Changed,
    /// <summary>Not on disk.</summary>
    Missing,
    /// <summary>The path leaves the root (absolute, <c>..</c>, or a link pointing out): not read.</summary>
    Rejected,
    /// <summary>No hash that this engine can compute (BLAKE3 …), or not a regular file.</summary>
    Unverifiable,
}

public sealed record FileResult(string Path, FileState State, string Detail, IReadOnlyList<FileDigest> Digests)
{
    /// <summary>Why a file listed with a hash could not be verified (weak hashes only, none computable, a folder), as the fact
    /// reason a manifest stores; its English text is <c>Path: Detail</c>. Null for the other states.</summary>
    public Iq.Rules.Messages.MessageText? Unverified { get; init; }
}

/// <summary>The comparison of a manifest's file hashes with the files under a root.</summary>
public sealed record IntegrityReport(string Root, IReadOnlyList<FileResult> Files, IReadOnlyList<string> Extra)
{
    public IEnumerable<string> In(FileState state) => Files.Where(f => f.State == state).Select(f => f.Path);
    public int Count(FileState state) => Files.Count(f => f.State == state);

    /// <summary>Why nothing was verified, when nothing was: integrity is then unknown (an error), never a pass.</summary>
    public Iq.Rules.Messages.MessageText? NothingVerified =>
        Count(FileState.Verified) > 0 ? null
        : Files.Count == 0 ? Iq.Rules.Messages.Msg.IntegrityNoHashes.Text
        : Count(FileState.WeakOnly) > 0 ? Iq.Rules.Messages.Msg.IntegrityOnlyWeak.Text
        : Iq.Rules.Messages.Msg.IntegrityNoneStrong.Text;
}

/// <summary>Hashes every file a manifest gives a hash for, under one root, and compares: one mechanism for installation
/// manifests and SBOMs (IQ 5.5.1 a, 6.2.2 f) and for manifests of imported data. Paths that leave the root are
/// rejected, never read; links are followed only while they stay inside it. Extra files (on disk, not listed) are
/// found by walking the root without following links, less an ignore list of globs.</summary>
public static class IntegrityCheck
{
    public const int MaxExtraListed = 100;
    const long MaxFilesWalked = 1_000_000;

    /// <param name="posixNames">The manifest was written on a POSIX system (sha256sum): a backslash is part of a file's
    /// name there, not a separator to read as '/' (as it is in an SBOM that may come from Windows).</param>
    public static IntegrityReport Verify(string root, IEnumerable<FileDigest> digests, IReadOnlyList<string>? ignore = null, bool posixNames = false,
        CancellationToken cancel = default)
    {
        if (!Directory.Exists(root)) throw new EvidenceInputException(Msg.IntegrityRootNotFound.With(root));
        var realRoot = RealPath(Path.GetFullPath(root))!;
        var results = new List<FileResult>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in digests.GroupBy(d => Normalize(d.Path, posixNames)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var path = group.Key;
            var list = group.ToList();
            listed.Add(path);
            cancel.ThrowIfCancellationRequested();
            results.Add(Check(realRoot, path, list));
        }
        var patterns = (ignore ?? []).Select(Glob).ToList();
        var extra = new List<string>();
        var walked = 0L;
        foreach (var file in Walk(realRoot))
        {
            if (++walked > MaxFilesWalked) throw new EvidenceInputException(Msg.IntegrityTooManyFiles.With(root, MaxFilesWalked));
            var relative = Path.GetRelativePath(realRoot, file);
            if (!posixNames) relative = relative.Replace('\\', '/');
            if (listed.Contains(relative) || patterns.Any(p => p.IsMatch(relative))) continue;
            extra.Add(relative);
        }
        extra.Sort(StringComparer.Ordinal);
        return new IntegrityReport(root, results, extra);
    }

    /// <summary>A manifest path as a root-relative path with forward slashes; "./" and a leading "/" of SPDX's
    /// "./src/x" or a CycloneDX name are read as relative only when written so (an absolute path is rejected later).</summary>
    public static string Normalize(string path, bool posixNames = false)
    {
        var p = posixNames ? path : path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        return p;
    }

    static FileResult Check(string realRoot, string path, List<FileDigest> digests)
    {
        if (path.Length == 0 || path.StartsWith('/') || Path.IsPathRooted(path) || path.Contains(':') || path.Split('/').Contains(".."))
            return new FileResult(path, FileState.Rejected, "the path leaves the root (absolute or ..)", digests);
        if (path.Contains('\0')) return new FileResult(path, FileState.Rejected, "the path holds a NUL character", digests);
        var full = Path.Combine(realRoot, path);
        string? real;
        try { real = RealPath(full); }
        catch (IOException)
        {
            // ELOOP: a loop of links (a → b → a) never resolves; reported, never followed.
            return new FileResult(path, FileState.Rejected, "a loop of symbolic links", digests);
        }
        if (real is null)
            return new FileResult(path, FileState.Missing, "not found under the root", digests);
        if (!real.StartsWith(realRoot + "/", StringComparison.Ordinal))
            return new FileResult(path, FileState.Rejected, "a link points out of the root", digests);
        if (!File.Exists(real))
            return Directory.Exists(real)
                ? new FileResult(path, FileState.Unverifiable, "a folder, not a file: a hash of a folder cannot be checked", digests)
                    { Unverified = Iq.Rules.Messages.Msg.ManifestFileIsFolder.With(path) }
                : new FileResult(path, FileState.Missing, "not found under the root", digests);
        // A FIFO would block the read, a device never end it: only a regular file is hashed.
        if (Iq.Rules.Io.FileFacts.Of(real).Kind is var kind and not Iq.Rules.Io.FileKind.Regular)
            return new FileResult(path, FileState.Rejected, $"not a regular file: {Iq.Rules.Io.FileFacts.Describe(kind)}", digests);

        var known = digests.Select(d => (Digest: d, Algorithm: HashAlgorithm.Named(d.Algorithm))).ToList();
        var computable = known.Where(k => k.Algorithm is not null).ToList();
        var hashers = computable.Select(k => k.Algorithm!).Distinct().Select(a => (a, Hash: a.Create())).Where(h => h.Hash is not null).ToList();
        if (hashers.Count == 0)
        {
            var algorithms = string.Join(", ", digests.Select(d => d.Algorithm).Distinct());
            return new FileResult(path, FileState.Unverifiable, $"no hash this engine can compute ({algorithms})", digests)
                { Unverified = Iq.Rules.Messages.Msg.ManifestFileNoHash.With(path, algorithms) };
        }
        using (var stream = Iq.Rules.Io.InputFiles.OpenRead(real, Iq.Rules.Io.InputKind.Log, 1 << 16, FileOptions.SequentialScan))
        {
            var buffer = new byte[1 << 16];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                foreach (var h in hashers) h.Hash!.AppendData(buffer, 0, n);
        }
        var actual = hashers.ToDictionary(h => h.a, h => Convert.ToHexStringLower(h.Hash!.GetHashAndReset()));
        foreach (var h in hashers) h.Hash!.Dispose();
        var mismatched = computable.Where(k => actual.TryGetValue(k.Algorithm!, out var a) && !a.Equals(k.Digest.Expected.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (mismatched.Count > 0)
        {
            var m = mismatched[0];
            return new FileResult(path, FileState.Changed, $"{m.Algorithm!.Name} {actual[m.Algorithm]} on disk, {m.Digest.Expected.Trim().ToLowerInvariant()} listed", digests);
        }
        var matched = computable.Where(k => actual.ContainsKey(k.Algorithm!)).Select(k => k.Algorithm!).Distinct().ToList();
        return matched.Any(a => a.Strong)
            ? new FileResult(path, FileState.Verified, string.Join(", ", matched.Select(a => a.Name)) + " match", digests)
            : new FileResult(path, FileState.WeakOnly, $"only {string.Join(", ", matched.Select(a => a.Name))} given and matched: weak, not enough alone", digests)
                { Unverified = Iq.Rules.Messages.Msg.ManifestFileWeak.With(path, string.Join(", ", matched.Select(a => a.Name))) };
    }

    /// <summary>The path with every link resolved, or null when it (or a link on the way) does not exist.</summary>
    static string? RealPath(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists && info.LinkTarget is null) return null;
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists) return null;
                next = RealPath(target.FullName);
                if (next is null) return null;
            }
            current = next;
        }
        return current;
    }

    /// <summary>Every file under the root, without following links: a link is listed as itself.</summary>
    static IEnumerable<string> Walk(string root)
    {
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.Count > 0)
        {
            IEnumerable<FileSystemInfo> entries;
            try { entries = pending.Pop().EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList(); }
            catch (UnauthorizedAccessException) { continue; }
            foreach (var e in entries)
            {
                if (e is DirectoryInfo d && e.LinkTarget is null) pending.Push(d);
                else yield return e.FullName;
            }
        }
    }

    /// <summary>A glob: <c>*</c> within a path segment, <c>**</c> across segments, <c>?</c> one character. Matched without
    /// backtracking (in time linear in the path): "**/**/…/x" backtracked past the timeout on a deep path, and a timeout
    /// is no answer to whether a file is ignored.</summary>
    static Regex Glob(string glob)
    {
        var pattern = Regex.Escape(glob.Replace('\\', '/')).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
        try { return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking); }
        catch (NotSupportedException)
        {
            // The matcher's automaton has a size limit (thousands of wildcards): such a glob is refused, named (shortened).
            throw new EvidenceInputException(Msg.OptionProblem.With("--ignore",
                Msg.GlobTooComplex.With(glob.Length > 60 ? glob[..60] + "…" : glob, 1000)));
        }
    }
}
