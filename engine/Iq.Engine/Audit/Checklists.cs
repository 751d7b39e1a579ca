using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;

namespace Iq.Engine.Audit;

/// <summary>The one way the audit and every command get a checklist: the file with its <c>extends</c> chain
/// (<see cref="ChecklistSource"/>), bound against the engine's fact schema.</summary>
public static class Checklists
{
    public static CompileResult Compile(string path, CompileOptions options) =>
        ChecklistCompiler.Compile(ChecklistSource.FromFile(path), FactSchema.Default, options);

    /// <summary>An expression in the scope of the checklist and its bases (params as tailored, lets), for <c>iq explain</c>.</summary>
    public static (CompiledExpression? Expression, IReadOnlyList<Diagnostic> Diagnostics) CompileExpression(
        string path, string expression, CompileOptions options) =>
        ChecklistCompiler.CompileExpression(ChecklistSource.FromFile(path), expression, "<expression>", FactSchema.Default, options);
}
