using System.Reflection;
using Iq.Rules.Binding;
using Iq.Rules.Runtime;

namespace Iq.Rules.Builtins;

/// <summary>How an argument binds (its binding rule), and what a signature's usage text calls it.</summary>
public enum ArgKind
{
    /// <summary>A string.</summary>
    String,
    /// <summary>A number.</summary>
    Number,
    /// <summary>A bool.</summary>
    Bool,
    /// <summary>A number, size or duration.</summary>
    Numeric,
    /// <summary>A date, or a string read as one.</summary>
    Date,
    /// <summary>A string or a list.</summary>
    StringOrList,
    /// <summary>A list of anything.</summary>
    List,
    /// <summary>A list of numbers, sizes or durations.</summary>
    NumericList,
    /// <summary>A list of values that order (numbers, sizes, durations, strings, versions, dates).</summary>
    OrderedList,
    /// <summary>A lambda over the elements of the list argument before it, giving a bool.</summary>
    Predicate,
    /// <summary>A lambda over the elements of the list argument before it, giving a number, size or duration.</summary>
    NumericSelector,
    /// <summary>A lambda over the elements of the list argument before it, giving a value that orders.</summary>
    OrderedSelector,
    /// <summary>A fact path as written (<c>env.gpus</c>), not a computed value.</summary>
    FactPath,
    /// <summary>An item id as a string literal: the item is evaluated first.</summary>
    ItemId,
    /// <summary>Any value, evaluated only when the function asks for it (the branches of <c>if</c>).</summary>
    Lazy,
    /// <summary>Two or more values of one type that orders; the function receives them as one list.</summary>
    Ordered,
    /// <summary>A version scheme's name as a string literal (<c>"dpkg"</c>), checked when the checklist compiles.</summary>
    SchemeName,
}

/// <summary>The type a call has.</summary>
public enum ResultRule
{
    /// <summary>The signature's declared type.</summary>
    Declared,
    /// <summary>The type of the first argument (<c>abs</c>).</summary>
    FirstArgument,
    /// <summary>The element type of the first argument, a list (<c>sum(list)</c>).</summary>
    ElementOfFirst,
    /// <summary>The type the lambda gives (<c>sum(list, x => x.size)</c>).</summary>
    OfLambda,
    /// <summary>The type both branches share (<c>if</c>).</summary>
    SameBranches,
    /// <summary>The type the values share (<c>min(a, b, …)</c>).</summary>
    OfValues,
}

/// <summary>One parameter: its name in usage texts and how it binds.</summary>
public sealed record Param(string Name, ArgKind Kind)
{
    public bool IsLambda => Kind is ArgKind.Predicate or ArgKind.NumericSelector or ArgKind.OrderedSelector;
    public bool IsList => Kind is ArgKind.List or ArgKind.NumericList or ArgKind.OrderedList;
}

/// <summary>One form of a function: its parameters, its result, and the run-time method the compiled tree calls.
/// The method's parameters follow the language's, each <c>object?</c> (a lambda: <c>Func&lt;object?, object?&gt;</c>,
/// a lazy argument: <c>Func&lt;object?&gt;</c>); a trailing optional parameter the form does not give gets its
/// default; a <see cref="DateTimeOffset"/> parameter receives the evaluation clock, an <see cref="ArgumentPath"/>
/// parameter the fact path of the first argument; an item id (<c>passed("id")</c>) is passed as that item's
/// <see cref="ItemOutcomeFact"/>, which the rule matches.</summary>
public sealed record Signature(string Function, IReadOnlyList<Param> Params, IqType Returns, ResultRule Result, MethodInfo Method)
{
    /// <summary>For a conversion (<c>version(string)</c>): reads literal arguments at compile time, giving null when they
    /// are not valid. A one-argument conversion of a value that already has the result type is that value.</summary>
    public Func<object?[], object?>? Fold { get; init; }

    public bool IsVariadic => Params.Count == 1 && Params[0].Kind == ArgKind.Ordered;

    public bool Accepts(int arguments) => IsVariadic ? arguments >= 2 : arguments == Params.Count;

    /// <summary><c>count(list, x => condition)</c>.</summary>
    public string Usage => $"{Function}({string.Join(", ", Params.Select(p => p.Name))})";
}

/// <summary>A function of the checklist language, declared once: binder, compiler, runtime and the language
/// reference (docs/language.md) all read it from here.</summary>
public sealed record FunctionDecl(string Name, string Description, IReadOnlyList<Signature> Signatures)
{
    /// <summary>Every form, for messages: <c>count(list) or count(list, x => condition)</c>.</summary>
    public Messages.ILocalized Usage => Messages.Localized.OrList(Signatures.Select(s => s.Usage));
}

/// <summary>Every function of the language. To add a function, or a form of one, declare it here: one line per
/// signature, with its run-time method in <see cref="Functions"/>.</summary>
public static class FunctionRegistry
{
    static Param P(string name, ArgKind kind) => new(name, kind);
    static readonly Param List = P("list", ArgKind.List);
    static readonly Param Condition = P("x => condition", ArgKind.Predicate);
    static readonly Param Str = P("string", ArgKind.String);

    static Func<string, Signature> S(IqType returns, Delegate method, params Param[] parameters) =>
        name => new Signature(name, parameters, returns, ResultRule.Declared, method.Method);

    static Func<string, Signature> S(ResultRule result, Delegate method, params Param[] parameters) =>
        name => new Signature(name, parameters, IqType.Any, result, method.Method);

    /// <summary>A conversion: <paramref name="fold"/> reads literal arguments when the checklist compiles.</summary>
    static Func<string, Signature> C(IqType returns, Delegate method, Func<object?[], object?> fold, params Param[] parameters) =>
        name => new Signature(name, parameters, returns, ResultRule.Declared, method.Method) { Fold = fold };

    static FunctionDecl F(string name, string description, params Func<string, Signature>[] signatures) =>
        new(name, description, signatures.Select(s => s(name)).ToList());

    // Delegate types pick the overload; the method group alone would not say which.
    delegate object? Unary(object? a);
    delegate object? Binary(object? a, object? b);
    delegate object? OverList(object? list, Func<object?, object?> lambda);
    delegate object? Search(object? list, Func<object?, object?> lambda, ArgumentPath path);
    delegate object? Aggregate(object? list, Func<object?, object?>? selector = null);

    /// <summary>In this order in the language reference and in messages that list them.</summary>
    public static readonly IReadOnlyList<FunctionDecl> All =
    [
        F("all", "true when the condition holds for every element; an empty list is missing evidence (the item errors: nothing was verified; where an empty list is fine, say none(list, x => not …))",
            S(IqType.Bool, (Search)Functions.All, List, Condition)),
        F("any", "true when the list has an element, or an element for which the condition holds",
            S(IqType.Bool, (Unary)Functions.NonEmpty, List),
            S(IqType.Bool, (OverList)Functions.Any, List, Condition)),
        F("none", "true when the condition holds for no element",
            S(IqType.Bool, (OverList)Functions.None, List, Condition)),
        F("count", "the number of elements, or of elements for which the condition holds",
            S(IqType.Number, (Unary)Functions.Count, List),
            S(IqType.Number, (OverList)Functions.CountWhere, List, Condition)),
        F("first", "the first element for which the condition holds; missing evidence when none does (the item errors)",
            S(ResultRule.ElementOfFirst, (Search)Functions.First, List, Condition)),
        F("sum", "the sum of numbers, sizes or durations (0 for an empty list)",
            S(ResultRule.ElementOfFirst, (Aggregate)Functions.Sum, P("list", ArgKind.NumericList)),
            S(ResultRule.OfLambda, (Aggregate)Functions.Sum, List, P("x => value", ArgKind.NumericSelector))),
        F("min", "the smallest value (an error for an empty list)",
            S(ResultRule.ElementOfFirst, (Aggregate)Functions.Min, P("list", ArgKind.OrderedList)),
            S(ResultRule.OfLambda, (Aggregate)Functions.Min, List, P("x => value", ArgKind.OrderedSelector)),
            S(ResultRule.OfValues, (Aggregate)Functions.Min, P("a, b, …", ArgKind.Ordered))),
        F("max", "the largest value (an error for an empty list)",
            S(ResultRule.ElementOfFirst, (Aggregate)Functions.Max, P("list", ArgKind.OrderedList)),
            S(ResultRule.OfLambda, (Aggregate)Functions.Max, List, P("x => value", ArgKind.OrderedSelector)),
            S(ResultRule.OfValues, (Aggregate)Functions.Max, P("a, b, …", ArgKind.Ordered))),
        F("avg", "the mean of numbers, sizes or durations (an error for an empty list)",
            S(ResultRule.ElementOfFirst, (Aggregate)Functions.Avg, P("list", ArgKind.NumericList)),
            S(ResultRule.OfLambda, (Aggregate)Functions.Avg, List, P("x => value", ArgKind.NumericSelector))),
        F("exists", "true when the fact is present (the only way to ask without making the item an error)",
            S(IqType.Bool, (Unary)Functions.Exists, P("fact path", ArgKind.FactPath))),
        F("version", "a version read from a string, in the scheme of what it meets, or in the named one (dpkg, rpm, pep440, semver, generic; docs: Versions); a literal is checked when the checklist compiles",
            C(IqType.Version, (Unary)Functions.Version, a => IqVersion.TryParse(a[0] as string, out var v) ? v : null, Str),
            C(IqType.Version, (Binary)Functions.VersionIn, FoldVersionIn, Str, P("\"scheme\"", ArgKind.SchemeName))),
        F("date", "a date read from an ISO 8601 string; a literal is checked when the checklist compiles",
            C(IqType.Date, (Unary)Functions.Date, a => a[0] is string s && Functions.TryDate(s, out var d) ? d : null, Str)),
        F("len", "the number of characters of a string, or of elements of a list",
            S(IqType.Number, (Unary)Functions.Len, P("string or list", ArgKind.StringOrList))),
        F("lower", "the string in lower case", S(IqType.String, (Unary)Functions.Lower, Str)),
        F("upper", "the string in upper case", S(IqType.String, (Unary)Functions.Upper, Str)),
        F("trim", "the string without leading and trailing white space", S(IqType.String, (Unary)Functions.Trim, Str)),
        F("contains", "true when the first string contains the second (case-sensitive)",
            S(IqType.Bool, (Binary)Functions.Contains, Str, Str)),
        F("starts_with", "true when the first string starts with the second", S(IqType.Bool, (Binary)Functions.StartsWith, Str, Str)),
        F("ends_with", "true when the first string ends with the second", S(IqType.Bool, (Binary)Functions.EndsWith, Str, Str)),
        F("days_since", "whole days from a date to the evaluation time (--as-of)",
            S(IqType.Number, (Func<object?, DateTimeOffset, object?>)Functions.DaysSince, P("date", ArgKind.Date))),
        F("round", "a number rounded half away from zero, to 0–15 digits after the point",
            S(IqType.Number, (Binary)Functions.Round, P("number", ArgKind.Number)),
            S(IqType.Number, (Binary)Functions.Round, P("number", ArgKind.Number), P("digits", ArgKind.Number))),
        F("abs", "the absolute value", S(ResultRule.FirstArgument, (Unary)Functions.Abs, P("number, size or duration", ArgKind.Numeric))),
        F("if", "then when the condition is true, else when it is false; only that branch is evaluated",
            S(ResultRule.SameBranches, (Func<object?, Func<object?>, Func<object?>, object?>)Functions.If,
                P("condition", ArgKind.Bool), P("then", ArgKind.Lazy), P("else", ArgKind.Lazy))),
        F("passed", "true when the item passed, false when it failed; missing evidence otherwise (the item is evaluated first)",
            S(IqType.Bool, (Func<ItemOutcomeFact, object?>)ItemOutcomeFact.Passed, P("\"item id\"", ArgKind.ItemId))),
        F("outcome", "the item's outcome as a string: \"pass\", \"fail\", \"error\" … (the item is evaluated first)",
            S(IqType.String, (Func<ItemOutcomeFact, object?>)ItemOutcomeFact.OutcomeName, P("\"item id\"", ArgKind.ItemId))),
    ];

    static readonly Dictionary<string, FunctionDecl> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>version("1:2.3-1", "dpkg") of literals: parsed in that scheme now; a text that does not parse is an error
    /// naming it and why.</summary>
    static object? FoldVersionIn(object?[] a)
    {
        var scheme = Versions.VersionSchemes.ByName[(string)a[1]!];
        return IqVersion.In((string)a[0]!, scheme, out var why)
            ?? throw new EvaluationException($"Not a {scheme.Name} version: \"{a[0]}\" ({why})");
    }

    public static FunctionDecl? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The one-argument conversion to a type (<c>version(string)</c>), for a string compared with a version.</summary>
    public static Signature ConversionTo(IqType type) =>
        All.SelectMany(f => f.Signatures).First(s => s.Fold is not null && s.Returns == type && s.Params.Count == 1);

    /// <summary>The functions that take a lambda, for the message about a lambda anywhere else.</summary>
    public static IEnumerable<string> LambdaFunctions => All.Where(f => f.Signatures.Any(s => s.Params.Any(p => p.IsLambda))).Select(f => f.Name);

    /// <summary>The table of docs/language.md, generated so that it cannot drift from the binder.</summary>
    public static string MarkdownTable()
    {
        var sb = new System.Text.StringBuilder("| function | forms | gives |\n|---|---|---|\n");
        foreach (var f in All)
            sb.Append($"| `{f.Name}` | {string.Join("<br>", f.Signatures.Select(s => $"`{s.Usage}`"))} | {f.Description} |\n");
        return sb.ToString();
    }
}
