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

    /// <summary>The id of the one item of <see cref="AsItem"/>.</summary>
    public const string ExplainedItem = "iq.explain";

    /// <summary>A condition as the one item of a tailoring of the checklist (<c>extends</c> it, adds a section), so that
    /// <c>iq explain CONDITION</c> shows the evidence an item row shows: each comparison's actual and expected values, the
    /// version order it used, what an all/any/none found. Null when it does not compile (the caller then has the value alone).
    /// The expression has compiled on its own first: it is one expression, so it cannot close the item it is put in.</summary>
    public static CompiledChecklist? AsItem(string path, string condition, CompileOptions options)
    {
        var full = Path.GetFullPath(path);
        static string Quoted(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var text = $"checklist {Quoted(ExplainedItem)} extends {Quoted(Path.GetFileName(full))} {{ }}\n"
                   + $"section \"iq-explain\" \"explain\" {{\n  item {Quoted(ExplainedItem)} \"explain\" {{\n    level may\n    expect {condition}\n  }}\n}}\n";
        var result = ChecklistCompiler.Compile(ChecklistSource.FromText(text, Path.Combine(Path.GetDirectoryName(full)!, "<explain>")), FactSchema.Default, options);
        return result.Checklist;
    }
}
