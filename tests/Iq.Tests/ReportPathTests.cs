using System.IO.Compression;
using System.Text;

namespace Iq.Tests;

/// <summary>A lab hands its reports to a vendor: what it gave as absolute paths (the bundle's folder) must not travel in
/// them (docs/results.md, docs/privacy.md). The bundle lies under a folder whose name appears nowhere else; every file the
/// audit writes is searched for it, the workbook and the archive read entry by entry (inflated), a gzip decompressed.</summary>
public sealed class ReportPathTests : IDisposable
{
    readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_absolute_bundle_is_named_by_its_own_name_in_every_output()
    {
        var unique = "lab-" + Guid.NewGuid().ToString("N");
        var bundle = Path.Combine(_dir.Path, unique, "cases", "bundle");
        CopyFolder(Path.Combine(TestPaths.Checklists, "samples", "compliant"), bundle);
        var outDir = Path.Combine(_dir.Path, "out");
        Directory.CreateDirectory(outDir);
        string O(string name) => Path.Combine(outDir, name);

        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", bundle, "--as-of", "2026-11-22",
            "--json", O("r.json"), "--html", O("r.html"), "--xlsx", O("r.xlsx"), "--junit", O("j.xml"), "--archive", O("a.zip"));
        Assert.True(run.ExitCode == 0, run.Stderr);

        // The console: only the lines saying where the outputs went (the user's own, given as such) name the temp folder,
        // and none the bundle's folder.
        Assert.DoesNotContain(unique, run.Stdout + run.Stderr);
        var leaks = new List<string>();
        foreach (var file in Directory.EnumerateFiles(outDir))
            foreach (var (entry, text) in Texts(file))
                if (text.Contains(unique, StringComparison.Ordinal)) leaks.Add($"{Path.GetFileName(file)}{entry}");
        Assert.Empty(leaks);

        // The documents are named under the bundle's name, and the archive holds them there (the same run knew where).
        var results = File.ReadAllText(O("r.json"));
        Assert.Contains("\"bundle/plan.json\"", results);
        var verify = CliRunner.InProcess("archive", "--verify", O("a.zip"));
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
    }

    /// <summary>Each text a file holds: itself; a zip's (xlsx, archive) entries, inflated; a gzip decompressed.</summary>
    static IEnumerable<(string Entry, string Text)> Texts(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var texts = new List<(string, string)>();
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                var m = new MemoryStream();
                s.CopyTo(m);
                texts.Add(("!" + e.FullName, Decoded(m.ToArray())));
            }
            return texts;
        }
        return [("", Decoded(bytes))];
    }

    static string Decoded(byte[] bytes)
    {
        if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            var m = new MemoryStream();
            gz.CopyTo(m);
            bytes = m.ToArray();
        }
        return Encoding.UTF8.GetString(bytes);
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
