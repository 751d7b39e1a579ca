using System.Text.Json;

namespace Iq.Tests;

/// <summary>The iq CLI end to end over data files: exit codes, diagnostics format, results JSON, no partial output.</summary>
public class CliTests
{
    static string Case(string name) => TestPaths.Case(name);
    static readonly string Facts = TestPaths.Case("facts");

    [Fact]
    public void Check_accepts_a_valid_checklist()
    {
        var run = CliRunner.InProcess("check", Case("evaluation.iq"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok — checklist \"evaluation-cases\" 1: 3 sections, 22 items (21 automatic, 1 manual), 1 params", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Check_prints_every_diagnostic_sorted_with_exit_2()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "bad.iq");
        File.WriteAllText(file, "checklist \"t\" { }\nitem \"c\" \"C\" { expect env.os.id > 5 }\nitem \"a\" \"A\" { expect env.cpu.core > 1 }\n");
        var run = CliRunner.InProcess("check", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"{file}:2:33: error IQ2003: Type mismatch: cannot compare string with number\n" +
            $"{file}:3:31: error IQ2001: Unknown fact path. Path=env.cpu.core; did you mean 'env.cpu.physical_cores' or 'env.cpu.logical_cores'?\n", run.Stderr.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Audit_writes_results_json_and_exits_1_on_fail()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "out", "results.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!); // iq makes no folder for an output file (docs/cli.md)
        var run = CliRunner.InProcess("audit", Case("evaluation.iq"), "--facts", Facts, "--json", json, "--as-of", "2026-11-22");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Verdict: FAIL — veto: 6 shall item(s) failed or errored", run.Stdout);
        Assert.Contains("  FAIL  fail.simple [should, 4.1.1 a)]", run.Stdout.Replace("[should]", "[should, 4.1.1 a)]"));
        Assert.Contains("        env.cpu.logical_cores >= 256: actual 128, expected >= 256", run.Stdout);
        Assert.Contains("        fix: add processors", run.Stdout);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = doc.RootElement;
        Assert.Equal("iq.results/2", root.GetProperty("schema").GetString());
        Assert.Equal("fail", root.GetProperty("verdict").GetString());
        Assert.Equal(64, root.GetProperty("checklist").GetProperty("sha256").GetString()!.Length);
        Assert.Equal(5, root.GetProperty("inputs").GetArrayLength());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(29, items.Count);
        var failed = items.Single(i => i.GetProperty("id").GetString() == "fail.simple");
        Assert.Equal("fail", failed.GetProperty("outcome").GetString());
        Assert.Equal(0, failed.GetProperty("score").GetDouble());
        var evidence = failed.GetProperty("evidence")[0];
        Assert.Equal("env.cpu.logical_cores >= 256", evidence.GetProperty("expression").GetString());
        Assert.Equal("128", evidence.GetProperty("actual").GetString());
        Assert.Equal(">= 256", evidence.GetProperty("expected").GetString());
        Assert.Equal("min_cores", root.GetProperty("parameters").EnumerateObject().Single().Name);
    }

    [Fact]
    public void Audit_exits_0_on_pass_and_the_same_inputs_give_the_same_bytes()
    {
        using var dir = new TempDir();
        var checklist = Path.Combine(dir.Path, "pass.iq");
        File.WriteAllText(checklist, "checklist \"p\" { version \"1\" }\nsection \"6.1\" \"r\" {\n  item \"cpu\" \"cores\" { expect env.cpu.logical_cores >= 64 }\n" +
                                     "  item \"gpu\" foreach g in env.gpus \"gpu {g.index}\" { expect g.memory >= 40 GiB }\n}\n");
        var a = Path.Combine(dir.Path, "a.json");
        var b = Path.Combine(dir.Path, "b.json");
        Assert.Equal(0, CliRunner.InProcess("audit", checklist, "--facts", Facts, "--json", a).ExitCode);
        var run = CliRunner.InProcess("audit", checklist, "--facts", Facts, "--json", b);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Verdict: PASS — score 100 reaches pass_at 80", run.Stdout);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Bad_facts_exit_2_and_leave_no_results_file()
    {
        using var dir = new TempDir();
        var facts = Path.Combine(dir.Path, "facts");
        Directory.CreateDirectory(facts);
        File.WriteAllText(Path.Combine(facts, "env.json"), "{\"kind\":\"environment\",\"schema\":1,\"facts\":{\"cpu\":{\"logical_cores\":\"x\"}}}");
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess("audit", Case("evaluation.iq"), "--facts", facts, "--json", json);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{facts}/env.json:1:66: error IQ4002: expected a number, got string \"x\" at $.facts.cpu.logical_cores\n", run.Stderr);
        Assert.False(File.Exists(json));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Usage_errors_exit_2_without_a_stack_trace()
    {
        var missing = CliRunner.InProcess("audit", "/no/such/checklist.iq", "--facts", Facts);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("/no/such/checklist.iq:1:1: error IQ1012: File not found: /no/such/checklist.iq\n", missing.Stderr);

        // A folder has no line or column: a missing --facts folder is named without one.
        var noFolder = CliRunner.InProcess("audit", "--facts", "/no/such/bundle");
        Assert.Equal(2, noFolder.ExitCode);
        Assert.Equal("/no/such/bundle: error IQ4005: Fact bundle folder not found: /no/such/bundle\n", noFolder.Stderr);

        var option = CliRunner.InProcess("audit", "--frobnicate");
        Assert.Equal(2, option.ExitCode);
        Assert.Equal("iq: error IQ6001: unknown option '--frobnicate'\nRun 'iq COMMAND --help' for a command's options.\n", option.Stderr);

        var set = CliRunner.InProcess("check", Case("context.iq"), "--set", "min_cores");
        Assert.Equal(2, set.ExitCode);
        Assert.Equal("iq: error IQ6003: --set needs NAME=VALUE, got 'min_cores'\n", set.Stderr);

        var asOf = CliRunner.InProcess("audit", Case("evaluation.iq"), "--facts", Facts, "--as-of", "yesterday");
        Assert.Equal(2, asOf.ExitCode);
        Assert.Equal("iq: error IQ6003: --as-of needs an ISO 8601 date, got 'yesterday'\n", asOf.Stderr);
        foreach (var r in new[] { missing, option, set, asOf }) Assert.DoesNotContain("   at ", r.Stderr);
    }
}

/// <summary>iq explain: an item's rows with evidence, or an expression's value over the facts.</summary>
public class ExplainTests
{
    static readonly string Checklist = Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static readonly string Failing = Path.Combine(TestPaths.Checklists, "samples", "failing");

    [Fact]
    public void An_item_is_explained_row_by_row()
    {
        var run = CliRunner.InProcess("explain", "6.1.2b.raci", "--checklist", Checklist, "--facts", Failing);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("6.1.2b.raci — 职责分工明确：{r.activity}\n  section 6.1.2, clause 4.2.2 附录 A, level may, weight 1, automatic\n", run.Stdout);
        Assert.Contains("  FAIL          6.1.2b.raci[测试验证]  score 0", run.Stdout);
        Assert.Contains("                ✗ count(r.accountable) == 1: actual 2 [\"使用方项目经理\", \"提供方项目经理\"], expected == 1\n", run.Stdout);
        Assert.Contains("                ✓ count(r.accountable) == 1: actual 1 [\"", run.Stdout);
        Assert.Contains("                matched: document plan (plan); element plan.raci[", run.Stdout);
        Assert.Equal(9, run.Stdout.Split('\n').Count(l => l.StartsWith("  PASS ", StringComparison.Ordinal) || l.StartsWith("  FAIL ", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_expression_is_evaluated_in_the_checklists_scope()
    {
        var run = CliRunner.InProcess("explain", "count(plan.raci, r => count(r.accountable) != 1)", "--checklist", Checklist, "--facts", Failing);
        Assert.Equal("number: 1\n", run.Stdout);
        var let = CliRunner.InProcess("explain", "stage_letters", "--checklist", Checklist, "--facts", Failing);
        Assert.Equal("list of string: [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\"]\n", let.Stdout);
        var missing = CliRunner.InProcess("explain", "security.listening.sockets[4].process", "--checklist", Checklist, "--facts", Failing);
        Assert.Equal("string: missing evidence: security.listening.sockets[4].process (absent: no process visible to iq holds it (another PID namespace, or iq probe not run as root))\n", missing.Stdout);
        var bad = CliRunner.InProcess("explain", "6.1.1a.cpuu", "--checklist", Checklist, "--facts", Failing);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("<expression>:1:6: error IQ1001: Unexpected 'a'; expected end of input (or did you mean the item '6.1.1a.cpu'?)\n", bad.Stderr);
    }

    [Fact]
    public void An_expression_sees_the_params_and_lets_of_a_tailored_checklists_bases()
    {
        var hospital = TestPaths.Case(Path.Combine("tailoring", "hospital.iq"));
        var facts = TestPaths.Case("facts");
        string Explain(string expression)
        {
            var run = CliRunner.InProcess("explain", expression, "--checklist", hospital, "--facts", facts);
            Assert.Equal("", run.Stderr);
            return run.Stdout;
        }
        Assert.Equal("number: 64\n", Explain("min_cores")); // base.iq says 256; hospital.iq sets 64
        Assert.Equal("size: 200 GiB\n", Explain("gpu_memory")); // a let of base.iq
        // A condition shows what it compared, as an item row does (it printed "bool: true" alone).
        Assert.Equal("bool: true\n  ✓ env.cpu.logical_cores >= min_cores: actual 128, expected >= 64\n  ✓ gpu_memory >= 100 GiB: actual 200 GiB, expected >= 100 GiB\n",
            Explain("env.cpu.logical_cores >= min_cores and gpu_memory >= 100 GiB"));
    }

    /// <summary>Fresh eyes: <c>iq explain 'software["docker"].version >= "20.10"'</c> printed "bool: true" without the values
    /// or the version order the item rows show.</summary>
    [Fact]
    public void A_condition_shows_its_actual_and_expected_values_and_the_version_order()
    {
        var run = CliRunner.InProcess("explain", "software[\"docker\"].version >= \"20.10\"", "--checklist", Checklist, "--facts", Failing);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("bool: false\n  ✗ software[\"docker\"].version >= \"20.10\": actual 19.03.15, expected >= 20.10 (generic dotted order: no version scheme known for either side)\n", run.Stdout);
        var zh = CliRunner.InProcess("explain", "software[\"docker\"].version >= \"20.10\"", "--checklist", Checklist, "--facts", Failing, "--lang", "zh");
        Assert.Contains("实际 19.03.15，期望 >= 20.10（通用点分顺序：两侧均无已知的版本方案）", zh.Stdout);
        // A value that is not a condition is shown as before, alone.
        Assert.Equal("number: 1\n", CliRunner.InProcess("explain", "count(plan.raci, r => count(r.accountable) != 1)", "--checklist", Checklist, "--facts", Failing).Stdout);
    }
}
