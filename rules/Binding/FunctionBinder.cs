using Iq.Rules.Ast;
using Iq.Rules.Diagnostics;
using Iq.Rules.Syntax;

namespace Iq.Rules.Binding;

/// <summary>The built-in functions: their signatures and result types.</summary>
sealed partial class ExpressionBinder
{
    public static readonly string[] LambdaFunctions = ["all", "any", "none", "count", "first", "sum", "min", "max", "avg"];

    /// <summary>Every function, with the forms it accepts (for messages and the language reference).</summary>
    public static readonly IReadOnlyDictionary<string, string> Functions = new Dictionary<string, string>
    {
        ["count"] = "count(list) or count(list, x => condition)",
        ["all"] = "all(list, x => condition)",
        ["any"] = "any(list) or any(list, x => condition)",
        ["none"] = "none(list, x => condition)",
        ["first"] = "first(list, x => condition)",
        ["sum"] = "sum(list) or sum(list, x => value)",
        ["min"] = "min(list), min(list, x => value) or min(a, b, …)",
        ["max"] = "max(list), max(list, x => value) or max(a, b, …)",
        ["avg"] = "avg(list) or avg(list, x => value)",
        ["exists"] = "exists(fact path)",
        ["version"] = "version(string)",
        ["date"] = "date(string)",
        ["len"] = "len(string or list)",
        ["lower"] = "lower(string)",
        ["upper"] = "upper(string)",
        ["trim"] = "trim(string)",
        ["contains"] = "contains(string, string)",
        ["starts_with"] = "starts_with(string, string)",
        ["ends_with"] = "ends_with(string, string)",
        ["days_since"] = "days_since(date)",
        ["round"] = "round(number) or round(number, digits)",
        ["abs"] = "abs(number, size or duration)",
        ["if"] = "if(condition, then, else)",
        ["passed"] = "passed(\"item id\")",
        ["outcome"] = "outcome(\"item id\")",
    };

    BoundExpr? BindCall(CallExpr c)
    {
        if (!Functions.TryGetValue(c.Function, out var usage))
        {
            var hint = Text.DidYouMean(c.Function, Functions.Keys);
            return Error(Codes.UnknownFunction, $"Unknown function '{c.Function}'{hint}", c.Span);
        }
        var args = c.Arguments;
        bool Arity(int min, int max) =>
            args.Count >= min && args.Count <= max
            || Error(Codes.ArgumentCount, $"Wrong number of arguments to {c.Function}(): expected {usage}, got {args.Count}", c.Span) is not null;

        switch (c.Function)
        {
            case "count" or "all" or "any" or "none":
            {
                var needsLambda = c.Function is "all" or "none";
                if (!Arity(needsLambda ? 2 : 1, 2)) return null;
                var list = BindList(args[0], c.Function);
                if (list is null) return null;
                var result = c.Function == "count" ? IqType.Number : IqType.Bool;
                if (args.Count == 1) return new BoundCall(c.Function, [list], result, c.Span);
                var lambda = BindLambda(args[1], ElementOf(list), PathOfList(list), c.Function);
                if (lambda is null) return null;
                if (lambda.Type != IqType.Bool && lambda.Type != IqType.Any)
                    return Error(Codes.TypeMismatch, $"Type mismatch: the lambda of {c.Function}() needs a bool, got {lambda.Type}", args[1].Span);
                return new BoundCall(c.Function, [list, lambda], result, c.Span);
            }
            case "first":
            {
                // The first element that matches; none matching is missing evidence (the item errors), never a guess.
                if (!Arity(2, 2)) return null;
                var list = BindList(args[0], c.Function);
                if (list is null) return null;
                var lambda = BindLambda(args[1], ElementOf(list), PathOfList(list), c.Function);
                if (lambda is null) return null;
                if (lambda.Type != IqType.Bool && lambda.Type != IqType.Any)
                    return Error(Codes.TypeMismatch, $"Type mismatch: the lambda of first() needs a bool, got {lambda.Type}", args[1].Span);
                return new BoundCall("first", [list, lambda, new BoundLiteral(PathOfList(list), IqType.String, c.Span)], ElementOf(list), c.Span);
            }
            case "sum" or "min" or "max" or "avg":
                return BindAggregate(c, usage);
            case "exists":
            {
                if (!Arity(1, 1)) return null;
                if (args[0] is not (NameExpr or MemberExpr or IndexExpr))
                    return Error(Codes.TypeMismatch, "Type mismatch: exists() needs a fact path such as env.gpus", args[0].Span);
                var path = Bind(args[0]);
                return path is null ? null : new BoundCall("exists", [path], IqType.Bool, c.Span);
            }
            case "version" or "date":
            {
                if (!Arity(1, 1)) return null;
                var target = c.Function == "version" ? IqType.Version : IqType.Date;
                var arg = Bind(args[0]);
                if (arg is null) return null;
                if (arg.Type == target) return arg;
                if (!Is(arg, IqType.String))
                    return Error(Codes.TypeMismatch, $"Type mismatch: {c.Function}() needs a string, got {arg.Type}", StartOf(args[0]));
                if (arg is BoundLiteral { Value: string s })
                {
                    var folded = Runtime.Functions.Convert(c.Function, s);
                    if (folded is Runtime.Missing)
                        return Error(Codes.BadValue, $"Not a valid {c.Function}: \"{s}\"", args[0].Span);
                    return new BoundLiteral(folded, target, c.Span);
                }
                return new BoundCall(c.Function, [arg], target, c.Span);
            }
            case "len":
            {
                if (!Arity(1, 1)) return null;
                var arg = Bind(args[0]);
                if (arg is null) return null;
                if (arg.Type is not ListType && !Is(arg, IqType.String))
                    return Error(Codes.TypeMismatch, $"Type mismatch: len() needs a string or a list, got {arg.Type}", StartOf(args[0]));
                return new BoundCall("len", [arg], IqType.Number, c.Span);
            }
            case "lower" or "upper" or "trim":
            {
                if (!Arity(1, 1)) return null;
                var arg = BindAs(args[0], IqType.String, $"{c.Function}()");
                return arg is null ? null : new BoundCall(c.Function, [arg], IqType.String, c.Span);
            }
            case "contains" or "starts_with" or "ends_with":
            {
                if (!Arity(2, 2)) return null;
                var a = BindAs(args[0], IqType.String, $"{c.Function}()");
                var b = BindAs(args[1], IqType.String, $"{c.Function}()");
                return a is null || b is null ? null : new BoundCall(c.Function, [a, b], IqType.Bool, c.Span);
            }
            case "days_since":
            {
                if (!Arity(1, 1)) return null;
                var arg = Bind(args[0]);
                if (arg is null) return null;
                if (arg.Type == IqType.String) arg = Convert("date", arg, IqType.Date);
                if (!Is(arg, IqType.Date))
                    return Error(Codes.TypeMismatch, $"Type mismatch: days_since() needs a date, got {arg.Type}", StartOf(args[0]));
                return new BoundCall("days_since", [arg], IqType.Number, c.Span);
            }
            case "round":
            {
                if (!Arity(1, 2)) return null;
                var bound = args.Select(a => BindAs(a, IqType.Number, "round()")).ToList();
                return bound.Any(b => b is null) ? null : new BoundCall("round", bound!, IqType.Number, c.Span);
            }
            case "abs":
            {
                if (!Arity(1, 1)) return null;
                var arg = Bind(args[0]);
                if (arg is null) return null;
                if (!IsNumeric(arg.Type) && arg.Type != IqType.Any)
                    return Error(Codes.TypeMismatch, $"Type mismatch: abs() needs a number, size or duration, got {arg.Type}", StartOf(args[0]));
                return new BoundCall("abs", [arg], arg.Type, c.Span);
            }
            case "if":
            {
                if (!Arity(3, 3)) return null;
                var cond = BindAs(args[0], IqType.Bool, "if()");
                var then = Bind(args[1]);
                var otherwise = Bind(args[2]);
                if (cond is null || then is null || otherwise is null) return null;
                if (then.Type != otherwise.Type && then.Type != IqType.Any && otherwise.Type != IqType.Any)
                    return Error(Codes.TypeMismatch, $"Type mismatch: if() branches differ: {then.Type} and {otherwise.Type}", c.Span);
                return new BoundCall("if", [cond, then, otherwise], then.Type == IqType.Any ? otherwise.Type : then.Type, c.Span);
            }
            case "passed" or "outcome":
            {
                if (!Arity(1, 1)) return null;
                if (args[0] is not LiteralExpr { Kind: Ast.LiteralKind.String, Value: string id })
                    return Error(Codes.TypeMismatch, $"Type mismatch: {c.Function}() needs an item id as a string literal", args[0].Span);
                scope.ItemReferences.Add((id, args[0].Span));
                return new BoundItemRef(c.Function, id, c.Function == "passed" ? IqType.Bool : IqType.String, c.Span);
            }
        }
        throw new InvalidOperationException(c.Function);
    }

    BoundExpr? BindAggregate(CallExpr c, string usage)
    {
        var args = c.Arguments;
        if (args.Count == 0)
            return Error(Codes.ArgumentCount, $"Wrong number of arguments to {c.Function}(): expected {usage}, got 0", c.Span);
        var first = Bind(args[0]);
        if (first is null) return null;
        if (first.Type is ListType || first.Type == IqType.Any && (args.Count == 1 || args[1] is LambdaExpr || c.Function is "sum" or "avg"))
        {
            if (args.Count > 2)
                return Error(Codes.ArgumentCount, $"Wrong number of arguments to {c.Function}(): expected {usage}, got {args.Count}", c.Span);
            var element = ElementOf(first);
            if (args.Count == 1)
            {
                if (!IsNumeric(element) && element != IqType.Any && !(c.Function is "min" or "max" && element is PrimitiveType))
                    return Error(Codes.TypeMismatch, $"Type mismatch: {c.Function}() needs a list of numbers, sizes or durations, got {first.Type}", StartOf(args[0]));
                return new BoundCall(c.Function, [first], element, c.Span);
            }
            var lambda = BindLambda(args[1], element, PathOfList(first), c.Function);
            if (lambda is null) return null;
            if (!IsNumeric(lambda.Type) && lambda.Type != IqType.Any && !(c.Function is "min" or "max" && lambda.Type is PrimitiveType && lambda.Type != IqType.Bool))
                return Error(Codes.TypeMismatch, $"Type mismatch: the lambda of {c.Function}() needs a number, size or duration, got {lambda.Type}", args[1].Span);
            return new BoundCall(c.Function, [first, lambda], lambda.Type, c.Span);
        }
        if (c.Function is "sum" or "avg")
            return Error(Codes.TypeMismatch, $"Type mismatch: {c.Function}() needs a list, got {first.Type}", StartOf(args[0]));
        // min(a, b, …) over scalars of one ordered type
        var all = new List<BoundExpr> { first };
        foreach (var a in args.Skip(1))
        {
            var b = Bind(a);
            if (b is null) return null;
            all.Add(b);
        }
        var types = all.Select(a => a.Type).Where(t => t != IqType.Any).Distinct().ToList();
        if (types.Count > 1)
            return Error(Codes.TypeMismatch, $"Type mismatch: {c.Function}() arguments differ: {string.Join(" and ", types)}", c.Span);
        if (types.Count == 1 && (types[0] is not PrimitiveType || types[0] == IqType.Bool))
            return Error(Codes.TypeMismatch, $"Type mismatch: {c.Function}() cannot order values of type {types[0]}", c.Span);
        if (all.Count < 2)
            return Error(Codes.ArgumentCount, $"Wrong number of arguments to {c.Function}(): expected {usage}, got 1", c.Span);
        return new BoundCall(c.Function, [new BoundList(all, new ListType(types.Count == 1 ? types[0] : IqType.Any), c.Span)],
            types.Count == 1 ? types[0] : IqType.Any, c.Span);
    }

    BoundExpr? BindList(Expr e, string function)
    {
        var list = Bind(e);
        if (list is null) return null;
        if (list.Type is ListType || list.Type == IqType.Any) return list;
        return Error(Codes.TypeMismatch, $"Type mismatch: {function}() needs a list, got {list.Type}", StartOf(e));
    }

    static IqType ElementOf(BoundExpr list) => list.Type is ListType l ? l.Element : IqType.Any;

    static string PathOfList(BoundExpr list) => PathOf(list);
}
