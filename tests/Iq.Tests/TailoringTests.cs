using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary><c>extends</c>: set, disable with a reason, reweight, additions; cycles and unknown targets are errors.</summary>
public class TailoringTests
{
    static CompileResult Compile(string file, CompileOptions? options = null) =>
        ChecklistCompiler.CompileFile(Path.Combine(TestPaths.Case("tailoring"), file), FactSchema.Default, options);

    static string Diagnostics(CompileResult r) =>
        string.Join("\n", r.Diagnostics.Select(d => $"{Path.GetFileName(d.Span.File)}:{d.Span.Line}:{d.Span.Column} {d.Code} {d.Message}"));

    [Fact]
    public void Tailoring_sets_params_disables_reweights_and_adds()
    {
        var result = Compile("hospital.iq");
        Assert.True(result.Succeeded, Diagnostics(result));
        var m = result.Checklist!.Model;
        Assert.Equal("hospital-a", m.Id);
        Assert.Equal("Hospital A tailoring", m.Title);
        Assert.Equal("1.0", m.Version);
        Assert.Equal(64d, m.Params.Single(p => p.Name == "min_cores").Value);
        Assert.StartsWith("set in ", m.Params.Single(p => p.Name == "min_cores").Origin);
        Assert.Equal(60, m.Root.AllSections().Single(s => s.Id == "6.2").Weight);
        Assert.Equal(3, m.Items.Single(i => i.Id == "ssh").Weight);
        Assert.Equal(["cpu", "mem", "staff", "ssh", "local.gpu"], m.Items.Select(i => i.Id));
        Assert.Equal(["hospital.iq", "base.iq"], m.Sources.Select(s => Path.GetFileName(s.Path)));

        var facts = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default).Values;
        var results = result.Checklist.Evaluate(facts, DateTimeOffset.UnixEpoch);
        Assert.Equal(Outcome.Pass, results.Single(r => r.Id == "cpu").Outcome); // 128 >= 64, the tailored value
        Assert.Equal(Outcome.Pass, results.Single(r => r.Id == "mem").Outcome); // 512 GiB >= 512 GiB
        var staff = results.Single(r => r.Id == "staff");
        Assert.Equal(Outcome.NotSelected, staff.Outcome);
        Assert.Equal("disabled by tailoring: staffing is audited by the hospital's own process", staff.Message);
    }

    [Fact]
    public void The_base_alone_keeps_its_own_values()
    {
        var result = Compile("base.iq");
        Assert.True(result.Succeeded, Diagnostics(result));
        var facts = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default).Values;
        var results = result.Checklist!.Evaluate(facts, DateTimeOffset.UnixEpoch);
        Assert.Equal(Outcome.Fail, results.Single(r => r.Id == "cpu").Outcome); // 128 < 256
        Assert.Equal(Outcome.NotChecked, results.Single(r => r.Id == "staff").Outcome);
    }

    [Fact]
    public void Extends_cycle_is_an_error_at_the_extends_clause()
    {
        var result = Compile("cycle-a.iq");
        Assert.Equal("cycle-b.iq:1:15 IQ3001 Checklists extend each other in a cycle: cycle-a.iq → cycle-b.iq → cycle-a.iq", Diagnostics(result));
    }

    [Fact]
    public void Unknown_targets_and_wrong_types_are_all_reported()
    {
        var result = Compile("bad-targets.iq");
        Assert.Equal(string.Join("\n",
            "bad-targets.iq:2:3 IQ3004 Unknown param 'min_core' in set; did you mean 'min_cores'?",
            "bad-targets.iq:3:20 IQ2003 Type mismatch: param 'min_memory' is size, got number; give the number a unit, e.g. 64 GiB",
            "bad-targets.iq:4:3 IQ3003 Unknown item or section 'stafff'; did you mean 'staff'?",
            "bad-targets.iq:5:3 IQ3003 Unknown item or section '6.3'; did you mean '6.1'?"), Diagnostics(result));
    }

    [Fact]
    public void An_id_declared_in_base_and_derived_is_a_duplicate()
    {
        var result = Compile("duplicate.iq");
        Assert.Equal("duplicate.iq:2:1 IQ2004 Duplicate id 'cpu' (first declared in base.iq at line 11, column 3)", Diagnostics(result));
    }

    [Fact]
    public void Command_line_overrides_win_over_tailoring()
    {
        var options = new CompileOptions { ParamOverrides = new Dictionary<string, string> { ["min_cores"] = "200", ["min_memory"] = "2 TiB" } };
        var result = Compile("hospital.iq", options);
        Assert.True(result.Succeeded, Diagnostics(result));
        var p = result.Checklist!.Model.Params;
        Assert.Equal(200d, p.Single(x => x.Name == "min_cores").Value);
        Assert.Equal(2d * 1024 * 1024 * 1024 * 1024, p.Single(x => x.Name == "min_memory").Value);
        Assert.Equal("--set", p.Single(x => x.Name == "min_cores").Origin);
    }

    [Fact]
    public void Bad_command_line_overrides_are_errors()
    {
        var options = new CompileOptions { ParamOverrides = new Dictionary<string, string> { ["min_cores"] = "many", ["nope"] = "1" } };
        var result = Compile("base.iq", options);
        Assert.Equal(string.Join("\n",
            "<command line>:1:1 IQ2018 --set min_cores=many: param 'min_cores' is a number, and 'many' is not a number constant (The value of param 'min_cores' must be a constant, such as 64, \"text\", 256 GiB or 1.2.3)",
            "<command line>:1:1 IQ3004 Unknown param 'nope' in --set"), Diagnostics(result));
    }

    [Fact]
    public void A_param_declared_a_count_is_a_whole_number_0_or_more_wherever_it_is_given()
    {
        using var dir = new TempDir();
        var checklist = Path.Combine(dir.Path, "counts.iq");
        File.WriteAllText(checklist, string.Join("\n",
            "checklist \"counts\" {", "  title \"counts\"", "  version \"1\"", "}", "",
            "param min_logical_cores: count = 64", "",
            "item \"cpu\" \"cores\" {", "  expect custom.count >= min_logical_cores", "}", ""));
        var ok = CliRunner.InProcess("check", checklist, "--set", "min_logical_cores=0");
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        foreach (var value in new[] { "-5", "2.5", "-0.5" })
        {
            var run = CliRunner.InProcess("check", checklist, "--set", $"min_logical_cores={value}");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"--set min_logical_cores={value}: param 'min_logical_cores' is a count, a whole number 0 or more", run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
        }
        // Its default and a tailoring's set are held to the same.
        File.WriteAllText(Path.Combine(dir.Path, "bad-default.iq"), File.ReadAllText(checklist).Replace("count = 64", "count = 1.5"));
        var badDefault = CliRunner.InProcess("check", Path.Combine(dir.Path, "bad-default.iq"));
        Assert.Equal(2, badDefault.ExitCode);
        Assert.Contains("param 'min_logical_cores' is a count, a whole number 0 or more, got 1.5", badDefault.Stderr);
        File.WriteAllText(Path.Combine(dir.Path, "tailored.iq"), string.Join("\n",
            "checklist \"tailored\" extends \"counts.iq\" {", "  title \"t\"", "  version \"1\"", "  set min_logical_cores = -2", "}", ""));
        var tailored = CliRunner.InProcess("check", Path.Combine(dir.Path, "tailored.iq"));
        Assert.Equal(2, tailored.ExitCode);
        Assert.Contains("param 'min_logical_cores' is a count, a whole number 0 or more, got -2", tailored.Stderr);
        // The bundled checklist's count (test cases found in the training manifest, at most) likewise.
        var bundled = CliRunner.InProcess("check", Path.Combine(TestPaths.Checklists, "gbt-aimd-ptm.iq"), "--set", "max_training_overlap=-1");
        Assert.Equal(2, bundled.ExitCode);
        Assert.Contains("--set max_training_overlap=-1: param 'max_training_overlap' is a count", bundled.Stderr);
    }

    /// <summary>An item declared outside any section counts in the totals (and has its sheet row in the scorecard): the
    /// console's section table gives it a line of its own, so that the table adds up to the totals (it showed 1 fail of 2).</summary>
    [Fact]
    public void An_item_outside_any_section_has_a_line_in_the_console_table()
    {
        using var dir = new TempDir();
        var checklist = Path.Combine(dir.Path, "outside.iq");
        File.WriteAllText(checklist, string.Join("\n",
            "checklist \"outside\" {", "  title \"outside\"", "  version \"1\"", "}", "",
            "item \"root.fail\" \"outside any section\" {", "  expect custom.count == 8", "}", "",
            "section \"S\" \"inside\" {", "  item \"s.fail\" \"inside\" {", "    expect custom.count == 9", "  }", "}", ""));
        var run = CliRunner.InProcess("audit", checklist, "--facts", Path.Combine(TestPaths.Case("negation"), "facts"), "--as-of", "2026-11-22", "--lang", "en");
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        var lines = run.Stdout.Split('\n');
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^S inside\s+\S+\s+\S+\s+0\s+1\s+0"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\(items outside any section\)\s+—\s+—\s+0\s+1\s+0"));
        Assert.Contains("Outcomes: 0 pass, 2 fail", run.Stdout);
    }
}
