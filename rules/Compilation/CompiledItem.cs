using Iq.Rules.Binding;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Rules.Compilation;

/// <summary>An item with its conditions compiled.</summary>
sealed class CompiledItem
{
    public required ItemModel Model { get; init; }
    public required int DocumentOrder { get; init; }
    public required CompiledCondition[] Expectations { get; init; }
    public CompiledCondition? When { get; init; }
    public Func<EvalContext, object?>? Score { get; init; }
    public Func<EvalContext, object?>? Source { get; init; }
    public required CompiledTemplate Id { get; init; }
    public required CompiledTemplate Title { get; init; }
    public CompiledTemplate? Fix { get; init; }
    public CompiledTemplate? WhenReason { get; init; }
}

/// <summary>A text with holes; each part is a string or a compiled expression with its type.</summary>
sealed class CompiledTemplate(IReadOnlyList<object> parts)
{
    readonly string? _constant = parts.All(p => p is string) ? string.Concat(parts.Cast<string>()) : null;

    public bool IsConstant => _constant is not null;

    public string Render(EvalContext ctx) => _constant ?? string.Concat(parts.Select(p => p switch
    {
        string s => s,
        (Func<EvalContext, object?> f, IqType t) => Render(f, t, ctx),
        _ => "",
    }));

    static string Render(Func<EvalContext, object?> f, IqType t, EvalContext ctx)
    {
        try { return ValueFormatter.Plain(f(ctx), t); }
        catch (EvaluationException) { return "?"; }
    }
}
