using Iq.Rules.Binding;
using Iq.Rules.Diagnostics;
using Iq.Rules.Model;
using Iq.Rules.Network;
using Iq.Rules.Scripting;
using Iq.Rules.Syntax;
using NRules;

namespace Iq.Rules.Compilation;

/// <summary>The result of a compile: the rule set, or the diagnostics that stopped it (sorted by position).</summary>
public sealed record CompileResult(CompiledChecklist? Checklist, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Checklist is not null;
}

/// <summary>Checklist text to compiled rules. The passes, in order:
/// load (read, parse, resolve <c>extends</c>: <see cref="ChecklistLoader"/>) → merge tailoring →
/// bind (names, types, params) → order (item dependencies) → scripts (Roslyn) → lower to NRules rules → compile the network.
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
        var network = new NetworkBuilder(model, schema.Roots);
        network.AddLets();
        network.AddExpression(bound);
        return (new CompiledExpression(Build(network, model, schema, scripts, ExpressionMode.Interpreted), bound.Type), []);
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
        var compiled = Lower(model, schema, scripts, options.Expressions);
        return new CompileResult(compiled, Diagnostic.Sort(diagnostics.Items));
    }

    static CompileResult Fail(DiagnosticBag diagnostics) => new(null, Diagnostic.Sort(diagnostics.Items));

    /// <summary>The rule model to the NRules network: lets, then items (<see cref="NetworkBuilder"/>), compiled once by
    /// NRules' <see cref="RuleCompiler"/> with the expression compiler the options choose.</summary>
    static CompiledChecklist Lower(ChecklistModel model, IFactSchema schema, ScriptFunction[] scripts, ExpressionMode mode)
    {
        var network = new NetworkBuilder(model, schema.Roots);
        network.AddLets();
        network.AddItems();
        return Build(network, model, schema, scripts, mode);
    }

    static CompiledChecklist Build(NetworkBuilder network, ChecklistModel model, IFactSchema schema, ScriptFunction[] scripts, ExpressionMode mode)
    {
        // NRules shares a node between rules when their expressions compare equal; its comparer knows no try/catch or block
        // (which guarded conditions and Kleene and/or lower to), so those are simply not shared.
        var compiler = new RuleCompiler(new RuleCompilerOptions { UnsupportedExpressionHandling = RuleCompilerUnsupportedExpressionsHandling.TreatAsNotEqual })
        {
            ExpressionCompiler = new IqExpressionCompiler(mode),
        };
        var factory = compiler.Compile(network.Rules);
        return new CompiledChecklist(model, schema.Roots, factory, network.Plans.ToArray(), network.Infos, scripts);
    }
}
