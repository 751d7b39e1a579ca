using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>Errors the runtime and the libraries iq reads with raise on real bad input (a truncated snapshot or fact
/// document, a corrupt gzip or zip, a text file given as a SQLite store, a model ONNX Runtime will not load, a folder iq may
/// not read), run through iq with <c>--lang zh</c>: exit 2, and the line says the kind of error in Chinese, from its typed
/// cause; the library's English is only the detail ('（SQLite 原文：…）'), and nothing else on the line is an English
/// sentence.</summary>
public class LibraryErrorChineseTests
{
    /// <summary>Names that stay names in Chinese text, some of two words.</summary>
    static readonly string[] Names = ["ONNX Runtime", "Open XML", "System.Text.Json", ".NET", "SQLite", "Npgsql", "JSON", "XML", "zip", "gzip", "xlsx", "protobuf", "UTF-8"];

    /// <summary>The line that quotes <paramref name="library"/>: it holds <paramref name="kind"/> before the quote, and
    /// outside the quote no two English words in a row.</summary>
    static string AssertWorded(CliRunner.Run run, string library, string kind, params string[] paths)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Stderr}\n{run.Stdout}");
        var marker = $"（{library} 原文：";
        var line = run.Stderr.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(line is not null, $"no line quotes {library}:\n{run.Stderr}");
        var at = line!.IndexOf(marker, StringComparison.Ordinal);
        var end = line.IndexOf('）', at);
        Assert.True(end > at, line);
        Assert.Contains(kind, line[..at]);
        var rest = Regex.Replace(line[..at] + line[(end + 1)..], @"error IQ\d{4}:", "");
        foreach (var p in paths.OrderByDescending(p => p.Length)) rest = rest.Replace(p, "");
        foreach (var n in Names) rest = rest.Replace(n, "");
        Assert.DoesNotMatch(@"[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}", rest);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", rest);
        return line;
    }

    [Fact]
    public void A_snapshot_cut_short_says_so_in_chinese()
    {
        using var dir = new TempDir();
        var snapshot = Path.Combine(dir.Path, "s.json");
        File.WriteAllText(snapshot, "{\"schema\": \"iq.snapshot/1\", \"files\": [");
        var d = Directory.CreateDirectory(Path.Combine(dir.Path, "d")).FullName;
        var run = CliRunner.InProcess("snapshot", "--compare", snapshot, d, "--out", Path.Combine(dir.Path, "b"), "--lang", "zh");
        AssertWorded(run, "System.Text.Json", "快照格式错误：JSON 在文档结束之前中断", dir.Path);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "b")));
        // English keeps the library's text as the whole reason, as before.
        var en = CliRunner.InProcess("snapshot", "--compare", snapshot, d, "--out", Path.Combine(dir.Path, "b"), "--lang", "en");
        Assert.Contains("malformed snapshot: Expected depth to be zero", en.Stderr);
    }

    [Fact]
    public void A_fact_document_with_a_character_out_of_place_says_so_in_chinese()
    {
        using var dir = new TempDir();
        var bundle = IqSamples.Copy("failing", Path.Combine(dir.Path, "b"));
        File.WriteAllText(Path.Combine(bundle, "plan.json"), "{\"kind\": ]}");
        var run = CliRunner.InProcess("audit", IqSamples.Checklist, "--facts", bundle, "--lang", "zh");
        AssertWorded(run, "System.Text.Json", "JSON 格式错误：此处出现了不应有的字符", dir.Path);
    }

    [Fact]
    public void A_corrupt_gzip_scan_report_says_so_in_chinese()
    {
        using var dir = new TempDir();
        var report = Path.Combine(dir.Path, "r.xml.gz");
        // A gzip header (deflate, no flags), then a deflate block of the reserved type 3: data no inflater decodes.
        File.WriteAllBytes(report, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        var run = CliRunner.InProcess("scans", report, "--out", Path.Combine(dir.Path, "b"), "--lang", "zh");
        AssertWorded(run, ".NET", "不是有效的 gzip 文件：压缩数据已损坏或被截断", dir.Path);
    }

    [Fact]
    public void A_truncated_gzip_scan_report_is_refused_in_chinese()
    {
        using var dir = new TempDir();
        var whole = new MemoryStream();
        using (var z = new GZipStream(whole, CompressionLevel.Optimal, leaveOpen: true))
            z.Write(System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">"
                + string.Concat(Enumerable.Range(0, 400).Select(i => $"<Value id=\"v{i}\">{new Guid(System.Security.Cryptography.MD5.HashData(BitConverter.GetBytes(i)))}</Value>")) + "</Benchmark>\n"));
        var report = Path.Combine(dir.Path, "r.xml.gz");
        File.WriteAllBytes(report, whole.ToArray()[..(int)(whole.Length / 2)]);
        var run = CliRunner.InProcess("scans", report, "--out", Path.Combine(dir.Path, "b"), "--lang", "zh");
        Assert.True(run.ExitCode == 2, run.Stderr);
        // Fixed content (a Guid per value from its index, not a random one): where the cut falls, and so which reader notices
        // it first (the inflater or the XML reader after it) and what it says, is the same on every run.
        // Whichever notices first, the kind is in Chinese.
        var library = run.Stderr.Contains("（.NET 原文：", StringComparison.Ordinal) ? ".NET" : "XML";
        AssertWorded(run, library, library == ".NET" ? "压缩数据已损坏或被截断" : "XML 在文档结束之前中断", dir.Path);
    }

    [Fact]
    public void A_corrupt_audit_archive_says_so_in_chinese()
    {
        using var dir = new TempDir();
        var zip = Path.Combine(dir.Path, "a.zip");
        File.WriteAllBytes(zip, [.. "PK\u0003\u0004"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))]);
        var run = CliRunner.InProcess("archive", "--verify", zip, "--lang", "zh");
        AssertWorded(run, ".NET", "不是可读的存档：找不到 zip 中央目录", dir.Path);
    }

    [Fact]
    public void A_text_file_given_as_the_results_store_says_so_in_chinese()
    {
        using var dir = new TempDir();
        var notes = Path.Combine(dir.Path, "notes.txt");
        File.WriteAllText(notes, "precious notes\n");
        var fleet = Directory.CreateDirectory(Path.Combine(dir.Path, "f", "a")).FullName;
        File.Copy(Path.Combine(TestPaths.RepoRoot, "tests", "hostile", "fixtures", "env.json"), Path.Combine(fleet, "environment.json"));
        var run = CliRunner.InProcess("fleet", "run", Path.Combine(dir.Path, "f"), "--checklist", Path.Combine(TestPaths.RepoRoot, "tests", "hostile", "fixtures", "mini.iq"),
            "--store", notes, "--lang", "zh");
        AssertWorded(run, "SQLite", "不是 SQLite 数据库文件", dir.Path);
        Assert.Equal("precious notes\n", File.ReadAllText(notes));
    }

    [SkippableFact]
    public void A_model_onnx_runtime_will_not_load_says_so_in_chinese()
    {
        ModelCases.RequirePythonOnnx();
        using var dir = new TempDir();
        var model = Path.Combine(dir.Path, "m.onnx");
        // A well-formed model (iq model's check passes it) whose one node is an operator no ONNX opset has.
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", ["-c", """
            import sys, onnx
            from onnx import helper, TensorProto
            g = helper.make_graph([helper.make_node("NoSuchOperator", ["x"], ["y"])], "g",
                [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])], [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])])
            m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]); m.ir_version = 8
            onnx.save_model(m, sys.argv[1])
            """, model], out _));
        var run = CliRunner.InProcess("baseline", "--model", model, "--synthetic", "--iterations", "1", "--warmup", "0", "--concurrency", "1",
            "--out", Path.Combine(dir.Path, "b"), "--lang", "zh");
        var line = AssertWorded(run, "ONNX Runtime", "不是 ONNX Runtime 能加载的模型：", dir.Path);
        // The kind from the runtime's error code: an operator it does not have makes the graph invalid.
        Assert.Contains("模型无效（", line);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "b")));
    }

    /// <summary>As an unprivileged user (nobody, through setpriv; root reads every folder), a folder under the one to
    /// snapshot that iq may not read.</summary>
    [SkippableFact]
    public void A_folder_iq_may_not_read_says_permission_denied_in_chinese()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/setpriv"), "needs root and setpriv to run iq as nobody");
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_111_111);
        var d = Directory.CreateDirectory(Path.Combine(dir.Path, "d")).FullName;
        var closed = Directory.CreateDirectory(Path.Combine(d, "closed")).FullName;
        File.WriteAllText(Path.Combine(closed, "x.txt"), "x");
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var out_ = Path.Combine(dir.Path, "s.json");
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", CliRunner.IqDll, "snapshot", d, "-o", out_, "--lang", "zh" })
            psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = dir.Path;
        psi.Environment["DOTNET_CLI_HOME"] = dir.Path;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "iq did not finish");
        var run = new CliRunner.Run(p.ExitCode, stdout.Result, stderr.Result);
        Skip.If(run.Stderr.Contains("dotnet", StringComparison.Ordinal) && run.ExitCode != 2, "the runtime does not start as nobody here: " + run.Stderr);
        AssertWorded(run, ".NET", "无法读取该文件夹：权限不足", dir.Path);
        Assert.False(File.Exists(out_));
    }
}
