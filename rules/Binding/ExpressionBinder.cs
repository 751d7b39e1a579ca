using System.Text.RegularExpressions;
using Iq.Rules.Ast;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Rules.Syntax;

namespace Iq.Rules.Binding;

/// <summary>Resolves names and checks types of one expression. Reports every error it finds and returns
/// null for the parts it could not bind, so one bad path does not hide another.</summary>
sealed partial class ExpressionBinder(BindingScope scope, DiagnosticBag initialDiagnostics)
{
    DiagnosticBag diagnostics = initialDiagnostics;

    /// <summary>Binds with this binder's variables in scope but reports into another bag.</summary>
    public BoundExpr? BindInto(Expr e, DiagnosticBag bag)
    {
        var saved = diagnostics;
        diagnostics = bag;
        try { return Bind(e); }
        finally { diagnostics = saved; }
    }

    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    readonly List<(string Name, IqType Type, string Path, bool IsElement)> _locals = [];

    public BindingScope Scope => scope;

    public IDisposable WithElement(string name, IqType type, string path)
    {
        _locals.Add((name, type, path, true));
        return new Pop(_locals);
    }

    sealed class Pop(List<(string, IqType, string, bool)> locals) : IDisposable
    {
        public void Dispose() => locals.RemoveAt(locals.Count - 1);
    }

    public BoundExpr? Bind(Expr e) => e switch
    {
        LiteralExpr l => BindLiteral(l),
        NameExpr n => BindName(n),
        MemberExpr m => BindMember(m),
        IndexExpr x => BindIndex(x),
        UnaryExpr u => BindUnary(u),
        BinaryExpr b => BindBinary(b),
        CallExpr c => BindCall(c),
        ListExpr l => BindList(l),
        LambdaExpr lam => Error(Msg.LambdaMisplaced.With(lam.Parameter, string.Join(", ", LambdaFunctions)), lam.Span),
        ScriptExpr s => scope.BindScript(s, diagnostics),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    /// <summary>Binds and requires a type (or <c>any</c>, checked at run time).</summary>
    public BoundExpr? BindAs(Expr e, IqType expected, object role)
    {
        var bound = Bind(e);
        if (bound is null) return null;
        if (bound.Type == expected || bound.Type == IqType.Any) return bound;
        return Error(Msg.RoleNeeds.With(role, Article(expected), bound.Type), StartOf(e));
    }

    BoundExpr? Error(MessageText message, SourceSpan span)
    {
        diagnostics.Error(message, span);
        return null;
    }

    public static SourceSpan StartOf(Expr e) => e switch
    {
        MemberExpr m => StartOf(m.Target),
        IndexExpr x => StartOf(x.Target),
        BinaryExpr b => StartOf(b.Left),
        _ => e.Span,
    };

    static MessageText Article(IqType t) => (t.Name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? Msg.AnType : Msg.AType).With(t.Name);

    static BoundExpr BindLiteral(LiteralExpr l) => new BoundLiteral(l.Value, l.Kind switch
    {
        LiteralKind.Number => IqType.Number,
        LiteralKind.String => IqType.String,
        LiteralKind.Bool => IqType.Bool,
        LiteralKind.Size => IqType.Size,
        LiteralKind.Duration => IqType.Duration,
        _ => IqType.Version,
    }, l.Span);

    BoundExpr? BindName(NameExpr n)
    {
        for (var i = _locals.Count - 1; i >= 0; i--)
        {
            var local = _locals[i];
            if (local.Name == n.Name)
                return local.IsElement
                    ? new BoundElement(local.Name, local.Path, local.Type, n.Span)
                    : new BoundLocal(local.Name, local.Path, local.Type, n.Span);
        }
        if (scope.TryBindLet(n.Name, n.Span, diagnostics, out var let)) return let;
        if (scope.Params.TryGetValue(n.Name, out var param)) return new BoundLiteral(param.Value, param.Type, n.Span);
        if (scope.Roots.TryGetValue(n.Name, out var root)) return new BoundRoot(root.Index, root.Root.Name, root.Root.Type, n.Span);
        var candidates = _locals.Select(l => l.Name).Concat(scope.LetNames).Concat(scope.Params.Keys).Concat(scope.Roots.Keys);
        return Error(Msg.UnknownName.With(n.Name, Localized.DidYouMean(n.Name, candidates)), n.Span);
    }

    /// <summary>The fact path an expression reads, for "missing evidence" messages.</summary>
    internal static string PathOf(BoundExpr e) => e switch
    {
        BoundRoot r => r.Name,
        BoundMember m => m.Path,
        BoundIndex x => x.Path,
        BoundLocal l => l.Path,
        BoundElement el => el.Path,
        BoundLet let => let.Name,
        _ => "(value)",
    };

    BoundExpr? BindMember(MemberExpr m)
    {
        var target = Bind(m.Target);
        if (target is null) return null;
        var path = PathOf(target) + "." + m.Member;
        switch (target.Type)
        {
            case ObjectType o:
                if (o.Member(m.Member) is { } member) return new BoundMember(target, m.Member, path, member.Type, m.Span);
                var near = Text.Suggestions(m.Member, o.Members.Select(x => x.Name));
                var hint = near.Count switch
                {
                    0 => Localized.Empty,
                    1 => (ILocalized)Msg.DidYouMeanPath.With($"{PathOf(target)}.{near[0]}"),
                    _ => Msg.DidYouMeanPaths.With(Localized.OrList(near.Select(n => $"'{PathOf(target)}.{n}'"))),
                };
                return Error(Msg.UnknownFactPath.With(path, hint), m.Span);
            case MapType map:
                return new BoundMember(target, m.Member, path, map.Value, m.Span);
            case PrimitiveType p when p == IqType.Any:
                return new BoundMember(target, m.Member, path, IqType.Any, m.Span);
            case ListType:
                return Error(Msg.ReadElementsWith.With(PathOf(target), target.Type), m.Span);
            default:
                return Error(Msg.NoMember.With(PathOf(target), target.Type, m.Member), m.Span);
        }
    }

    BoundExpr? BindIndex(IndexExpr x)
    {
        var target = Bind(x.Target);
        var index = Bind(x.Index);
        if (target is null || index is null) return null;
        var key = index is BoundLiteral { Value: string k } ? $"[\"{k}\"]" : index is BoundLiteral { Value: double d } ? $"[{d}]" : "[]";
        var path = PathOf(target) + key;
        switch (target.Type)
        {
            case MapType map when Is(index, IqType.String):
                return new BoundIndex(target, index, path, map.Value, x.Span);
            case ListType list when Is(index, IqType.Number):
                return new BoundIndex(target, index, path, list.Element, x.Span);
            case PrimitiveType p when p == IqType.Any:
                return new BoundIndex(target, index, path, IqType.Any, x.Span);
            case MapType:
                return Error(Msg.IndexedByString.With(PathOf(target), index.Type), StartOf(x.Index));
            case ListType:
                return Error(Msg.IndexedByNumber.With(PathOf(target), index.Type), StartOf(x.Index));
            default:
                return Error(Msg.CannotIndex.With(PathOf(target), target.Type), x.Span);
        }
    }

    static bool Is(BoundExpr e, IqType t) => e.Type == t || e.Type == IqType.Any;

    static bool IsNumeric(IqType t) => t == IqType.Number || t == IqType.Size || t == IqType.Duration;

    BoundExpr? BindUnary(UnaryExpr u)
    {
        var operand = Bind(u.Operand);
        if (operand is null) return null;
        if (u.Operator == "not")
            return Is(operand, IqType.Bool)
                ? new BoundUnary("not", operand, IqType.Bool, u.Span)
                : Error(Msg.OperatorNeeds.With("not", Msg.ABool.Text, operand.Type), u.Span);
        if (IsNumeric(operand.Type) || operand.Type == IqType.Any)
            return operand is BoundLiteral { Value: double d } lit
                ? lit with { Value = -d, Span = u.Span }
                : new BoundUnary("-", operand, operand.Type, u.Span);
        return Error(Msg.OperatorNeeds.With("-", Msg.ANumeric.Text, operand.Type), u.Span);
    }

    BoundExpr? BindBinary(BinaryExpr b)
    {
        if (b.Operator == "matches") return BindMatches(b);
        var left = Bind(b.Left);
        var right = Bind(b.Right);
        if (left is null || right is null) return null;
        switch (b.Operator)
        {
            case "and" or "or":
                if (!Is(left, IqType.Bool) || !Is(right, IqType.Bool))
                    return Error(Msg.NeedsBoolOperands.With(b.Operator, left.Type, right.Type), b.Span);
                return new BoundBinary(b.Operator, left, right, IqType.Bool, b.Span)
                {
                    Text = ExprPrinter.Print(b),
                    OperandTexts = (ExprPrinter.Print(b.Left), ExprPrinter.Print(b.Right)),
                };
            case "==" or "!=" or "<" or "<=" or ">" or ">=":
                return BindComparison(b, left, right);
            case "in":
                return BindIn(b, left, right);
            default:
                return BindArithmetic(b, left, right);
        }
    }

    BoundExpr? BindComparison(BinaryExpr b, BoundExpr left, BoundExpr right)
    {
        (left, right) = Coerce(left, right);
        var ordered = b.Operator is not ("==" or "!=");
        if (left.Type != IqType.Any && right.Type != IqType.Any)
        {
            if (!OfOneKind(left.Type, right.Type))
            {
                ILocalized hint = Localized.Empty;
                if ((left.Type == IqType.Number && (right.Type == IqType.Size || right.Type == IqType.Duration))
                    || (right.Type == IqType.Number && (left.Type == IqType.Size || left.Type == IqType.Duration)))
                    hint = Msg.GiveAUnit.Text;
                return Error(Msg.CannotCompare.With(left.Type, right.Type, hint), b.Span);
            }
            if (ordered && left.Type is not PrimitiveType || ordered && left.Type == IqType.Bool)
                return Error(Msg.CannotOrder.With(b.Operator, left.Type), b.Span);
            if (!ordered && left.Type is ObjectType or MapType)
                return Error(Msg.CannotCompareType.With(b.Operator, left.Type), b.Span);
        }
        return new BoundBinary(b.Operator, left, right, IqType.Bool, b.Span) { Text = ExprPrinter.Print(b) };
    }

    /// <summary>Types whose values can be equal: the same, or a list beside a list whose elements can be (an element of no
    /// declared type, in <c>[custom.count] == [7]</c> or <c>[] == [1]</c>, is checked when the checklist runs; a string
    /// element beside a version or date is read as one, as Ops.Compare does).</summary>
    static bool OfOneKind(IqType a, IqType b) => a == b || (a, b) switch
    {
        (ListType x, ListType y) => x.Element == IqType.Any || y.Element == IqType.Any || OfOneKind(x.Element, y.Element)
            || ReadAs(x.Element, y.Element) || ReadAs(y.Element, x.Element),
        _ => false,
    };

    static bool ReadAs(IqType text, IqType t) => text == IqType.String && (t == IqType.Version || t == IqType.Date);

    /// <summary>A string beside a version or date is read as one ("24.0", "2026-01-01").</summary>
    static (BoundExpr, BoundExpr) Coerce(BoundExpr left, BoundExpr right)
    {
        foreach (var t in new[] { IqType.Version, IqType.Date })
        {
            if (left.Type == t && right.Type == IqType.String) right = Convert(right, t);
            else if (right.Type == t && left.Type == IqType.String) left = Convert(left, t);
        }
        return (left, right);
    }

    /// <summary>A string read as a version or a date when the checklist runs; a version literal is read now.</summary>
    static BoundExpr Convert(BoundExpr e, IqType t)
    {
        var form = Builtins.FunctionRegistry.ConversionTo(t);
        return e is BoundLiteral { Value: string s } lit && t == IqType.Version && form.Fold!([s]) is { } v
            ? lit with { Value = v, Type = t }
            : new BoundCall(form, [e], t, e.Span);
    }

    BoundExpr? BindIn(BinaryExpr b, BoundExpr left, BoundExpr right)
    {
        if (right.Type is ListType list)
        {
            var (l, _) = Coerce(left, new BoundLiteral(null, list.Element, right.Span));
            if (l.Type != list.Element && l.Type != IqType.Any && list.Element != IqType.Any)
                return Error(Msg.CannotLookFor.With(left.Type, right.Type), b.Span);
            return new BoundBinary("in", l, right, IqType.Bool, b.Span);
        }
        if (right.Type == IqType.String && Is(left, IqType.String) || right.Type == IqType.Any)
            return new BoundBinary("in", left, right, IqType.Bool, b.Span);
        if (right.Type is MapType && Is(left, IqType.String))
            return new BoundBinary("in", left, right, IqType.Bool, b.Span);
        return Error(Msg.InNeeds.With(right.Type), b.Span);
    }

    BoundExpr? BindMatches(BinaryExpr b)
    {
        var input = Bind(b.Left);
        if (b.Right is not LiteralExpr { Kind: LiteralKind.String, Value: string pattern })
            return Error(Msg.MatchesNeedsLiteral.Text, StartOf(b.Right));
        if (input is null) return null;
        if (!Is(input, IqType.String))
            return Error(Msg.MatchesNeedsString.With(input.Type), b.Span);
        try
        {
            return new BoundMatch(input, new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout), b.Span);
        }
        catch (ArgumentException e)
        {
            return Error(Msg.BadRegex.With(LibraryError.Regex(e)), b.Right.Span);
        }
    }

    BoundExpr? BindArithmetic(BinaryExpr b, BoundExpr left, BoundExpr right)
    {
        var (l, r, op) = (left.Type, right.Type, b.Operator);
        IqType? result = null;
        if (l == IqType.Any || r == IqType.Any) result = IqType.Any;
        else if (l == IqType.Number && r == IqType.Number) result = IqType.Number;
        else if (op == "+" && l == IqType.String && r == IqType.String) result = IqType.String;
        else if (op is "+" or "-" && l == r && (l == IqType.Size || l == IqType.Duration)) result = l;
        else if (op == "-" && l == IqType.Date && r == IqType.Date) result = IqType.Duration;
        else if (op == "*" && (l == IqType.Size || l == IqType.Duration) && r == IqType.Number) result = l;
        else if (op == "*" && l == IqType.Number && (r == IqType.Size || r == IqType.Duration)) result = r;
        else if (op == "/" && (l == IqType.Size || l == IqType.Duration) && r == IqType.Number) result = l;
        else if (op == "/" && l == r && (l == IqType.Size || l == IqType.Duration)) result = IqType.Number;
        if (result is null)
            return Error(Msg.CannotApply.With(op, l, r), b.Span);
        return new BoundBinary(op, left, right, result, b.Span);
    }

    BoundExpr? BindList(ListExpr l)
    {
        var items = l.Items.Select(Bind).ToList();
        if (items.Any(i => i is null)) return null;
        var types = items.Select(i => i!.Type).Where(t => t != IqType.Any).Distinct().ToList();
        if (types.Count > 1)
            return Error(Msg.ListOfOneType.With(Localized.AndList(types.Select(t => t.ToString()))), l.Span);
        return new BoundList(items!, new ListType(types.Count == 1 ? types[0] : IqType.Any), l.Span);
    }

    /// <summary>Binds a lambda argument over the elements of a list.</summary>
    BoundLambda? BindLambda(Expr e, IqType element, string path, string function)
    {
        if (e is not LambdaExpr lam)
        {
            Error(Msg.NeedsLambda.With(function), e.Span);
            return null;
        }
        _locals.Add((lam.Parameter, element, path + "[]", false));
        try
        {
            var body = Bind(lam.Body);
            return body is null ? null : new BoundLambda(lam.Parameter, body, lam.Span);
        }
        finally { _locals.RemoveAt(_locals.Count - 1); }
    }
}
