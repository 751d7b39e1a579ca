using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>Fact documents built in memory for tests that evaluate a checklist many times (property, concurrency and budget
/// tests): an object from its members, a bundle from its roots, the plan's staff and RACI rows.</summary>
static class TestFacts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public static FactObject Obj(params (string Key, object? Value)[] members) =>
        new(members.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal));

    public static FactValues Of(params (string Root, object? Value)[] roots) => new(roots.ToDictionary(r => r.Root, r => r.Value));

    public static FactValues Plan(IEnumerable<object?> staff, IEnumerable<object?> raci) =>
        Of(("plan", Obj(("staff", staff.ToArray()), ("raci", raci.ToArray()))));

    /// <summary>A plan's staff member or RACI row: a name and one member (<c>role</c>, <c>activity</c>).</summary>
    public static FactObject Named(string member, object? value) => Obj(("name", "n"), (member, value));
}

/// <summary>A checklist's text compiled (its diagnostics shown when it does not compile), and the rows of an evaluation as
/// one text to compare: each row's id, outcome and message, and each evidence's expression, actual and expected.</summary>
static class TestChecklists
{
    public static CompiledChecklist Compile(string text, string file, CompileOptions? options = null)
    {
        var compiled = ChecklistCompiler.CompileText(text, file, FactSchema.Default, options);
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return compiled.Checklist!;
    }

    public static string Rows(IEnumerable<ItemResult> rows) => string.Join("\n", rows.Select(r => $"{r.Id} {r.Outcome.Name()} {r.Message} | "
        + string.Join("; ", r.Evidence.Select(e => $"{e.Expression}: {e.Actual} / {e.Expected}"))));

    /// <summary>The rows as <see cref="Rows(IEnumerable{ItemResult})"/> gives them, or the evaluation's error.</summary>
    public static string Rows(CompiledChecklist checklist, FactValues facts, EvaluationOptions? options = null)
    {
        try { return Rows(checklist.Evaluate(facts, TestFacts.Now, options)); }
        catch (EvaluationException e) { return "error: " + e.Message; }
    }
}
