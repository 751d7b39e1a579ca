using Iq.Rules.Binding;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Rules.Scripting;

namespace Iq.Rules.Compilation;

/// <summary>A checklist ready to evaluate fact bundles; immutable and safe to share across threads.</summary>
public sealed class CompiledChecklist
{
    internal CompiledChecklist(ChecklistModel model, IReadOnlyList<FactRoot> roots, Func<EvalContext, object?>[] lets,
        CompiledItem[] items, ScriptFunction[] scripts)
    {
        Model = model;
        Roots = roots;
        Lets = lets;
        Items = items;
        Scripts = scripts;
        HasDependencies = model.Items.Any(i => i.DependsOn.Count > 0);
        InDocumentOrder = items.Select(i => i.DocumentOrder).SequenceEqual(Enumerable.Range(0, items.Length));
    }

    /// <summary>Some item reads another's outcome (passed(), outcome()): outcomes must be kept as items run.</summary>
    internal bool HasDependencies { get; }

    /// <summary>Evaluation order is document order: results need no sorting.</summary>
    internal bool InDocumentOrder { get; }

    public ChecklistModel Model { get; }
    public IReadOnlyList<FactRoot> Roots { get; }
    internal Func<EvalContext, object?>[] Lets { get; }
    internal int LetCount => Lets.Length;
    internal CompiledItem[] Items { get; }
    internal ScriptFunction[] Scripts { get; }

    /// <summary>Evaluates every item against the facts. <paramref name="now"/> fixes the clock for
    /// <c>days_since</c>, so a result can be reproduced.</summary>
    public IReadOnlyList<ItemResult> Evaluate(FactValues facts, DateTimeOffset? now = null) =>
        Evaluator.Run(this, facts, now ?? DateTimeOffset.UtcNow);

    internal object? RunScript(int index, EvalContext ctx) => Scripts[index](new ScriptContext(this, ctx));
}
