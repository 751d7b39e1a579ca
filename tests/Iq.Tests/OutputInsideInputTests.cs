namespace Iq.Tests;

/// <summary>No command writes into a folder it reads as a whole: <c>iq audit --facts B --out B</c> would leave a
/// results.json in the bundle that every later audit of B reads as a fact document (and refuses). One rule, in the outputs
/// every command writes through: refused with exit 2 naming the folder, nothing written, for an output folder equal to an
/// input folder, inside one, or reaching it through a link. An input folder inside the output folder is accepted: nothing
/// is written into the input.</summary>
public class OutputInsideInputTests
{
    static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");

    static string CopyBundle(TempDir dir, string name)
    {
        var bundle = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Compliant)) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        return bundle;
    }

    static string[] Listing(string folder) =>
        [.. Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p)).Order(StringComparer.Ordinal)];

    static void Refused(CliRunner.Run run, string folder)
    {
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"Cannot write: it is inside {folder}, a folder this run reads", run.Stderr);
    }

    [Fact]
    public void An_audit_does_not_write_into_the_bundle_it_reads()
    {
        using var dir = new TempDir();
        var bundle = CopyBundle(dir, "b");
        var files = Listing(bundle);
        Refused(CliRunner.InProcess("audit", "--facts", bundle, "--out", bundle, "--as-of", "2026-11-22"), bundle);
        Refused(CliRunner.InProcess("audit", "--facts", bundle, "--out", Path.Combine(bundle, "reports"), "--as-of", "2026-11-22"), bundle);
        Refused(CliRunner.InProcess("audit", "--facts", bundle, "--json", Path.Combine(bundle, "r.json"), "--as-of", "2026-11-22"), bundle);
        Refused(CliRunner.InProcess("audit", "--facts", bundle, "--html", Path.Combine(bundle, "r.html"), "--as-of", "2026-11-22"), bundle);
        // Through a link to the bundle.
        var link = Path.Combine(dir.Path, "link");
        File.CreateSymbolicLink(link, bundle);
        Refused(CliRunner.InProcess("audit", "--facts", bundle, "--out", link, "--as-of", "2026-11-22"), bundle);
        Assert.Equal(files, Listing(bundle));
        // The bundle still audits as before: nothing of iq's own was left in it.
        Assert.Equal(0, CliRunner.InProcess("audit", "--facts", bundle, "--json", Path.Combine(dir.Path, "r.json"), "--as-of", "2026-11-22", "-q").ExitCode);
        // Beside the bundle, or in a folder that holds it, is fine.
        var run = CliRunner.InProcess("audit", "--facts", bundle, "--out", dir.Path, "--as-of", "2026-11-22", "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(Path.Combine(dir.Path, "results.json")));
        Assert.Equal(files, Listing(bundle));
    }

    [Fact]
    public void Redact_does_not_write_below_the_bundle_it_redacts()
    {
        using var dir = new TempDir();
        var bundle = CopyBundle(dir, "rb");
        var files = Listing(bundle);
        Refused(CliRunner.InProcess("redact", bundle, "--out", Path.Combine(bundle, "sub")), bundle);
        Assert.Equal(files, Listing(bundle));
        Assert.Equal(0, CliRunner.InProcess("redact", bundle, "--out", Path.Combine(dir.Path, "red")).ExitCode);
    }

    [Fact]
    public void A_snapshot_is_not_written_into_the_folder_it_snapshots()
    {
        using var dir = new TempDir();
        var tree = Path.Combine(dir.Path, "sn");
        Directory.CreateDirectory(Path.Combine(tree, "etc"));
        File.WriteAllText(Path.Combine(tree, "etc", "a.conf"), "a");
        var files = Listing(tree);
        Refused(CliRunner.InProcess("snapshot", tree, "-o", Path.Combine(tree, "snap.json")), tree);
        Refused(CliRunner.InProcess("snapshot", tree, "-o", Path.Combine(tree, "etc", "snap.json")), tree);
        Assert.Equal(files, Listing(tree));
        var before = Path.Combine(dir.Path, "before.json");
        Assert.Equal(0, CliRunner.InProcess("snapshot", tree, "-o", before).ExitCode);
        // The comparison's bundle is not written into the folder compared either.
        Refused(CliRunner.InProcess("snapshot", "--compare", before, tree, "--out", tree, "--rollback-time", "1 min"), tree);
        Assert.Equal(files, Listing(tree));
    }
}

/// <summary><c>iq imports --root</c> hashes the root as a whole, as <c>iq manifest --root</c> does: data_imports.json
/// written into it (or below it) would be an extra file the next check of the same data lists. Before the root was noted
/// as an input folder, both writes below went ahead (exit 0, data_imports.json left in the data).</summary>
public class ImportsRootInsideTests
{
    [Fact]
    public void Imports_are_not_written_into_the_root_they_hash()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        File.WriteAllText(Path.Combine(root, "a.txt"), "a\n");
        // The list by sha256sum itself, beside the data.
        var sum = Oracles.Run("sha256sum", [Path.Combine(root, "a.txt")]);
        Assert.Equal(0, sum.Exit);
        var list = Path.Combine(dir.Path, "SHA256SUMS");
        File.WriteAllText(list, $"{sum.Stdout.Split(' ')[0]}  a.txt\n");
        var files = Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        foreach (var into in new[] { root, Path.Combine(root, "sub") })
        {
            var run = CliRunner.InProcess("imports", "set", list, "--root", root, "--out", into);
            Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
            Assert.Contains($"Cannot write: it is inside {root}, a folder this run reads", run.Stderr);
        }
        Assert.Equal(files, Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
        var beside = CliRunner.InProcess("imports", "set", list, "--root", root, "--out", Path.Combine(dir.Path, "bundle"));
        Assert.True(beside.ExitCode == 0, beside.Stdout + beside.Stderr);
        Assert.True(File.Exists(Path.Combine(dir.Path, "bundle", "data_imports.json")));
    }
}
