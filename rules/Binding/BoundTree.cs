using System.Text.RegularExpressions;
using Iq.Rules.Builtins;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Rules.Binding;

/// <summary>Expressions after binding: names resolved, types known, params folded to constants.
/// Plain data: the rule model holds these, the LINQ compiler reads them.</summary>
public abstract record BoundExpr(IqType Type, SourceSpan Span);

public sealed record BoundLiteral(object? Value, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

/// <summary>A fact root such as <c>env</c>; <see cref="Index"/> is its slot in the evaluation context.</summary>
public sealed record BoundRoot(int Index, string Name, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

/// <summary><see cref="Path"/> is the fact path for "missing evidence" messages, e.g. <c>env.gpus[].memory</c>.</summary>
public sealed record BoundMember(BoundExpr Target, string Member, string Path, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

public sealed record BoundIndex(BoundExpr Target, BoundExpr Index, string Path, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

/// <summary>A lambda parameter.</summary>
public sealed record BoundLocal(string Name, string Path, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

/// <summary>The element of an item's <c>foreach</c>.</summary>
public sealed record BoundElement(string Name, string Path, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

public sealed record BoundLet(int Index, string Name, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

public sealed record BoundUnary(string Operator, BoundExpr Operand, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

public sealed record BoundBinary(string Operator, BoundExpr Left, BoundExpr Right, IqType Type, SourceSpan Span) : BoundExpr(Type, Span)
{
    /// <summary>The source text, kept for comparisons and conjunctions so evidence can name the part that failed.</summary>
    public string Text { get; init; } = "";

    /// <summary>The source text of each operand of <c>and</c>/<c>or</c>, so evidence can name a failing conjunct.</summary>
    public (string Left, string Right) OperandTexts { get; init; } = ("", "");
}

public sealed record BoundMatch(BoundExpr Input, Regex Pattern, SourceSpan Span) : BoundExpr(IqType.Bool, Span);

/// <summary>A call of a built-in function, in the form (<see cref="Signature"/>) the binder chose.</summary>
public sealed record BoundCall(Signature Signature, IReadOnlyList<BoundExpr> Arguments, IqType Type, SourceSpan Span) : BoundExpr(Type, Span)
{
    public string Function => Signature.Function;

    /// <summary>The source text of each argument, so that evidence can name a part inside one (an <c>if</c>'s branch).</summary>
    public IReadOnlyList<string> ArgumentTexts { get; init; } = [];
}

public sealed record BoundLambda(string Parameter, BoundExpr Body, SourceSpan Span) : BoundExpr(Body.Type, Span);

public sealed record BoundList(IReadOnlyList<BoundExpr> Items, IqType Type, SourceSpan Span) : BoundExpr(Type, Span);

/// <summary>A <c>csharp { … }</c> block, by its index in the checklist's one script compilation.</summary>
public sealed record BoundScript(int Index, SourceSpan Span) : BoundExpr(IqType.Any, Span);

/// <summary><c>passed("id")</c> or <c>outcome("id")</c>: reads another item's result (evaluated first).</summary>
public sealed record BoundItemRef(Signature Signature, string ItemId, IqType Type, SourceSpan Span) : BoundExpr(Type, Span)
{
    public string Function => Signature.Function;
}

/// <summary>Walks bound expressions: the one place that knows which nodes hold which, for every pass that asks what an
/// expression reads (item dependencies, fact roots).</summary>
public static class BoundTree
{
    /// <summary>The node and every node below it, parents before children, left to right.</summary>
    public static IEnumerable<BoundExpr> Descendants(BoundExpr root)
    {
        var stack = new Stack<BoundExpr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            var children = Children(e);
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    public static IReadOnlyList<BoundExpr> Children(BoundExpr e) => e switch
    {
        BoundMember m => [m.Target],
        BoundIndex x => [x.Target, x.Index],
        BoundUnary u => [u.Operand],
        BoundBinary b => [b.Left, b.Right],
        BoundMatch m => [m.Input],
        BoundCall c => c.Arguments,
        BoundLambda l => [l.Body],
        BoundList l => l.Items,
        _ => [],
    };
}
