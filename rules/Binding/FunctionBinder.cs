using Iq.Rules.Ast;
using Iq.Rules.Builtins;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Syntax;

namespace Iq.Rules.Binding;

/// <summary>Calls of the built-in functions, bound by the signatures each declares in <see cref="FunctionRegistry"/>:
/// the form is chosen by the number of arguments, each argument bound by its parameter's kind, and the call typed by
/// the form's result rule. Nothing here names a function.</summary>
sealed partial class ExpressionBinder
{
    public static IEnumerable<string> LambdaFunctions => FunctionRegistry.LambdaFunctions;

    BoundExpr? BindCall(CallExpr c)
    {
        if (FunctionRegistry.Find(c.Function) is not { } fn)
            return Error(Msg.UnknownFunction.With(c.Function, Localized.DidYouMean(c.Function, FunctionRegistry.All.Select(f => f.Name))), c.Span);
        var args = c.Arguments;
        var forms = fn.Signatures.Where(s => s.Accepts(args.Count)).ToList();
        if (forms.Count == 0)
            return Error(Msg.ArgumentCount.With(fn.Name, fn.Usage, args.Count), c.Span);

        var bound = new BoundExpr?[args.Count];
        var form = forms[0];
        if (forms.Count > 1)
        {
            // A list form and a values form of one arity (min, max): the list form when the first argument is a list,
            // or an `any` fact followed by a lambda.
            bound[0] = Bind(args[0]);
            if (bound[0] is not { } first) return null;
            var list = first.Type is ListType || first.Type == IqType.Any && args[1] is LambdaExpr;
            form = forms.FirstOrDefault(s => s.IsVariadic != list) ?? form;
        }
        if (form.IsVariadic) return BindValues(form, c, bound[0]);
        if (form.Params[0].Kind == ArgKind.ItemId) return BindItemRef(form, c);

        var failed = false;
        for (var i = 0; i < args.Count; i++)
        {
            var p = form.Params[i];
            if (p.IsLambda)
            {
                // Over the elements of the list before it; not bound at all when that list did not bind.
                bound[i] = bound[i - 1] is { } list ? BindLambdaArgument(p, args[i], list, fn.Name) : null;
            }
            else if (p.Kind == ArgKind.FactPath && args[i] is not (NameExpr or MemberExpr or IndexExpr))
            {
                bound[i] = Error(Msg.NeedsFactPath.With(fn.Name), args[i].Span);
            }
            else
            {
                bound[i] ??= Bind(args[i]);
                // A conversion of a value that already has the result type is that value.
                if (i == 0 && form.Fold is not null && form.Params.Count == 1 && bound[0]?.Type == form.Returns) return bound[0];
                if (bound[i] is { } arg) bound[i] = Check(p, arg, args[i], fn.Name);
            }
            failed |= bound[i] is null;
        }
        if (failed) return null;
        var arguments = bound.Select(b => b!).ToList();

        if (form.Fold is not null && arguments.All(a => a is BoundLiteral))
        {
            object? folded;
            try { folded = form.Fold(arguments.Select(a => ((BoundLiteral)a).Value).ToArray()); }
            catch (Runtime.EvaluationException e) { return Error(Msg.FoldFailed.With(e.Message), args[0].Span); }
            if (folded is null)
                return Error(Msg.NotAValid.With(fn.Name, ((BoundLiteral)arguments[0]).Value), args[0].Span);
            return new BoundLiteral(folded, form.Returns, c.Span);
        }
        var type = ResultType(form, arguments, c);
        return type is null ? null : new BoundCall(form, arguments, type, c.Span) { ArgumentTexts = args.Select(ExprPrinter.Print).ToArray() };
    }

    /// <summary>The argument, bound, checked against its parameter's kind; null (with an error) when it does not fit.</summary>
    BoundExpr? Check(Param p, BoundExpr arg, Expr syntax, string function)
    {
        BoundExpr? Mismatch(Message needs) => Error(Msg.FunctionNeeds.With(function, needs.Text, arg.Type), StartOf(syntax));
        switch (p.Kind)
        {
            case ArgKind.String: return Is(arg, IqType.String) ? arg : Mismatch(Msg.AString);
            case ArgKind.Number: return Is(arg, IqType.Number) ? arg : Mismatch(Msg.ANumber);
            case ArgKind.Bool: return Is(arg, IqType.Bool) ? arg : Mismatch(Msg.ABool);
            case ArgKind.Numeric: return IsNumeric(arg.Type) || arg.Type == IqType.Any ? arg : Mismatch(Msg.ANumeric);
            case ArgKind.StringOrList: return arg.Type is ListType || Is(arg, IqType.String) ? arg : Mismatch(Msg.AStringOrList);
            case ArgKind.SchemeName:
                if (arg is not BoundLiteral { Value: string name })
                    return Error(Msg.SchemeNameInQuotes.With(function), syntax.Span);
                if (Versions.VersionSchemes.ByName.ContainsKey(name)) return arg;
                return Error(Msg.UnknownVersionScheme.With(name, Text.Suggest(name, Versions.VersionSchemes.ByName.Keys) is { } s
                    ? Msg.DidYouMean.With(s) : Msg.Expected.With(Localized.OrList(Versions.VersionSchemes.ByName.Keys))), syntax.Span);
            case ArgKind.Date:
                if (arg.Type == IqType.String) arg = Convert(arg, IqType.Date);
                return Is(arg, IqType.Date) ? arg : Mismatch(Msg.ADate);
            case ArgKind.List or ArgKind.NumericList or ArgKind.OrderedList:
                if (arg.Type is not ListType && arg.Type != IqType.Any) return Mismatch(Msg.AList);
                var element = ElementOf(arg);
                var fits = p.Kind == ArgKind.List || IsNumeric(element) || element == IqType.Any
                           || p.Kind == ArgKind.OrderedList && element is PrimitiveType;
                return fits ? arg : Mismatch(Msg.ANumericList);
            default:
                return arg;
        }
    }

    BoundExpr? BindLambdaArgument(Param p, Expr e, BoundExpr list, string function)
    {
        var lambda = BindLambda(e, ElementOf(list), PathOf(list), function);
        if (lambda is null) return null;
        var t = lambda.Type;
        var fits = t == IqType.Any || (p.Kind == ArgKind.Predicate
            ? t == IqType.Bool
            : IsNumeric(t) || p.Kind == ArgKind.OrderedSelector && t is PrimitiveType && t != IqType.Bool);
        if (fits) return lambda;
        var needs = p.Kind == ArgKind.Predicate ? Msg.ABool : Msg.ANumeric;
        return Error(Msg.LambdaNeeds.With(function, needs.Text, t), e.Span);
    }

    IqType? ResultType(Signature form, List<BoundExpr> args, CallExpr c)
    {
        switch (form.Result)
        {
            case ResultRule.FirstArgument: return args[0].Type;
            case ResultRule.ElementOfFirst: return ElementOf(args[0]);
            case ResultRule.OfLambda: return args[1].Type;
            case ResultRule.SameBranches:
                var (then, otherwise) = (args[1].Type, args[2].Type);
                if (then == otherwise || then == IqType.Any || otherwise == IqType.Any) return then == IqType.Any ? otherwise : then;
                Error(Msg.BranchesDiffer.With(form.Function, then, otherwise), c.Span);
                return null;
            default: return form.Returns;
        }
    }

    /// <summary><c>min(a, b, …)</c>: values of one type that orders, passed to the function as one list.</summary>
    BoundExpr? BindValues(Signature form, CallExpr c, BoundExpr? first)
    {
        var all = new List<BoundExpr>();
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            var b = i == 0 && first is not null ? first : Bind(c.Arguments[i]);
            if (b is null) return null;
            all.Add(b);
        }
        var types = all.Select(a => a.Type).Where(t => t != IqType.Any).Distinct().ToList();
        if (types.Count > 1)
            return Error(Msg.ArgumentsDiffer.With(form.Function, Localized.AndList(types.Select(t => t.ToString()))), c.Span);
        if (types.Count == 1 && (types[0] is not PrimitiveType || types[0] == IqType.Bool))
            return Error(Msg.CannotOrderIn.With(form.Function, types[0]), c.Span);
        var type = types.Count == 1 ? types[0] : IqType.Any;
        return new BoundCall(form, [new BoundList(all, new ListType(type), c.Span)], type, c.Span);
    }

    /// <summary><c>passed("id")</c>, <c>outcome("id")</c>: a dependency on another item, checked once all items are known.</summary>
    BoundExpr? BindItemRef(Signature form, CallExpr c)
    {
        if (c.Arguments[0] is not LiteralExpr { Kind: Ast.LiteralKind.String, Value: string id })
            return Error(Msg.NeedsItemId.With(form.Function), c.Arguments[0].Span);
        scope.ItemReferences.Add((id, c.Arguments[0].Span));
        return new BoundItemRef(form, id, form.Returns, c.Span);
    }

    static IqType ElementOf(BoundExpr list) => list.Type is ListType l ? l.Element : IqType.Any;
}
