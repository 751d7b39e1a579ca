using System.Globalization;

namespace Iq.Rules.Runtime;

/// <summary>The built-in functions, called by compiled expression trees; each is declared, with its signatures, in
/// <see cref="Builtins.FunctionRegistry"/>. Missing inputs give missing results; over lists, a missing element decides
/// nothing that the others already decide (Kleene logic).</summary>
public static class Functions
{
    static object?[] List(object? v, string fn) => v as object?[] ?? throw new EvaluationException($"type mismatch: {fn}() needs a list, got {Ops.Describe(v)}");

    public static object? Count(object? list) => list is Missing ? list : (double)List(list, "count").Length;

    public static object? CountWhere(object? list, Func<object?, object?> predicate)
    {
        if (list is Missing) return list;
        var n = 0;
        foreach (var e in List(list, "count"))
        {
            var r = predicate(e);
            if (r is Missing) return r;
            if (r is true) n++;
        }
        return (double)n;
    }

    /// <summary>Over an empty list nothing is verified: missing evidence naming the list, never a vacuous true (a requirement
    /// that every document matches is not met by having no documents). <c>none(list, x => not …)</c> says "no element
    /// offends", where an empty list is fine.</summary>
    public static object? All(object? list, Func<object?, object?> predicate, ArgumentPath path)
    {
        if (list is Missing) return list;
        var items = List(list, "all");
        if (items.Length == 0) return new Missing(path.Path, Absence.EmptyList);
        object? missing = null;
        foreach (var e in items)
        {
            var r = predicate(e);
            if (r is false) return Ops.False;
            if (r is Missing) missing ??= r;
        }
        return missing ?? Ops.True;
    }

    public static object? Any(object? list, Func<object?, object?> predicate)
    {
        if (list is Missing) return list;
        object? missing = null;
        foreach (var e in List(list, "any"))
        {
            var r = predicate(e);
            if (r is true) return Ops.True;
            if (r is Missing) missing ??= r;
        }
        return missing ?? Ops.False;
    }

    /// <summary>The first element for which the predicate holds; none is missing evidence, so an item reading it errors.</summary>
    public static object? First(object? list, Func<object?, object?> predicate, ArgumentPath path)
    {
        if (list is Missing) return list;
        foreach (var e in List(list, "first"))
        {
            var r = predicate(e);
            if (r is Missing) return r;
            if (r is true) return e;
        }
        return new Missing(path.Path, Absence.NoMatch, "first");
    }

    public static object? NonEmpty(object? list) => list is Missing ? list : Ops.Bool(List(list, "any").Length > 0);

    public static object? None(object? list, Func<object?, object?> predicate) => Ops.Not(Any(list, predicate));

    static IEnumerable<object?> Select(object?[] list, Func<object?, object?>? selector) =>
        selector is null ? list : list.Select(selector);

    public static object? Sum(object? list, Func<object?, object?>? selector = null)
    {
        if (list is Missing) return list;
        var total = 0d;
        foreach (var v in Select(List(list, "sum"), selector))
        {
            if (v is Missing) return v;
            total += v as double? ?? throw new EvaluationException($"type mismatch: sum() needs numbers, got {Ops.Describe(v)}");
        }
        return total;
    }

    public static object? Avg(object? list, Func<object?, object?>? selector = null)
    {
        if (list is Missing) return list;
        var items = List(list, "avg");
        if (items.Length == 0) throw new EvaluationException("avg() of an empty list");
        var sum = Sum(list, selector);
        return sum is Missing ? sum : (double)sum! / items.Length;
    }

    public static object? Min(object? list, Func<object?, object?>? selector = null) => Extreme(list, selector, "min", -1);
    public static object? Max(object? list, Func<object?, object?>? selector = null) => Extreme(list, selector, "max", 1);

    static object? Extreme(object? list, Func<object?, object?>? selector, string fn, int sign)
    {
        if (list is Missing) return list;
        var items = List(list, fn);
        if (items.Length == 0) throw new EvaluationException($"{fn}() of an empty list");
        object? best = null;
        foreach (var v in Select(items, selector))
        {
            if (v is Missing) return v;
            if (best is null || Math.Sign(Ops.Compare(v, best, fn)) == sign) best = v;
        }
        return best;
    }

    public static object Exists(object? v) => Ops.Bool(v is not (Missing or null));

    public static IqVersion ToVersion(string s) =>
        IqVersion.TryParse(s, out var v) ? v : throw new EvaluationException($"not a version: \"{s}\"");

    public static DateTimeOffset ToDate(string s) => TryDate(s, out var d) ? d : throw new EvaluationException($"not a date: \"{s}\"");

    public static bool TryDate(string s, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    public static object? Version(object? v) => v switch
    {
        Missing or IqVersion => v,
        string s => ToVersion(s),
        _ => throw new EvaluationException($"type mismatch: version() needs a string, got {Ops.Describe(v)}"),
    };

    /// <summary>version(text, "dpkg"): the text read in a named scheme (the binder checked the name); a text that
    /// does not parse in it is an error naming the text.</summary>
    public static object? VersionIn(object? v, object? scheme)
    {
        var s = Versions.VersionSchemes.ByName[(string)scheme!];
        return v switch
        {
            Missing => v,
            IqVersion x when x.Scheme == s => x,
            IqVersion or string => IqVersion.In(v.ToString()!, s, out var error)
                ?? throw new EvaluationException($"not a {s.Name} version: \"{v}\" ({error})"),
            _ => throw new EvaluationException($"type mismatch: version() needs a string, got {Ops.Describe(v)}"),
        };
    }

    public static object? Date(object? v) => v switch
    {
        Missing or DateTimeOffset => v,
        string s => ToDate(s),
        _ => throw new EvaluationException($"type mismatch: date() needs a string, got {Ops.Describe(v)}"),
    };

    public static object? Len(object? v) => v switch
    {
        Missing => v,
        string s => (double)s.Length,
        object?[] l => (double)l.Length,
        _ => throw new EvaluationException($"type mismatch: len() needs a string or list, got {Ops.Describe(v)}"),
    };

    static string Str(object? v, string fn) => v as string ?? throw new EvaluationException($"type mismatch: {fn}() needs a string, got {Ops.Describe(v)}");

    public static object? Lower(object? v) => v is Missing ? v : Str(v, "lower").ToLowerInvariant();
    public static object? Upper(object? v) => v is Missing ? v : Str(v, "upper").ToUpperInvariant();
    public static object? Trim(object? v) => v is Missing ? v : Str(v, "trim").Trim();

    public static object? Contains(object? a, object? b) =>
        a is Missing ? a : b is Missing ? b : Ops.Bool(Str(a, "contains").Contains(Str(b, "contains"), StringComparison.Ordinal));

    public static object? StartsWith(object? a, object? b) =>
        a is Missing ? a : b is Missing ? b : Ops.Bool(Str(a, "starts_with").StartsWith(Str(b, "starts_with"), StringComparison.Ordinal));

    public static object? EndsWith(object? a, object? b) =>
        a is Missing ? a : b is Missing ? b : Ops.Bool(Str(a, "ends_with").EndsWith(Str(b, "ends_with"), StringComparison.Ordinal));

    public static object? DaysSince(object? v, DateTimeOffset now)
    {
        var d = Date(v);
        return d is Missing ? d : Math.Floor((now - (DateTimeOffset)d!).TotalDays);
    }

    public static object? Round(object? v, object? digits = null)
    {
        if (v is Missing) return v;
        if (digits is Missing) return digits;
        var n = v as double? ?? throw new EvaluationException($"type mismatch: round() needs a number, got {Ops.Describe(v)}");
        var d = digits as double? ?? 0;
        return Math.Round(n, (int)Math.Clamp(d, 0, 15), MidpointRounding.AwayFromZero);
    }

    public static object? Abs(object? v) => v switch
    {
        Missing => v,
        double d => Math.Abs(d),
        _ => throw new EvaluationException($"type mismatch: abs() needs a number, got {Ops.Describe(v)}"),
    };

    /// <summary>Only the chosen branch runs; a missing (or, from an <c>any</c> fact, non-bool) condition is the result.</summary>
    public static object? If(object? condition, Func<object?> then, Func<object?> otherwise) =>
        Ops.IsTrue(condition) ? then() : Ops.IsFalse(condition) ? otherwise() : condition;
}
