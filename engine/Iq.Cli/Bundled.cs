using System.Security.Cryptography;

namespace Iq.Cli;

/// <summary>Where the checklists shipped with the tool are: beside the executable when they are there (a build, a tool
/// package), else unpacked from the executable's own resources (the single-file binary carries them) into a per-user cache
/// folder named by their hash, so a newer binary never reads an older copy.</summary>
static class Bundled
{
    static readonly Lazy<string> Directory = new(Locate);

    public static string ChecklistsDirectory => Directory.Value;
    public static string DefaultChecklist => Path.Combine(ChecklistsDirectory, "gbt-aimd-iq.iq");

    const string Prefix = "checklists/";

    static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "checklists");
        if (System.IO.Directory.Exists(beside)) return beside;
        var assembly = typeof(Bundled).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return beside;
        var files = names.Select(n =>
        {
            using var s = assembly.GetManifestResourceStream(n)!;
            using var m = new MemoryStream();
            s.CopyTo(m);
            return (Name: n[Prefix.Length..], Bytes: m.ToArray());
        }).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(bytes);
        }
        var id = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        foreach (var cache in CacheRoots())
        {
            var target = Path.Combine(cache, "iq", "checklists-" + id);
            if (System.IO.Directory.Exists(target)) return target;
            try
            {
                // Unpacked into a temporary folder and renamed, so a concurrent run never sees half the files.
                var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
                foreach (var (name, bytes) in files)
                {
                    var path = Path.Combine(temp, name);
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllBytes(path, bytes);
                }
                try { System.IO.Directory.Move(temp, target); }
                catch (IOException) when (System.IO.Directory.Exists(target)) { System.IO.Directory.Delete(temp, recursive: true); }
                return target;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* try the next place */ }
        }
        return beside;
    }

    static IEnumerable<string> CacheRoots()
    {
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg) yield return xdg;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) yield return Path.Combine(home, ".cache");
        yield return Path.GetTempPath();
    }
}
