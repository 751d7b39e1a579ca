using Iq.Rules.Binding;
using Iq.Rules.Diagnostics;
using Iq.Rules.Model;
using Iq.Rules.Scripting;
using Iq.Rules.Syntax;

namespace Iq.Rules.Compilation;

/// <summary>The result of a compile: the rule set, or the diagnostics that stopped it (sorted by position).</summary>
public sealed record CompileResult(CompiledChecklist? Checklist, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Checklist is not null;
}

/// <summary>Checklist text to compiled rules. The passes, in order:
/// load (read, parse, resolve <c>extends</c>: <see cref="ChecklistLoader"/>) → merge tailoring →
/// bind (names, types, params) → order (item dependencies) → scripts (Roslyn) → compile (LINQ).
/// Runs on a thread with a large stack: depth is bounded in the parser, this is the second guard.</summary>
public static class ChecklistCompiler
{
    const int StackSize = 64 * 1024 * 1024;

    public static CompileResult Compile(ChecklistSource source, IFactSchema schema, CompileOptions? options = null) =>
        OnBigStack(() => Run(source, schema, options ?? new CompileOptions()));

    public static CompileResult CompileFile(string path, IFactSchema schema, CompileOptions? options = null) =>
        Compile(ChecklistSource.FromFile(path), schema, options);

    /// <summary>Compiles text held in memory; <paramref name="file"/> names it in diagnostics and anchors relative <c>extends</c>.</summary>
    public static CompileResult CompileText(string text, string file, IFactSchema schema, CompileOptions? options = null) =>
        Compile(ChecklistSource.FromText(text, file), schema, options);

    /// <summary>Compiles one expression in the scope of a checklist, its <c>extends</c> chain included (params as
    /// tailored, lets): for the expression test cases and for explaining a value. The expression's own diagnostics
    /// are reported in <paramref name="expressionFile"/>.</summary>
    public static (CompiledExpression? Expression, IReadOnlyList<Diagnostic> Diagnostics) CompileExpression(
        ChecklistSource checklist, string expression, string expressionFile, IFactSchema schema, CompileOptions? options = null) =>
        OnBigStack(() => RunExpression(checklist, expression, expressionFile, schema, options ?? new CompileOptions()));

    static T OnBigStack<T>(Func<T> run)
    {
        T? result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = run(); }
            catch (Exception e) { error = e; }
        }, StackSize);
        thread.Start();
        thread.Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return result!;
    }

    static (CompiledExpression?, IReadOnlyList<Diagnostic>) RunExpression(ChecklistSource source, string expression, string expressionFile,
        IFactSchema schema, CompileOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var chain = ChecklistLoader.Load(source, options, diagnostics);
        var expr = ChecklistParser.ParseExpression(expression, expressionFile, diagnostics);
        if (chain is null || expr is null || diagnostics.HasErrors) return (null, Diagnostic.Sort(diagnostics.Items));
        var (model, bound) = Binder.BindWith(MergedChecklist.Merge(chain), schema, options, expr, diagnostics);
        if (model is null || bound is null) return (null, Diagnostic.Sort(diagnostics.Items));
        var scripts = ScriptCompiler.Compile(model.Scripts, options.ScriptCacheDirectory, diagnostics) ?? [];
        var checklist = Lower(model, schema, scripts);
        return (new CompiledExpression(checklist, bound.Type, ExpressionCompiler.CompileOne(bound)), []);
    }

    static CompileResult Run(ChecklistSource source, IFactSchema schema, CompileOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var chain = ChecklistLoader.Load(source, options, diagnostics);
        if (chain is null || diagnostics.HasErrors) return Fail(diagnostics);
        var merged = MergedChecklist.Merge(chain);
        var model = Binder.Bind(merged, schema, options, diagnostics);
        if (model is null || diagnostics.HasErrors) return Fail(diagnostics);
        var scripts = ScriptCompiler.Compile(model.Scripts, options.ScriptCacheDirectory, diagnostics);
        if (scripts is null || diagnostics.HasErrors) return Fail(diagnostics);
        var compiled = Lower(model, schema, scripts);
        return new CompileResult(compiled, Diagnostic.Sort(diagnostics.Items));
    }

    static CompileResult Fail(DiagnosticBag diagnostics) => new(null, Diagnostic.Sort(diagnostics.Items));

    /// <summary>The rule model to delegates: lets, conditions, templates, all in one LINQ compile.</summary>
    static CompiledChecklist Lower(ChecklistModel model, IFactSchema schema, ScriptFunction[] scripts)
    {
        var compiler = new ExpressionCompiler();
        var lets = model.Lets.Select(l => compiler.Add(l.Value)).ToList();
        var documentOrder = model.Items.Select((item, i) => (item, i)).ToDictionary(x => x.item.Id, x => x.i);
        var plans = model.EvaluationOrder.Select(item => new
        {
            Item = item,
            Expect = item.Expectations.Select(e => compiler.Add(e.Expression)).ToList(),
            When = item.When is null ? -1 : compiler.Add(item.When.Expression),
            Score = item.Score is null ? -1 : compiler.Add(item.Score),
            Source = item.ForeachSource is null ? -1 : compiler.Add(item.ForeachSource),
            Id = Template(item.IdTemplate, compiler),
            Title = Template(item.TitleTemplate, compiler),
            Fix = item.Fix is null ? null : Template(item.Fix, compiler),
            WhenReason = item.WhenReason is null ? null : Template(item.WhenReason, compiler),
        }).ToList();
        var delegates = compiler.CompileAll();

        CompiledTemplate Build(List<object> parts) =>
            new(parts.Select(p => p is (int index, IqType type) ? (object)(delegates[index], type) : p).ToList());

        var items = plans.Select(p => new CompiledItem
        {
            Model = p.Item,
            DocumentOrder = documentOrder[p.Item.Id],
            Expectations = p.Item.Expectations.Select((e, i) => new CompiledCondition(e.Text, e.Expression, delegates[p.Expect[i]])).ToArray(),
            When = p.When < 0 ? null : new CompiledCondition(p.Item.When!.Text, p.Item.When.Expression, delegates[p.When]),
            Score = p.Score < 0 ? null : delegates[p.Score],
            Source = p.Source < 0 ? null : delegates[p.Source],
            Id = Build(p.Id),
            Title = Build(p.Title),
            Fix = p.Fix is null ? null : Build(p.Fix),
            WhenReason = p.WhenReason is null ? null : Build(p.WhenReason),
        }).ToArray();
        return new CompiledChecklist(model, schema.Roots, lets.Select(i => delegates[i]).ToArray(), items, scripts);
    }

    static List<object> Template(TextTemplate template, ExpressionCompiler compiler) =>
        template.Parts.Select(p => p is BoundExpr e ? (object)(compiler.Add(e), e.Type) : p).ToList();
}
