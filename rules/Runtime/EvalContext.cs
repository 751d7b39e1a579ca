using Iq.Rules.Compilation;

namespace Iq.Rules.Runtime;

/// <summary>The state of one evaluation, passed to every compiled delegate: fact roots, the current
/// foreach element, let values (computed once), outcomes of items already evaluated, and the clock.</summary>
public sealed class EvalContext
{
    static readonly object NotComputed = new();
    readonly CompiledChecklist _checklist;
    readonly object?[] _lets;

    internal EvalContext(CompiledChecklist checklist, object?[] roots, DateTimeOffset now)
    {
        _checklist = checklist;
        Roots = roots;
        Now = now;
        _lets = new object?[checklist.LetCount];
        Array.Fill(_lets, NotComputed);
    }

    public readonly object?[] Roots;
    public object? Element;
    public readonly DateTimeOffset Now;
    internal Dictionary<string, Outcome> ItemOutcomes { get; } = new(StringComparer.Ordinal);

    public object? Let(int index)
    {
        var v = _lets[index];
        if (ReferenceEquals(v, NotComputed)) _lets[index] = v = _checklist.Lets[index](this);
        return v;
    }

    /// <summary><c>passed("id")</c>: true or false once the item passed or failed, else missing.</summary>
    public static object? ItemPassed(EvalContext ctx, string id) => ctx.ItemOutcomes.GetValueOrDefault(id, Outcome.Error) switch
    {
        Outcome.Pass => Ops.True,
        Outcome.Fail => Ops.False,
        var o => new Missing(id, Absence.ItemNotDecided, o.Name()),
    };

    /// <summary><c>outcome("id")</c>: the item's outcome by name.</summary>
    public static object? ItemOutcome(EvalContext ctx, string id) => ctx.ItemOutcomes.GetValueOrDefault(id, Outcome.Error).Name();

    public object? Script(int index) => _checklist.RunScript(index, this);
}
