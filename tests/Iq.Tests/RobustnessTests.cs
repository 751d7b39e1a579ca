using System.Text;
using CsCheck;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;

namespace Iq.Tests;

/// <summary>Hostile input ends in a positioned diagnostic and exit code 2, never a crash. These run the real
/// process: a stack overflow would kill it, which an in-process test could not survive to report.</summary>
public class RobustnessTests
{
    static void AssertCleanRefusal(CliRunner.Run run, string expectedStart)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expectedStart, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("internal error", run.Stderr);
    }

    [Fact]
    public void A_hundred_thousand_nested_parentheses()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "deep.iq");
        File.WriteAllText(file, "checklist \"t\" { }\nitem \"a\" \"A\" {\n  expect " + new string('(', 100_000) + "1" + new string(')', 100_000) + " > 0\n}\n");
        AssertCleanRefusal(CliRunner.Process("check", file), $"{file}:3:73: error IQ1006: Nesting too deep: more than 64 levels of brackets");
    }

    [Fact]
    public void A_hundred_thousand_operators_in_a_chain()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "long.iq");
        File.WriteAllText(file, "checklist \"t\" { }\nitem \"a\" \"A\" {\n  expect 1" + string.Concat(Enumerable.Repeat(" + 1", 100_000)) + " > 0\n}\n");
        AssertCleanRefusal(CliRunner.Process("check", file), $"{file}:3:");
        Assert.Contains("error IQ1006: Expression too long: a chain of more than 200 operators", CliRunner.Process("check", file).Stderr);
    }

    [Fact]
    public void A_hundred_thousand_nots()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "nots.iq");
        File.WriteAllText(file, "checklist \"t\" { }\nitem \"a\" \"A\" {\n  expect " + string.Concat(Enumerable.Repeat("not ", 100_000)) + "true\n}\n");
        var run = CliRunner.Process("check", file);
        AssertCleanRefusal(run, $"{file}:3:");
        Assert.Contains("error IQ1006: Expression too deep", run.Stderr);
    }

    [Fact]
    public void A_50_MB_checklist_is_refused_for_its_size()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "huge.iq");
        using (var w = new StreamWriter(file))
        {
            w.WriteLine("checklist \"t\" { }");
            for (var i = 0; w.BaseStream.Length < 50L * 1024 * 1024; i++)
                w.WriteLine("item \"x" + i + "\" \"item\" { expect env.cpu.logical_cores >= 1 }");
            w.WriteLine("item \"last\" \"broken\" { expect env.cpu.core >= 1 }");
        }
        AssertCleanRefusal(CliRunner.Process("check", file), $"{file}:1:1: error IQ1010: Checklist is too large (");
    }

    [Fact]
    public void A_large_checklist_under_the_limit_reports_its_last_line()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "large.iq");
        var sb = new StringBuilder("checklist \"t\" { }\n");
        const int items = 20_000;
        for (var i = 0; i < items; i++) sb.Append("item \"x").Append(i).Append("\" \"item\" { expect env.cpu.logical_cores >= 1 }\n");
        sb.Append("item \"last\" \"broken\" { expect env.cpu.core >= 1 }\n");
        File.WriteAllText(file, sb.ToString());
        AssertCleanRefusal(CliRunner.Process("check", file), $"{file}:{items + 2}:39: error IQ2001: Unknown fact path. Path=env.cpu.core");
    }

    [Fact]
    public void Random_bytes_are_refused_as_not_text()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "random.iq");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'c'; // a text-looking start, then binary
        bytes[1] = 0;
        File.WriteAllBytes(file, bytes);
        AssertCleanRefusal(CliRunner.Process("check", file), $"{file}:1:2: error IQ1009: Not a UTF-8 text file (byte 0x00 at offset 1)");
    }

    [Fact]
    public void Invalid_utf8_is_positioned_by_line()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "latin1.iq");
        File.WriteAllBytes(file, [.. "checklist \"t\" {\n  title \"caf"u8.ToArray(), 0xE9, .. "\"\n}\n"u8.ToArray()]);
        AssertCleanRefusal(CliRunner.Process("check", file), $"{file}:2:13: error IQ1009: Not a UTF-8 text file (byte 0xE9 at offset 28)");
    }

    [Fact]
    public void A_bom_and_crlf_are_accepted()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "bom.iq");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("checklist \"t\" {\r\n  title \"安装验证\"\r\n}\r\nitem \"a\" \"中文\" { expect env.cpu.logical_cores >= 1 }\r\n")]);
        var run = CliRunner.InProcess("check", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
    }

    static readonly string[] Seeds =
    [
        File.ReadAllText(TestPaths.Case("evaluation.iq")),
        File.ReadAllText(TestPaths.Case("context.iq")),
        File.ReadAllText(Path.Combine(TestPaths.Case("tailoring"), "base.iq")),
    ];

    static readonly string[] Tokens =
    [
        "{", "}", "(", ")", "[", "]", "\"", "#", "\n", " ", "item", "section", "expect", "and", "or", "not", ">=", "==", "=>",
        "40 GiB", "200 ms", "95%", "1.2.3", "env.", "count(", "csharp {", "let x = ", "param p = ", "\\", "中", "\t", ",", ".", "0",
        "foreach s in plan.software", "weight -1", "level shall", "x => ", "\u0000", "\uFFFD",
    ];

    /// <summary>One edit: 0 delete a range, 1 insert a token, 2 duplicate a line, 3 swap two lines.</summary>
    static string Mutate(string text, (int Kind, int At, int Token, int Length)[] edits)
    {
        foreach (var (kind, at, token, length) in edits)
        {
            if (text.Length == 0) return text;
            var i = at % text.Length;
            switch (kind)
            {
                case 0: text = text.Remove(i, Math.Min(length, text.Length - i)); break;
                case 1: text = text.Insert(i, Tokens[token % Tokens.Length]); break;
                default:
                    var lines = text.Split('\n').ToList();
                    var a = at % lines.Count;
                    var b = (at + length) % lines.Count;
                    if (kind == 2) lines.Insert(a, lines[a]);
                    else (lines[a], lines[b]) = (lines[b], lines[a]);
                    text = string.Join('\n', lines);
                    break;
            }
        }
        return text;
    }

    [Fact]
    public void Mutated_checklists_give_diagnostics_or_a_rule_set_never_an_exception()
    {
        var edit = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1_000_000], Gen.Int[0, 1000], Gen.Int[1, 40]);
        var gen = Gen.Select(Gen.Int[0, Seeds.Length - 1], edit.Array[1, 6], (seed, edits) => Mutate(Seeds[seed], edits));
        gen.Sample(text =>
        {
            var result = ChecklistCompiler.CompileText(text, "mutant.iq", FactSchema.Default);
            if (result.Succeeded) return result.Checklist!.Model.Items.Any() || !result.Diagnostics.Any();
            return result.Diagnostics.Count > 0
                   && result.Diagnostics.All(d => d.Span.File == "mutant.iq" && d.Span.Line >= 1 && d.Span.Column >= 1 && d.Message.Length > 0);
        }, iter: 1500);
    }

    /// <summary>The readers of the security work's user input (scan results, bundles to redact, data-import lists), fed
    /// what would exhaust a naive reader: deep nesting, one enormous line, binary. A clean refusal naming the file.</summary>
    [Theory]
    [InlineData("scans", "deep.xml")]
    [InlineData("scans", "long-line.dat")]
    [InlineData("scans", "random.xml.gz")]
    [InlineData("redact", "deep.json")]
    [InlineData("redact", "random.json")]
    [InlineData("imports", "SHA256SUMS-long-line")]
    [InlineData("imports", "SHA256SUMS-random")]
    public void Hostile_scan_results_bundles_and_checksum_lists_are_refused_cleanly(string command, string name)
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "in");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, name);
        var random = new byte[1 << 16];
        new Random(11).NextBytes(random);
        switch (name)
        {
            case "deep.xml":
                File.WriteAllText(file, "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">" + string.Concat(Enumerable.Repeat("<g>", 200_000)) + "</Benchmark>");
                break;
            case "deep.json":
                File.WriteAllText(file, "{\"kind\":\"security\",\"schema\":1,\"facts\":" + new string('[', 200_000) + new string(']', 200_000) + "}");
                break;
            case "long-line.dat":
                File.WriteAllText(file, "# Lynis Report\nreport_version_major=1\nhardening_index=" + new string('9', 30_000_000) + "\n");
                break;
            case "SHA256SUMS-long-line":
                File.WriteAllText(file, new string('a', 64) + "  ok\n" + new string('f', 30_000_000) + "  x\n");
                break;
            case "random.xml.gz":
            case "random.json":
            case "SHA256SUMS-random":
                random[0] = (byte)(name.EndsWith(".json") ? '{' : 'e');
                File.WriteAllBytes(file, random);
                break;
        }
        var output = Path.Combine(dir.Path, "out");
        var run = command switch
        {
            "scans" => CliRunner.Process("scans", file, "--out", output),
            "redact" => CliRunner.Process("redact", input, "--out", output, "--salt-file", Path.Combine(dir.Path, "salt")),
            _ => CliRunner.Process("imports", "set", file, "--out", output),
        };
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^(iq: error( IQ\d{4})?: )?" + System.Text.RegularExpressions.Regex.Escape(file) + @":\d+:\d+: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("internal error", run.Stderr);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "nothing is written");
    }

    [Theory]
    [InlineData("/dev/zero", "{0}:1:1: error IQ1013: Not a regular file: a character device")]
    [InlineData("big", "iq: error IQ6003: {0}: a salt file holds one line of hex digits, not more than 1 KiB")]
    [InlineData("short", "iq: error IQ6003: {0}: a salt file holds at least 32 hex digits")]
    public void A_hostile_salt_file_is_refused_before_anything_is_redacted(string salt, string message)
    {
        using var dir = new TempDir();
        var file = salt.StartsWith('/') ? salt : Path.Combine(dir.Path, salt);
        if (!salt.StartsWith('/')) File.WriteAllText(file, salt == "big" ? new string('a', 5000) : "abcd\n");
        var output = Path.Combine(dir.Path, "out");
        var run = CliRunner.Process("redact", Path.Combine(TestPaths.Checklists, "samples", "compliant"), "--out", output, "--salt-file", file);
        Assert.Equal(2, run.ExitCode);
        // A device is never opened (refused as not a regular file); a regular file is read to 1 KiB at most.
        Assert.Equal(string.Format(message, file) + "\n", run.Stderr);
        Assert.False(Directory.Exists(output));
    }
}
