using Iq.Rules.Io;

namespace Iq.Tests;

/// <summary>The one way iq writes files (<see cref="Outputs"/>) and reads them (<see cref="InputFiles"/>), in process; the
/// hostile-input corpus shows the same through the real CLI.</summary>
public class OutputsTests
{
    static Action<Stream> Text(string s) => stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(s));

    static string[] Leftovers(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".tmp") || f.EndsWith(".bak")).ToArray();

    [Fact]
    public void All_outputs_appear_together()
    {
        using var dir = new TempDir();
        using (var outputs = new Outputs())
        {
            outputs.MakesFolder(Path.Combine(dir.Path, "sub"));
            outputs.Add(Path.Combine(dir.Path, "a.json"), Text("a"));
            outputs.Add(Path.Combine(dir.Path, "sub", "deeper", "b.json"), Text("b"));
            outputs.Commit();
        }
        Assert.Equal("a", File.ReadAllText(Path.Combine(dir.Path, "a.json")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(dir.Path, "sub", "deeper", "b.json")));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void A_folder_given_with_a_trailing_slash_is_the_same_folder()
    {
        // `iq probe --out facts/`: the folder declared as "facts/" is the folder of "facts/environment.json".
        using var dir = new TempDir();
        using (var outputs = new Outputs())
        {
            outputs.MakesFolder(Path.Combine(dir.Path, "facts") + Path.DirectorySeparatorChar);
            outputs.Add(Path.Combine(dir.Path, "facts", "environment.json"), Text("e"));
            outputs.Commit();
        }
        Assert.Equal("e", File.ReadAllText(Path.Combine(dir.Path, "facts", "environment.json")));
    }

    [Fact]
    public void A_renderer_that_fails_leaves_nothing_and_keeps_the_users_files()
    {
        using var dir = new TempDir();
        var a = Path.Combine(dir.Path, "a.json");
        File.WriteAllText(a, "precious");
        using (var outputs = new Outputs())
        {
            outputs.Add(a, Text("new"));
            outputs.MakesFolder(Path.Combine(dir.Path, "new"));
            outputs.Add(Path.Combine(dir.Path, "new", "b.json"), _ => throw new InvalidOperationException("renderer bug"));
            Assert.Throws<InvalidOperationException>(() => outputs.Commit());
        }
        Assert.Equal("precious", File.ReadAllText(a));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "new")));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void A_file_in_a_folder_that_is_not_there_is_refused_and_no_folder_is_made()
    {
        // A mistyped folder (--json /nonexistent/dir/o.json) is an error naming it, not a tree of new folders; only a folder
        // the run writes into (--out DIR) is made.
        using var dir = new TempDir();
        var typo = Path.Combine(dir.Path, "nonexistent", "dir");
        using (var outputs = new Outputs())
        {
            outputs.Add(Path.Combine(dir.Path, "a.json"), Text("a"));
            var e = Assert.Throws<OutputException>(() => outputs.Add(Path.Combine(typo, "o.json"), Text("o")));
            Assert.Equal(Path.Combine(typo, "o.json"), e.Path);
            Assert.Equal($"Cannot write: the folder {typo} does not exist (iq makes no folder for an output file; create it first, or check the path for a typo)", e.Reason);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
        var run = CliRunner.InProcess("audit", TestPaths.Case("evaluation.iq"), "--facts", TestPaths.Case("facts"), "--json", Path.Combine(typo, "o.json"), "--as-of", "2026-11-22");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(Path.Combine(typo, "o.json"), run.Stderr);
        Assert.Contains($": error IQ4006: Cannot write: the folder {typo} does not exist", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_folder_as_a_target_is_refused_before_anything_is_written()
    {
        using var dir = new TempDir();
        using var outputs = new Outputs();
        outputs.Add(Path.Combine(dir.Path, "a.json"), Text("a"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "card.xlsx"));
        var e = Assert.Throws<OutputException>(() => outputs.Add(Path.Combine(dir.Path, "card.xlsx"), Text("x")));
        Assert.Equal(Path.Combine(dir.Path, "card.xlsx"), e.Path);
        Assert.Equal("Cannot write: it is a folder; give a file name", e.Reason);
        Assert.False(File.Exists(Path.Combine(dir.Path, "a.json")));
    }

    [Fact]
    public void An_input_of_the_run_is_never_an_output()
    {
        using var dir = new TempDir();
        var review = Path.Combine(dir.Path, "review.xlsx");
        File.WriteAllText(review, "judgments");
        using var ledger = InputLedger.Begin();
        InputFiles.ReadAllBytes(review, InputKind.Workbook);
        using var outputs = new Outputs();
        var e = Assert.Throws<OutputException>(() => outputs.Add(review, Text("scorecard")));
        Assert.StartsWith("Cannot write: it is also an input of this run", e.Reason);
        Assert.Equal("judgments", File.ReadAllText(review));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions_and_a_link_stays_a_link()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        var real = Path.Combine(dir.Path, "real.json");
        File.WriteAllText(real, "old");
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = Path.Combine(dir.Path, "link.json");
        File.CreateSymbolicLink(link, "real.json");
        using (var outputs = new Outputs())
        {
            outputs.Add(link, Text("new"));
            outputs.Commit();
        }
        Assert.Equal("new", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(real));
    }

    [Fact]
    public void Inputs_that_are_not_regular_files_are_refused_without_blocking()
    {
        using var dir = new TempDir();
        var fifo = Path.Combine(dir.Path, "pipe.json");
        System.Diagnostics.Process.Start("mkfifo", [fifo])!.WaitForExit();
        var e = Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes(fifo, InputKind.FactDocument));
        Assert.Equal("Not a regular file: a FIFO (named pipe)", e.Reason);
        Assert.Equal("Not a regular file: a character device", Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes("/dev/zero", InputKind.FactDocument)).Reason);
        Assert.Equal("Not a regular file: a folder", Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes(dir.Path, InputKind.FactDocument)).Reason);
        var loop = Path.Combine(dir.Path, "loop.json");
        File.CreateSymbolicLink(loop, "loop2.json");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "loop2.json"), "loop.json");
        Assert.Equal("Not a regular file: a loop of symbolic links", Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes(loop, InputKind.FactDocument)).Reason);
    }

    [Fact]
    public void Sizes_are_bounded_per_kind_and_the_option_raises_them()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "info.json");
        File.WriteAllBytes(file, new byte[2 * 1024 * 1024]);
        var e = Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes(file, InputKind.ReportInfo));
        Assert.Equal("Too large: 2097152 bytes; the limit for report information is 1048576 bytes (raise it with --max-input-size)", e.Reason);
        try
        {
            InputLimits.Override = 4 * 1024 * 1024;
            Assert.Equal(2 * 1024 * 1024, InputFiles.ReadAllBytes(file, InputKind.ReportInfo).Length);
        }
        finally { InputLimits.Override = null; }
    }
}
