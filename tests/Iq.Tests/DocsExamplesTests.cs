using System.Text.RegularExpressions;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;

namespace Iq.Tests;

/// <summary>The docs' examples are what iq does: every tailoring example (a code block that <c>extends</c> the bundled
/// checklist) compiles against the bundled checklist, and the guide's <c>iq check</c> example prints what it quotes.</summary>
public class DocsExamplesTests
{
    static readonly string[] Docs = ["README.md", "docs/language.md", "docs/guide-zh.md", "docs/cli.md", "docs/scorecard.md", "docs/trust.md"];

    /// <summary>The code blocks of the docs that tailor the bundled checklist, with the file they are in.</summary>
    public static TheoryData<string, int> TailoringExamples()
    {
        var data = new TheoryData<string, int>();
        foreach (var doc in Docs)
        {
            var blocks = CodeBlocks(doc);
            for (var i = 0; i < blocks.Count; i++)
                if (blocks[i].Contains("extends \"gbt-aimd-iq.iq\"", StringComparison.Ordinal)) data.Add(doc, i);
        }
        return data;
    }

    static List<string> CodeBlocks(string doc) =>
        Regex.Matches(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, doc)).Replace("\r\n", "\n"), "^```[a-z]*\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void The_guide_and_the_language_reference_have_tailoring_examples()
    {
        var docs = TailoringExamples().Select(row => (string)row[0]).ToHashSet();
        Assert.Contains("docs/language.md", docs);
        Assert.Contains("docs/guide-zh.md", docs);
    }

    [Theory]
    [MemberData(nameof(TailoringExamples))]
    public void A_tailoring_example_compiles_against_the_bundled_checklist(string doc, int block)
    {
        using var dir = new TempDir();
        File.Copy(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), Path.Combine(dir.Path, "gbt-aimd-iq.iq"));
        var file = Path.Combine(dir.Path, "example.iq");
        File.WriteAllText(file, CodeBlocks(doc)[block]);
        var result = ChecklistCompiler.CompileFile(file, FactSchema.Default);
        Assert.True(result.Checklist is not null && result.Diagnostics.All(d => d.Severity != Iq.Rules.Diagnostics.Severity.Error),
            $"{doc}, code block {block}:\n" + string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        // What it disables is there to disable: the example says what a tailoring does, not what an unknown id does.
        Assert.Contains(result.Checklist!.Model.Items, i => i.DisabledReason is not null);
    }

    /// <summary>The guide's first example with a misspelt fact path: the error the guide quotes is the one iq prints,
    /// line, column, code, words and suggestion (if any).</summary>
    [Fact]
    public void The_guides_check_example_prints_what_it_quotes()
    {
        var guide = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "guide-zh.md")).Replace("\r\n", "\n");
        var example = CodeBlocks("docs/guide-zh.md")[0];
        Assert.Contains("env.cpu.logical_cores", example);
        var quoted = Regex.Match(guide, "`(my\\.iq:\\d+:\\d+: error [^`]*)`").Groups[1].Value;
        Assert.NotEqual("", quoted);
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "my.iq");
        File.WriteAllText(file, example.Replace("env.cpu.logical_cores", "env.cpu.core"));
        var run = CliRunner.InProcess("check", file, "--lang", "zh");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(dir.Path + "/" + quoted + "\n", run.Stdout + run.Stderr);
    }

    /// <summary><c>iq schema --help</c> and its error for an unknown kind name the same kinds: every fact kind the
    /// schema declares, and results.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Schema_help_and_its_error_name_every_kind(string lang)
    {
        var help = CliRunner.InProcess("schema", "--help", "--lang", lang).Stdout;
        var error = CliRunner.InProcess("schema", "nope", "--lang", lang);
        Assert.Equal(2, error.ExitCode);
        foreach (var kind in FactSchema.Default.Roots.Select(r => r.Kind).Append("results"))
        {
            Assert.Matches($"[ ：:、,]{Regex.Escape(kind)}[ ,、（(]", help);
            Assert.Matches($"[ ：:、,]{Regex.Escape(kind)}[ ,、\n]", error.Stderr + "\n");
        }
    }
}
