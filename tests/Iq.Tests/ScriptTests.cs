using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using Iq.Rules.Scripting;

namespace Iq.Tests;

/// <summary>csharp { … } blocks: refused by default, compiled once by Roslyn, cached on disk, errors mapped back.</summary>
[Collection("scripts")]
public class ScriptTests
{
    static string File(string name) => Path.Combine(TestPaths.Case("tailoring"), name);

    [Fact]
    public void Scripts_are_refused_unless_allowed()
    {
        var result = ChecklistCompiler.CompileFile(File("scripts.iq"), FactSchema.Default);
        Assert.False(result.Succeeded);
        Assert.Equal(5, result.Diagnostics.Count(d => d.Code == "IQ5001"));
        Assert.Equal((4, 10), (result.Diagnostics[0].Span.Line, result.Diagnostics[0].Span.Column));
    }

    [Fact]
    public void Scripts_run_and_their_failures_become_item_errors()
    {
        using var cache = new TempDir();
        var result = ChecklistCompiler.CompileFile(File("scripts.iq"), FactSchema.Default,
            new CompileOptions { AllowScripts = true, ScriptCacheDirectory = cache.Path });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var facts = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default).Values;
        var results = result.Checklist!.Evaluate(facts, DateTimeOffset.UnixEpoch).ToDictionary(r => r.Id);
        Assert.Equal(Outcome.Pass, results["script.cores"].Outcome);
        Assert.Equal(Outcome.Pass, results["script.expr"].Outcome);
        Assert.Equal(Outcome.Error, results["script.missing"].Outcome);
        Assert.Equal("missing evidence: security.mac.selinux", results["script.missing"].Message);
        Assert.Equal(Outcome.Error, results["script.throws"].Outcome);
        Assert.Matches(@"^csharp block at .*scripts\.iq:13:18 threw FormatException: The input string .x. was not in a correct format\.$", results["script.throws"].Message);
        Assert.Equal(Outcome.Pass, results["script.mixed"].Outcome);
    }

    [Fact]
    public void A_second_compile_loads_the_cached_assembly_instead_of_compiling()
    {
        using var cache = new TempDir();
        // A checklist no other test compiles, so the in-process cache cannot answer for the disk cache.
        var text = System.IO.File.ReadAllText(File("scripts.iq")).Replace("Count == 3", $"Count == 3 /* {Guid.NewGuid()} */");
        var options = new CompileOptions { AllowScripts = true, ScriptCacheDirectory = cache.Path };
        var before = ScriptCompiler.CompilationCount;
        Assert.True(ChecklistCompiler.CompileText(text, "s.iq", FactSchema.Default, options).Succeeded);
        Assert.Equal(before + 1, ScriptCompiler.CompilationCount);
        var dll = Assert.Single(Directory.GetFiles(cache.Path, "*.dll"));

        ScriptCompiler.ForgetLoaded();
        Assert.True(ChecklistCompiler.CompileText(text, "s.iq", FactSchema.Default, options).Succeeded);
        Assert.Equal(before + 1, ScriptCompiler.CompilationCount);
        Assert.Equal(dll, Assert.Single(Directory.GetFiles(cache.Path, "*.dll")));
    }

    [Fact]
    public void Compiler_errors_point_into_the_checklist()
    {
        using var cache = new TempDir();
        var result = ChecklistCompiler.CompileFile(File("script-error.iq"), FactSchema.Default,
            new CompileOptions { AllowScripts = true, ScriptCacheDirectory = cache.Path });
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("IQ5002", d.Code);
        Assert.Equal((5, 18), (d.Span.Line, d.Span.Column));
        Assert.EndsWith("script-error.iq", d.Span.File);
        Assert.Contains("CS1061", d.Message);
        Assert.Contains("Nmber", d.Message);
    }
}

/// <summary>A temporary folder, removed afterwards.</summary>
sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("iq-test-").FullName;
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
