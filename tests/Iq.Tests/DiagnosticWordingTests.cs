using System.Security.Cryptography;
using System.Text.Json;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Scoring.Judgments;

namespace Iq.Tests;

/// <summary>Diagnostics that named the wrong thing (fresheyes4 #8, fresheyes5 #8): each says what is wrong, where.</summary>
public class DiagnosticWordingTests
{
    /// <summary>"--set pass_mark=abc" said only "must be a constant, such as 64 …": it says the param is a number.</summary>
    [Fact]
    public void A_set_value_of_the_wrong_kind_names_the_params_type()
    {
        var run = CliRunner.InProcess("check", SampleReports.Checklist, "--set", "pass_mark=abc");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--set pass_mark=abc: param 'pass_mark' is a number, and 'abc' is not a number constant", run.Stderr);
    }

    /// <summary>A key file with two PEM keys said "not an EC private key" (each key alone is one): it says there are two.</summary>
    [Fact]
    public void A_key_file_with_two_keys_says_so_and_writes_no_seal()
    {
        using var dir = new TempDir();
        var key = Path.Combine(dir.Path, "two.key");
        using (var a = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var b = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            File.WriteAllText(key, a.ExportPkcs8PrivateKeyPem() + "\n" + b.ExportPkcs8PrivateKeyPem() + "\n");
        var doc = Path.Combine(dir.Path, "environment.json");
        File.Copy(Path.Combine(SampleReports.Sample("compliant"), "environment.json"), doc);
        var run = CliRunner.InProcess("seal", doc, "--sign-key", key);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds 2 PEM blocks", run.Stderr);
        Assert.DoesNotContain("not an EC private key", run.Stderr);
        Assert.False(File.Exists(doc + ".seal"));
        // Each key alone is a good key: the file is refused for holding two, not for what they are.
        using var one = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(key, one.ExportPkcs8PrivateKeyPem() + "\n");
        Assert.Equal(0, CliRunner.InProcess("seal", doc, "--sign-key", key).ExitCode);
    }

    /// <summary>"iq diff - x.json" said "-:1:1: File not found".</summary>
    [Fact]
    public void Diff_says_results_are_not_read_from_stdin()
    {
        var run = CliRunner.InProcess("diff", "-", "later.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("results are not read from standard input ('-')", run.Stderr);
        Assert.DoesNotContain("File not found", run.Stderr);
    }

    /// <summary>A waiver's bad expiry on line 4 was placed at the entry (1:3); it is placed at the value.</summary>
    [Fact]
    public void A_judgment_field_error_points_at_the_field()
    {
        using var dir = new TempDir();
        var waivers = Path.Combine(dir.Path, "wv.yaml");
        File.WriteAllText(waivers, "- item: 6.1.1a.cpu\n  justification: upgrade planned\n  approved_by: Chen Min\n  expires: 2026-02-30\n");
        var diagnostics = new DiagnosticBag();
        JudgmentFiles.ReadWaivers(waivers, diagnostics);
        var error = Assert.Single(diagnostics.Items, d => d.Severity == Severity.Error);
        Assert.Equal((4, 12), (error.Span.Line, error.Span.Column));
        Assert.Contains("2026-02-30", error.Message);

        var attestations = Path.Combine(dir.Path, "att.yaml");
        File.WriteAllText(attestations, "- item: 6.1.2a.competence\n  assessor: Zhou Jing\n  status: maybe\n  date: 2026-11-20\n  justification: seen\n");
        var more = new DiagnosticBag();
        JudgmentFiles.ReadAttestations(attestations, more);
        var status = Assert.Single(more.Items, d => d.Severity == Severity.Error);
        Assert.Equal((3, 11), (status.Span.Line, status.Span.Column));
    }

    /// <summary>A description giving the required robustness claim as {"not_applicable": …} was told "only the plan may
    /// declare a fact not applicable", though the description may, for its optional parts: it is told the claim is required.</summary>
    [Fact]
    public void A_required_claim_declared_not_applicable_is_told_it_is_required()
    {
        using var dir = new TempDir();
        var description = Path.Combine(dir.Path, "description.yaml");
        File.WriteAllText(description, "claims:\n  robustness:\n    not_applicable: robustness is not claimed because the model is for research\n");
        var (_, diagnostics) = Iq.Engine.Model.DescriptionReader.Read(description);
        var texts = diagnostics.Select(d => d.Message).ToList();
        Assert.Contains(texts, t => t.Contains("this part is required (5.2.6), so it cannot be declared not applicable", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("only the plan may", StringComparison.Ordinal));
    }

    /// <summary>Chinese messages kept the language's English words: "应为 expression", "无法比较 size 与 number",
    /// "duration 不能为负数". Type names and what the grammar expects come from the catalog (Msg.Words) in both languages.</summary>
    [Theory]
    [InlineData("item \"a\" \"A\" {\n  expect env.memory.total > 5\n}\n", "无法比较 容量 与 数字", "Type mismatch: cannot compare size with number")]
    [InlineData("item \"a\" \"A\" {\n  expect > 1\n}\n", "应为 表达式", "expected expression")]
    [InlineData("param m: duration = -3 d\n", "时长 不能为负数", "a duration must not be negative")]
    [InlineData("param n: size = [1, 2]\n", "声明为 容量，但其值为 数字列表", "declared size but its value is list of number")]
    public void Chinese_diagnostics_name_types_and_grammar_in_chinese(string body, string zh, string en)
    {
        var result = ChecklistCompiler.CompileText("checklist \"t\" { }\n" + body, "case.iq", FactSchema.Default);
        Assert.False(result.Succeeded);
        var zhs = result.Diagnostics.Select(d => d.Text.Render(Lang.Zh)).ToList();
        Assert.Contains(zhs, t => t.Contains(zh, StringComparison.Ordinal));
        Assert.DoesNotContain(zhs, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"\b(expression|size|number|duration)\b"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains(en, StringComparison.Ordinal));
    }
}
