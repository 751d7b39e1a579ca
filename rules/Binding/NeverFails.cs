using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Rules.Binding;

/// <summary>Checks that cannot fail: an item whose outcome depends on no fact (<c>expect true</c>, <c>expect 1 == 1</c>,
/// <c>score 1</c>) or an <c>expect</c> that folds to true whatever the facts say (<c>X or true</c>,
/// <c>exists(x) or not exists(x)</c>). Such an item passes an empty bundle, which would make a pass that no evidence earned.
/// A pass of its own after binding, so that it reads the bound tree only.</summary>
static class NeverFails
{
    /// <summary>Reports the item's checks that cannot fail. <paramref name="readPaths"/> are the fact paths the item reads
    /// (its foreach source included); an item that reads another item's outcome or runs a script depends on those.</summary>
    internal static void Check(string itemId, SourceSpan itemSpan, IReadOnlyList<BoundExpr> expects, BoundExpr? score,
        IReadOnlyList<string> readPaths, IReadOnlyList<BoundExpr> conditions, DiagnosticBag diagnostics)
    {
        if (expects.Count == 0 && score is null) return;
        var dependsOnOther = conditions.SelectMany(BoundTree.Descendants).Any(e => e is BoundItemRef or BoundScript);
        if (readPaths.Count == 0 && !dependsOnOther)
        {
            diagnostics.Error(Msg.ReadsNoFact.With(itemId), itemSpan);
            return;
        }
        foreach (var e in expects)
            if (Fold(e) is true)
                diagnostics.Error(Msg.AlwaysTrue.With(itemId), e.Span);
        if (score is not null && Fold(score) is double)
            diagnostics.Error(Msg.ReadsNoFact.With(itemId), score.Span);
    }

    /// <summary>The value an expression has whatever the facts are (bool, number, string), else null. Folds only what
    /// decides for sure: literals, <c>not</c>, <c>and</c>/<c>or</c> with a decided side, a test and its negation joined
    /// by <c>or</c>, and comparisons of two decided values.</summary>
    internal static object? Fold(BoundExpr e)
    {
        switch (e)
        {
            case BoundLiteral { Value: bool or double or string } l:
                return l.Value;
            case BoundUnary { Operator: "not" } u:
                return Fold(u.Operand) is bool b ? !b : null;
            case BoundBinary { Operator: "or" } o:
            {
                var (l, r) = (Fold(o.Left), Fold(o.Right));
                if (l is true || r is true || Negations(o.Left, o.Right)) return true;
                return l is false && r is false ? false : null;
            }
            case BoundBinary { Operator: "and" } a:
            {
                var (l, r) = (Fold(a.Left), Fold(a.Right));
                if (l is false || r is false) return false;
                return l is true && r is true ? true : null;
            }
            case BoundBinary { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" } c:
                return Compare(c.Operator, Fold(c.Left), Fold(c.Right));
            default:
                return null;
        }
    }

    static object? Compare(string op, object? left, object? right) => (left, right) switch
    {
        (double l, double r) => op switch
        {
            "==" => l == r, "!=" => l != r, "<" => l < r, "<=" => l <= r, ">" => l > r, _ => l >= r,
        },
        (string l, string r) when op is "==" or "!=" => (op == "==") == string.Equals(l, r, StringComparison.Ordinal),
        (bool l, bool r) when op is "==" or "!=" => (op == "==") == (l == r),
        _ => null,
    };

    /// <summary>One side is <c>not</c> the other (the same text), so one of them holds whatever the facts are.</summary>
    static bool Negations(BoundExpr left, BoundExpr right) =>
        (left is BoundUnary { Operator: "not" } nl && Same(nl.Operand, right)) ||
        (right is BoundUnary { Operator: "not" } nr && Same(nr.Operand, left));

    /// <summary>The same expression, wherever it stands: equal once positions are set aside.</summary>
    static bool Same(BoundExpr a, BoundExpr b) => Shape(a) == Shape(b);

    static string Shape(BoundExpr e) => e switch
    {
        BoundLiteral l => $"lit({l.Value})",
        BoundRoot r => $"root({r.Name})",
        BoundMember m => $"{Shape(m.Target)}.{m.Member}",
        BoundIndex x => $"{Shape(x.Target)}[{Shape(x.Index)}]",
        BoundLocal l => $"local({l.Name})",
        BoundElement el => $"element({el.Name})",
        BoundLet l => $"let({l.Index})",
        BoundUnary u => $"{u.Operator}({Shape(u.Operand)})",
        BoundBinary b => $"({Shape(b.Left)} {b.Operator} {Shape(b.Right)})",
        BoundCall c => $"{c.Function}({string.Join(",", c.Arguments.Select(Shape))})",
        BoundLambda l => $"{l.Parameter}=>{Shape(l.Body)}",
        BoundList l => $"[{string.Join(",", l.Items.Select(Shape))}]",
        BoundItemRef r => $"{r.Function}('{r.ItemId}')",
        // A pattern or a script is never taken for the same as another: no fold rests on it.
        _ => $"#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(e)}",
    };
}
