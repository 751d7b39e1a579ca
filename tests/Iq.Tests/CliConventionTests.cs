using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>The conventions every command follows (docs/cli.md): usage on no arguments, unknown options named with a
/// suggestion, colour only on a terminal and never with NO_COLOR, --quiet and --verbose, '-' for stdout, the summary
/// counting every outcome, help and messages in Chinese or English with the same codes, one exit code table.</summary>
public class CliConventionTests
{
    static readonly string Failing = Path.Combine(TestPaths.Checklists, "samples", "failing");
    static readonly string Checklist = Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    [Fact]
    public void No_arguments_print_usage_with_the_exit_codes_and_exit_2()
    {
        var run = CliRunner.InProcess();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage:\n  iq COMMAND [options]", run.Stdout.Replace("\r\n", "\n"));
        foreach (var command in new[] { "audit", "check", "probe", "baseline", "logs", "explain" }) Assert.Contains($"\n  {command} ", run.Stdout);
        Assert.Contains("130/143  interrupted (SIGINT/SIGTERM), nothing partial left", run.Stdout);
        Assert.DoesNotContain("Probed", run.Stdout); // no audit ran
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Audit_with_no_options_still_probes_and_audits_this_machine()
    {
        using var dir = new TempDir();
        var run = CliRunner.InProcess("audit", "--out", dir.Path);
        Assert.Contains(run.ExitCode, new[] { 0, 1 });
        Assert.Contains("Probed this machine in ", run.Stdout);
        Assert.True(File.Exists(Path.Combine(dir.Path, "results.json")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "scorecard.xlsx")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "probe", "environment.json")));
    }

    [Theory]
    [InlineData(new[] { "audit", "--fatcs", "x" }, "iq: error IQ6001: unknown option '--fatcs'; did you mean '--facts'?")]
    [InlineData(new[] { "audit", "--jsn", "r.json" }, "iq: error IQ6001: unknown option '--jsn'; did you mean '--json'?")]
    [InlineData(new[] { "logs", "a.log", "--formt", "apt" }, "iq: error IQ6001: unknown option '--formt'; did you mean '--format'?")]
    [InlineData(new[] { "probe", "--quite" }, "iq: error IQ6001: unknown option '--quite'; did you mean '--quiet'?")]
    [InlineData(new[] { "audti" }, "iq: error IQ6002: unknown command 'audti'; did you mean 'audit'?")]
    [InlineData(new[] { "audit", "--frobnicate" }, "iq: error IQ6001: unknown option '--frobnicate'")]
    public void Unknown_options_and_commands_are_named_with_a_suggestion(string[] args, string expected)
    {
        var run = CliRunner.InProcess(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Stderr.Replace("\r\n", "\n").Split('\n')[0]);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Old_option_names_keep_working_beside_the_positional_form()
    {
        var positional = CliRunner.InProcess("schema", "plan");
        var option = CliRunner.InProcess("schema", "--kind", "plan");
        Assert.Equal(0, positional.ExitCode);
        Assert.Equal(positional.Stdout, option.Stdout);
        var both = CliRunner.InProcess("schema", "plan", "--kind", "logs");
        Assert.Equal(2, both.ExitCode);
        Assert.Equal("iq: error IQ6003: KIND given twice: give the argument or --kind, not both\n", both.Stderr);
        var baseline = CliRunner.InProcess("baseline");
        Assert.Equal("iq: error IQ6004: missing MODEL (as an argument, or --model)\n", baseline.Stderr);
    }

    [Fact]
    public void Quiet_prints_the_verdict_line_only()
    {
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--quiet");
        Assert.Equal(1, run.ExitCode);
        var lines = run.Stdout.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        Assert.Matches(@"^Score [\d.]+ / 100 \(pass at 80\)\. Verdict: FAIL — veto: ", Assert.Single(lines));
        Assert.Equal("", run.Stderr);
        // -q is the same option, and it works for commands that only say what they wrote.
        Assert.Equal(run.Stdout, CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "-q").Stdout);
        Assert.Equal("", CliRunner.InProcess("check", Checklist, "-q").Stdout);
    }

    [Fact]
    public void Verbose_prints_the_evidence_of_every_item()
    {
        var normal = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22");
        var verbose = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--verbose");
        Assert.Equal(normal.ExitCode, verbose.ExitCode);
        // A passing item with its evidence appears only in --verbose.
        Assert.DoesNotContain("6.1.1a.cpu [", normal.Stdout);
        Assert.Matches(@"\n  PASS  6\.1\.1a\.cpu \[shall, [^\]]+\] .*\n(?:        when   .*\n)?        (?:expect |✓ )env\.cpu\.logical_cores >= plan\.hardware\.minimum\.logical_cores[:\n]", verbose.Stdout);
        Assert.Matches(@"\n  FAIL  6\.1\.1a\.gpu-memory\[0\] .*\n        .*: actual .*, expected ", verbose.Stdout);
        var results = JsonDocument.Parse(CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--json", "-", "-q").Stdout);
        var ids = results.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        foreach (var id in ids) Assert.Contains($" {id} [", verbose.Stdout);
    }

    [Fact]
    public void The_summary_counts_every_outcome()
    {
        using var dir = new TempDir();
        var waivers = Path.Combine(dir.Path, "waivers.yaml");
        File.WriteAllText(waivers, "- item: 6.1.1a.sw[Docker]\n  justification: next window\n  approved_by: 陈敏\n  expires: 2027-03-31\n");
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--waivers", waivers, "--json", json);
        var outcomes = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray()
            .GroupBy(i => i.GetProperty("outcome").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        int N(string o) => outcomes.GetValueOrDefault(o);
        Assert.True(N("waived") > 0 && N("notapplicable") > 0, string.Join(", ", outcomes));
        Assert.Contains($"Outcomes: {N("pass")} pass, {N("fail")} fail, {N("error")} error, {N("notapplicable")} not applicable, {N("notchecked")} to judge, " +
                        $"{N("informational")} informational, {N("waived")} waived, {N("notselected")} not selected ({outcomes.Values.Sum()} rows)", run.Stdout);
        Assert.Contains("pass fail  err  n/a todo info waiv nsel", run.Stdout);
    }

    [Fact]
    public void A_dash_writes_the_output_to_stdout_and_the_summary_to_stderr()
    {
        var run = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--json", "-");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("iq.results/2", doc.RootElement.GetProperty("schema").GetString());
        Assert.Contains("Verdict: FAIL", run.Stderr);
        var junit = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--junit", "-", "-q");
        Assert.StartsWith("<?xml", junit.Stdout);
        Assert.Equal(2, CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--json", "-", "--junit", "-").ExitCode);
        var snapshot = CliRunner.InProcess("snapshot", Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "manifest", "install"), "-o", "-");
        Assert.Equal(0, snapshot.ExitCode);
        Assert.Equal("iq.snapshot/1", JsonNode.Parse(snapshot.Stdout)!["schema"]!.GetValue<string>());
    }

    [Fact]
    public void Report_diff_and_archive_follow_the_conventions_in_both_languages()
    {
        using var dir = new TempDir();
        var failing = Path.Combine(dir.Path, "failing.json");
        var compliant = Path.Combine(dir.Path, "compliant.json");
        CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--json", failing, "-q");
        CliRunner.InProcess("audit", Checklist, "--facts", Path.Combine(TestPaths.Checklists, "samples", "compliant"), "--as-of", "2026-11-22", "--json", compliant, "-q");

        // iq report: '-' is stdout (the results bytes as they are), the "written" lines go elsewhere.
        var again = CliRunner.InProcess("report", failing, "--json", "-");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(File.ReadAllText(failing), again.Stdout);
        var none = CliRunner.InProcess("report", failing, "--lang", "zh");
        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("iq: error IQ6004: 请指定要写的报告：", none.Stderr);

        // iq diff: its comparison in the user's language, exit 1 when something got worse.
        var en = CliRunner.InProcess("diff", compliant, failing);
        var zh = CliRunner.InProcess("diff", compliant, failing, "--lang", "zh");
        Assert.Equal(1, en.ExitCode);
        Assert.Equal(1, zh.ExitCode);
        Assert.StartsWith("verdict: pass → fail", en.Stdout);
        Assert.StartsWith("结论：通过 → 不通过", zh.Stdout);
        Assert.Contains("个条目有变化：", zh.Stdout);
        Assert.Equal(0, CliRunner.InProcess("diff", failing, failing).ExitCode);

        // A bad results file: the same code, the message in Chinese, the JSON path named.
        var bad = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(bad, File.ReadAllText(failing).Replace("\"outcome\": \"fail\"", "\"outcome\": \"maybe\""));
        var badEn = CliRunner.InProcess("report", bad, "--html", Path.Combine(dir.Path, "r.html"));
        var badZh = CliRunner.InProcess("report", bad, "--html", Path.Combine(dir.Path, "r.html"), "--lang", "zh");
        Assert.Equal(2, badZh.ExitCode);
        Assert.Contains("error IQ4003: unknown outcome 'maybe' at $.items[", badEn.Stderr);
        Assert.Contains("error IQ4003: 未知的结果 'maybe'，位置 $.items[", badZh.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "r.html")));

        // iq archive: -o is the one output option; its absence is said in the user's language.
        Assert.StartsWith("iq: error IQ6004: 请用 -o ARCHIVE.zip 给出存档", CliRunner.InProcess("archive", failing, "--lang", "zh").Stderr);
        var zip = Path.Combine(dir.Path, "a.zip");
        Assert.Equal(0, CliRunner.InProcess("archive", failing, "--output", zip).ExitCode);
        Assert.Contains("个文件，散列均与归档清单一致；清单未加封签", CliRunner.InProcess("archive", zip, "--verify", "--lang", "zh").Stdout);
        Assert.Equal("", CliRunner.InProcess("archive", zip, "--verify", "-q").Stdout);
    }

    [Fact]
    public void A_dash_in_a_real_process_writes_bytes_to_stdout()
    {
        var run = CliRunner.Process("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--json", "-");
        Assert.Equal(1, run.ExitCode);
        var inProcess = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--json", "-");
        Assert.Equal(inProcess.Stdout, run.Stdout);
        Assert.Contains("Verdict: FAIL", run.Stderr);
    }

    [SkippableFact]
    public void Colour_on_a_terminal_none_with_NO_COLOR_or_when_redirected()
    {
        // script(1) runs iq under a real pseudo-terminal; it is in util-linux (bsdutils), on every Debian machine.
        Oracles.Require(File.Exists("/usr/bin/script"), "script(1) (Debian: bsdutils)");
        string OnTerminal(params string[] env)
        {
            var psi = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            var command = $"dotnet {CliRunner.IqDll} audit {Checklist} --facts {Failing} --as-of 2026-11-22 -q";
            foreach (var a in new[] { "-q", "-e", "-c", command, "/dev/null" }) psi.ArgumentList.Add(a);
            psi.Environment.Remove("NO_COLOR");
            psi.Environment["TERM"] = "xterm";
            foreach (var e in env) psi.Environment[e.Split('=')[0]] = e.Split('=')[1];
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            Assert.True(p.WaitForExit(120_000));
            return output.Result;
        }
        var colour = OnTerminal();
        Assert.Contains("\u001b[31mFAIL\u001b[0m", colour);
        var noColor = OnTerminal("NO_COLOR=1");
        Assert.Contains("Verdict: FAIL", noColor);
        Assert.DoesNotMatch("\u001b\\[[0-9;]*m", noColor); // no SGR (colour) sequence; the terminal's own mode strings may remain
        var redirected = CliRunner.Process("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "-q");
        Assert.Contains("Verdict: FAIL", redirected.Stdout);
        Assert.DoesNotContain("\u001b[", redirected.Stdout + redirected.Stderr);
    }

    [Fact]
    public void Lang_zh_gives_help_messages_and_diagnostics_in_Chinese_with_the_same_codes()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "bad.iq");
        File.WriteAllText(file, "checklist \"t\" { }\nitem \"a\" \"A\" { expect env.cpu.speed > 1 }\n");
        var en = CliRunner.InProcess("check", file);
        var zh = CliRunner.InProcess("check", file, "--lang", "zh");
        Assert.Equal($"{file}:2:31: error IQ2001: Unknown fact path. Path=env.cpu.speed\n", en.Stderr);
        Assert.Equal($"{file}:2:31: error IQ2001: 未知的事实路径。Path=env.cpu.speed\n", zh.Stderr);
        // A word that is one part of several members names them all, in the language's own "or".
        var part = Path.Combine(dir.Path, "part.iq");
        File.WriteAllText(part, "checklist \"t\" { }\nitem \"a\" \"A\" { expect env.cpu.core > 1 }\n");
        Assert.Equal($"{part}:2:31: error IQ2001: 未知的事实路径。Path=env.cpu.core；是否想写 'env.cpu.physical_cores' 或 'env.cpu.logical_cores'？\n",
            CliRunner.InProcess("check", part, "--lang", "zh").Stderr);
        var near = Path.Combine(dir.Path, "near.iq");
        File.WriteAllText(near, "checklist \"t\" { }\nitem \"a\" \"A\" { expect env.cpu.logical_core > 1 }\n");
        Assert.EndsWith("error IQ2001: 未知的事实路径。Path=env.cpu.logical_core；是否想写 'env.cpu.logical_cores'？\n", CliRunner.InProcess("check", near, "--lang", "zh").Stderr);
        Assert.EndsWith("error IQ2001: Unknown fact path. Path=env.cpu.logical_core; did you mean 'env.cpu.logical_cores'?\n", CliRunner.InProcess("check", near).Stderr);

        var audit = CliRunner.InProcess("audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--lang", "zh");
        Assert.Contains("结论：不通过 — 否决：", audit.Stdout);
        Assert.Contains("不通过与出错的条目（", audit.Stdout);
        Assert.Contains("结果：通过 ", audit.Stdout);
        Assert.Contains("章节", audit.Stdout);

        var usage = CliRunner.InProcess("audit", "--fatcs", "x", "--lang", "zh");
        Assert.StartsWith("iq: error IQ6001: 未知选项 '--fatcs'；是否想写 '--facts'？", usage.Stderr);
        var help = CliRunner.InProcess("logs", "--help", "--lang", "zh");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("用法：\n  iq logs FILE… [选项]", help.Stdout.Replace("\r\n", "\n"));
        Assert.Contains("退出码：", help.Stdout);

        // The default follows the locale (LC_ALL, LC_MESSAGES, LANG); --lang wins over it.
        var fromLocale = CliRunner.InProcessWith(new Iq.Cli.Program.RunOptions { Environment = n => n == "LANG" ? "zh_CN.UTF-8" : null }, "check", file);
        Assert.Equal(zh.Stderr, fromLocale.Stderr);
        var forced = CliRunner.InProcessWith(new Iq.Cli.Program.RunOptions { Environment = n => n == "LANG" ? "zh_CN.UTF-8" : null }, "check", file, "--lang", "en");
        Assert.Equal(en.Stderr, forced.Stderr);
        Assert.Equal("iq: error IQ6003: --lang: 'fr' is not valid; expected zh or en", CliRunner.InProcess("--lang", "fr", "probe").Stderr.Split('\n')[0]);
    }

    [Fact]
    public void Every_command_speaks_chinese_with_lang_zh()
    {
        var root = CliRunner.InProcess("--help").Stdout.Replace("\r\n", "\n");
        var listed = root[(root.IndexOf("Commands:\n", StringComparison.Ordinal) + "Commands:\n".Length)..].Split("\n\n")[0]
            .Split('\n').Select(l => l.Trim().Split(' ')[0]).Where(n => n.Length > 0).ToList();
        Assert.Superset(new HashSet<string> { "model", "model-template", "scans", "redact", "imports", "seal", "verify" }, listed.ToHashSet());
        // Every command, and every subcommand of one that has them (iq fleet run|report|export).
        var commands = listed.Select(c => new[] { c }).ToList();
        commands.AddRange(new[] { "run", "report", "export" }.Select(sub => new[] { "fleet", sub }));
        foreach (var command in commands.Select(c => string.Join(" ", c)))
        {
            var help = CliRunner.InProcess([.. command.Split(' '), "--help", "--lang", "zh"]).Stdout.Replace("\r\n", "\n");
            // Every described option or argument (a line "  NAME  description") has its description in Chinese.
            var described = help.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Trim().Contains("  ", StringComparison.Ordinal)
                                                      && !char.IsDigit(l.Trim()[0])).ToList();
            Assert.NotEmpty(described);
            foreach (var line in described)
                Assert.True(line.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"iq {command} --help --lang zh: English left in '{line}'");
        }
        // The catalog's messages of these commands, at run time: a usage error and a result line.
        Assert.StartsWith("iq: error IQ6003: 数据集名称必须是可见文字", CliRunner.InProcess("imports", " ", "x.sha256", "--lang", "zh").Stderr);
        Assert.StartsWith("iq: error IQ6004: 请给出要脱敏的数据包文件夹，或 --list", CliRunner.InProcess("redact", "--lang", "zh").Stderr);
        Assert.StartsWith("# 模型说明（GB/T", CliRunner.InProcess("model-template", "--lang", "zh").Stdout);
    }

    /// <summary>Error paths of every layer a command goes through (the command line, the fleet's store, the audit
    /// pipeline, the judgment readers' text decoding, the outputs), run with <c>--lang zh</c>: each message is Chinese and
    /// carries its code, the same code the English message has.</summary>
    [Fact]
    public void Error_paths_speak_chinese_with_the_same_code_as_in_english()
    {
        using var dir = new TempDir();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "bundles")).FullName;
        var file = Path.Combine(dir.Path, "plain.txt");
        File.WriteAllText(file, "not a database, not a bundle\n");
        var gbk = Path.Combine(dir.Path, "judgments.csv");
        // "item,status,…" with a GBK-encoded Chinese name: not UTF-8, and iq audit has --encoding, so the hint names it.
        File.WriteAllBytes(gbk, [.. "item,status,assessor,date,justification\n6.1.2a.competence,pass,"u8.ToArray(), 0xD6, 0xDC, 0xBE, 0xB2, .. ",2026-11-21,ok\n"u8.ToArray()]);
        var compliant = Path.Combine(TestPaths.Checklists, "samples", "compliant");
        // iq baseline and iq model: a case that is not .npy, a labels file without its header, a folder with no .npy.
        var cls = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "baseline", "cls");
        var classifier = Path.Combine(cls, "classifier.onnx");
        var badNpy = Directory.CreateDirectory(Path.Combine(dir.Path, "bad-npy")).FullName;
        File.WriteAllText(Path.Combine(badNpy, "c0.npy"), "not an array\n");
        var badLabels = Path.Combine(dir.Path, "labels.csv");
        File.WriteAllText(badLabels, "name,class\nc000,1\n");
        var noNpy = Directory.CreateDirectory(Path.Combine(dir.Path, "no-npy")).FullName;
        string[][] cases =
        [
            ["baseline", classifier, "--cases", badNpy, "--out", Path.Combine(dir.Path, "out")],
            ["baseline", classifier, "--cases", cls, "--labels", badLabels, "--out", Path.Combine(dir.Path, "out")],
            ["baseline", classifier, "--cases", noNpy, "--out", Path.Combine(dir.Path, "out")],
            ["model", classifier, "--cases", badNpy, "--out", Path.Combine(dir.Path, "out")],
            ["model", classifier, "--cases", cls, "--labels", badLabels, "--out", Path.Combine(dir.Path, "out")],
            ["model", classifier, "--cases", noNpy, "--out", Path.Combine(dir.Path, "out")],
            ["fleet", "run", Path.Combine(dir.Path, "missing")],
            ["fleet", "run", file],
            ["fleet", "run", folder, folder],
            ["fleet", "run", "--jobs", "5000", folder],
            ["fleet", "report", "--store", Path.Combine(dir.Path, "missing.db")],
            ["fleet", "report", "--store", file],
            ["fleet", "report", "--store", "postgres://lab@db.example:99999/fleet"],
            ["fleet", "export", "--store", Path.Combine(dir.Path, "missing.db"), "-o", "x.json"],
            ["audit", "--facts", compliant, "--as-of", "2026-12-01", "--set", "no_such_param=1"],
            ["audit", "--facts", compliant, "--as-of", "2026-12-01", "--attestations", gbk],
            ["audit", "--facts", compliant, "--as-of", "2026-12-01", "--json", folder],
            ["model", file],
            // The evidence readers: a missing log, a report that is not JUnit XML, a file that is no manifest, a missing folder.
            ["logs", Path.Combine(dir.Path, "missing.log"), "--format", "apt"],
            ["logs", file, "--format", "xml"],
            ["tests", file, "--out", Path.Combine(dir.Path, "out")],
            ["manifest", file, "--out", Path.Combine(dir.Path, "out")],
            ["snapshot", Path.Combine(dir.Path, "missing"), "-o", "-"],
            ["snapshot", "--compare", file, folder],
        ];
        foreach (var args in cases)
        {
            var zh = CliRunner.InProcess([.. args, "--lang", "zh"]);
            var en = CliRunner.InProcess([.. args, "--lang", "en"]);
            var shown = string.Join(" ", args);
            Assert.True(zh.ExitCode == 2, $"iq {shown}: exit {zh.ExitCode}\n{zh.Stderr}");
            var lines = zh.Stderr.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count > 0, $"iq {shown} --lang zh: no error line in\n{zh.Stderr}");
            foreach (var line in lines)
            {
                Assert.Matches(@": error IQ\d{4}: ", line);
                Assert.True(Regex.IsMatch(line, @"\p{IsCJKUnifiedIdeographs}"), $"iq {shown} --lang zh: English left in '{line}'");
            }
            var codes = (string text) => Regex.Matches(text, @"error (IQ\d{4})").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(codes(en.Stderr), codes(zh.Stderr));
        }
        // The hint names --encoding where the command has it (iq audit's judgment files), in the reader's language.
        Assert.Contains("--encoding gb18030", CliRunner.InProcess("audit", "--facts", compliant, "--attestations", gbk, "--lang", "zh").Stderr);
    }

    /// <summary>Commands without <c>--encoding</c> (iq baseline's labels, iq model's description) are not told to use it.</summary>
    [Fact]
    public void The_encoding_hint_is_given_only_where_the_option_exists()
    {
        byte[] gbk = [.. "label "u8.ToArray(), 0xD6, 0xDC, 0xBE, 0xB2, (byte)'\n'];
        var with = Assert.Throws<Iq.Rules.Syntax.TextDecodingException>(() => Iq.Rules.Syntax.TextDecoding.Decode(gbk, null, encodingOption: true));
        var without = Assert.Throws<Iq.Rules.Syntax.TextDecodingException>(() => Iq.Rules.Syntax.TextDecoding.Decode(gbk, null, encodingOption: false));
        Assert.Contains("give --encoding gb18030", with.Message);
        Assert.Contains("--encoding", with.Text.Render(Iq.Rules.Messages.Lang.Zh));
        Assert.DoesNotContain("--encoding", without.Message);
        Assert.DoesNotContain("--encoding", without.Text.Render(Iq.Rules.Messages.Lang.Zh));
        Assert.Equal((1, 7), (without.Line, without.Column));
        Assert.Equal("不是有效的 utf-8 文本：第 1 行第 7 列的字节 0xD6", without.Text.Render(Iq.Rules.Messages.Lang.Zh));
    }

    [Fact]
    public void Every_help_prints_the_one_exit_code_table()
    {
        var table = string.Join("\n", Iq.Cli.ExitCodes.Table.Select(e => e.Code));
        // Every command the root help lists (a command added later is covered without touching this test).
        var root = CliRunner.InProcess("--help").Stdout.Replace("\r\n", "\n");
        var listed = root[(root.IndexOf("Commands:\n", StringComparison.Ordinal) + "Commands:\n".Length)..].Split("\n\n")[0]
            .Split('\n').Select(l => l.Trim().Split(' ')[0]).Where(n => n.Length > 0).ToList();
        Assert.Superset(new HashSet<string> { "audit", "check", "probe", "schema", "manual-template", "baseline", "logs", "snapshot", "tests", "manifest", "explain",
            "report", "diff", "archive" }, listed.ToHashSet());
        foreach (var command in listed)
        {
            foreach (var lang in new[] { "en", "zh" })
            {
                var run = CliRunner.InProcess(command, "--help", "--lang", lang);
                Assert.Equal(0, run.ExitCode);
                var section = run.Stdout.Replace("\r\n", "\n");
                section = section[section.IndexOf(lang == "zh" ? "退出码：" : "Exit codes:", StringComparison.Ordinal)..];
                foreach (var (code, meaning) in Iq.Cli.ExitCodes.Table)
                    Assert.Contains($"  {code}", section);
                Assert.Contains(Iq.Cli.ExitCodes.Table[2].Meaning.Template(lang == "zh" ? Iq.Rules.Messages.Lang.Zh : Iq.Rules.Messages.Lang.En), section);
            }
        }
        Assert.NotEmpty(table);
    }

    [Theory]
    [InlineData("README.md", Iq.Rules.Messages.Lang.En)]
    [InlineData("docs/cli.md", Iq.Rules.Messages.Lang.En)]
    [InlineData("docs/cli.md", Iq.Rules.Messages.Lang.Zh)]
    [InlineData("docs/guide-zh.md", Iq.Rules.Messages.Lang.Zh)]
    public void The_docs_print_the_exit_code_table_from_its_declaration(string file, Iq.Rules.Messages.Lang lang)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, file)).Replace("\r\n", "\n");
        var expected = Iq.Cli.ExitCodes.MarkdownTable(lang);
        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{file} lacks the exit code table ({lang}); paste:\n{expected}");
    }

    [Fact]
    public async Task An_interrupted_command_exits_143_and_leaves_nothing_partial()
    {
        using var dir = new TempDir();
        var model = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "baseline", "perf", "convnet.onnx");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { CliRunner.IqDll, "baseline", model, "--synthetic", "--duration", "60", "--concurrency", "1", "--out", dir.Path }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await Task.Delay(4000); // started and measuring
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(p.WaitForExit(30_000), "iq did not stop on SIGTERM");
        var said = await stdout + await stderr;
        Assert.Equal(143, p.ExitCode);
        // What was measured is a complete document marked incomplete, or nothing; never a temporary file.
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        foreach (var f in Directory.GetFiles(dir.Path, "*.json"))
            Assert.True(JsonNode.Parse(File.ReadAllText(f))!["facts"]!["incomplete"]!.GetValue<bool>(), said);
    }
}
