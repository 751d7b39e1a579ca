using System.Globalization;
using System.Text.RegularExpressions;

namespace Iq.Rules.Runtime;

/// <summary>The operators, as plain static methods the compiled expression trees call. Values are
/// <c>object?</c>; a <see cref="Missing"/> operand makes the result missing (Kleene logic for and/or).
/// The binder has checked types already; the checks here guard <c>any</c> facts only.</summary>
public static class Ops
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Bool(bool b) => b ? True : False;
    public static bool IsFalse(object? v) => v is false;
    public static bool IsTrue(object? v) => v is true;

    public static object? Member(object? target, string name, Missing missing) => target switch
    {
        Missing => target,
        FactObject o => o.TryGet(name, out var v) && v is not null ? v : missing,
        null => missing,
        _ => throw new EvaluationException($"type mismatch: {missing.Path} reads a member of {Describe(target)}"),
    };

    public static object? Index(object? target, object? index, string path)
    {
        if (target is Missing) return target;
        if (index is Missing) return index;
        switch (target, index)
        {
            case (FactObject o, string key):
                return o.TryGet(key, out var v) && v is not null ? v : new Missing($"{path}[\"{key}\"]");
            case (object?[] list, double d):
                var i = (int)d;
                return i == d && i >= 0 && i < list.Length && list[i] is { } e ? e : new Missing($"{path}[{Format(d)}]");
            default:
                throw new EvaluationException($"type mismatch: cannot index {Describe(target)} with {Describe(index)}");
        }
    }

    public static object Not(object? v) => v switch { Missing => v, bool b => Bool(!b), _ => throw Mismatch("not", v) };

    /// <summary>The right side of <c>and</c> once the left is known not to be false.</summary>
    public static object? AndRest(object? left, object? right)
    {
        if (right is false) return False;
        if (left is Missing) return left;
        if (right is Missing) return right;
        return right is bool && left is bool ? True : throw Mismatch("and", left is bool ? right : left);
    }

    /// <summary>The right side of <c>or</c> once the left is known not to be true.</summary>
    public static object? OrRest(object? left, object? right)
    {
        if (right is true) return True;
        if (left is Missing) return left;
        if (right is Missing) return right;
        return right is bool && left is bool ? False : throw Mismatch("or", left is bool ? right : left);
    }

    public static object? Eq(object? a, object? b) => a is Missing ? a : b is Missing ? b
        : a is object?[] x && b is object?[] y ? ListEq(x, y, "==") : Bool(Compare(a, b, "==") == 0);
    public static object? Ne(object? a, object? b) => a is Missing ? a : b is Missing ? b
        : a is object?[] x && b is object?[] y ? Not(ListEq(x, y, "!=")) : Bool(Compare(a, b, "!=") != 0);

    /// <summary>Lists are equal when they have the same length and equal elements in order (a shape, a set of
    /// names); a missing element makes it unknown. Elements that can never be equal by kind (a number beside a name,
    /// <c>[1] == ["1"]</c>) are an error naming both and where they stand, checked before the lengths: a silent false
    /// would fail an <c>==</c> and pass a <c>!=</c> on a checklist's typo.</summary>
    static object ListEq(object?[] x, object?[] y, string op)
    {
        CheckKinds(x, y, op, "");
        return ListEq(x, y);
    }

    static object ListEq(object?[] x, object?[] y)
    {
        if (x.Length != y.Length) return False;
        foreach (var (a, b) in x.Zip(y))
        {
            if (a is Missing) return a;
            if (b is Missing) return b;
            if (a is object?[] la && b is object?[] lb) { if (ListEq(la, lb) is not true and var r) return r; continue; }
            if (a is null || b is null) return False;
            if (Compare(a, b, "==") != 0) return False;
        }
        return True;
    }

    /// <summary>Each pair of elements both lists have must be of kinds <see cref="Compare"/> can compare for equality.</summary>
    static void CheckKinds(object?[] x, object?[] y, string op, string at)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var (a, b) = (x[i], y[i]);
            if (a is Missing or null || b is Missing or null) continue;
            if (a is object?[] la && b is object?[] lb) { CheckKinds(la, lb, op, $"{at}[{i}]"); continue; }
            if (!Comparable(a, b))
                throw new EvaluationException($"type mismatch: cannot compare {Describe(a)} with {Describe(b)} using '{op}' (element {at}[{i}] of the lists)");
        }
    }

    /// <summary>The kinds <see cref="Compare"/> takes for <c>==</c> (a string beside a version or date is read as one).</summary>
    static bool Comparable(object a, object b) => (a, b) switch
    {
        (double, double) or (string, string) or (bool, bool) or (IqVersion, IqVersion) or (DateTimeOffset, DateTimeOffset) => true,
        (IqVersion or DateTimeOffset, string) or (string, IqVersion or DateTimeOffset) => true,
        _ => false,
    };
    public static object? Lt(object? a, object? b) => a is Missing ? a : b is Missing ? b : Bool(Compare(a, b, "<") < 0);
    public static object? Le(object? a, object? b) => a is Missing ? a : b is Missing ? b : Bool(Compare(a, b, "<=") <= 0);
    public static object? Gt(object? a, object? b) => a is Missing ? a : b is Missing ? b : Bool(Compare(a, b, ">") > 0);
    public static object? Ge(object? a, object? b) => a is Missing ? a : b is Missing ? b : Bool(Compare(a, b, ">=") >= 0);

    public static int Compare(object? a, object? b, string op) => (a, b) switch
    {
        (double x, double y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        // in looks for a bool in a list of bools as == does (a bool fact of no declared type, custom.flag in [true, false]).
        (bool x, bool y) when op is "==" or "!=" or "in" => x.CompareTo(y),
        (IqVersion x, IqVersion y) => x.CompareTo(y),
        // A string beside a version is read in that version's scheme.
        (IqVersion x, string y) => x.CompareTo(new IqVersion(y, null)),
        (string x, IqVersion y) => new IqVersion(x, null).CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (DateTimeOffset x, string y) => x.CompareTo(Functions.ToDate(y)),
        (string x, DateTimeOffset y) => Functions.ToDate(x).CompareTo(y),
        _ => throw new EvaluationException($"type mismatch: cannot compare {Describe(a)} with {Describe(b)} using '{op}'"),
    };

    public static object? Add(object? a, object? b) => (a, b) switch
    {
        (Missing, _) => a,
        (_, Missing) => b,
        (double x, double y) => x + y,
        (string x, string y) => x + y,
        _ => throw Mismatch("+", a, b),
    };

    public static object? Sub(object? a, object? b) => (a, b) switch
    {
        (Missing, _) => a,
        (_, Missing) => b,
        (double x, double y) => x - y,
        (DateTimeOffset x, DateTimeOffset y) => (x - y).TotalMilliseconds,
        _ => throw Mismatch("-", a, b),
    };

    public static object? Mul(object? a, object? b) => (a, b) switch
    {
        (Missing, _) => a,
        (_, Missing) => b,
        (double x, double y) => x * y,
        _ => throw Mismatch("*", a, b),
    };

    public static object? Div(object? a, object? b) => (a, b) switch
    {
        (Missing, _) => a,
        (_, Missing) => b,
        (double, 0d) => throw new EvaluationException("division by zero"),
        (double x, double y) => x / y,
        _ => throw Mismatch("/", a, b),
    };

    public static object? Neg(object? a) => a switch { Missing => a, double x => -x, _ => throw Mismatch("-", a) };

    public static object? In(object? item, object? collection)
    {
        if (item is Missing) return item;
        if (collection is Missing) return collection;
        switch (collection)
        {
            case object?[] list:
                Missing? missing = null;
                foreach (var e in list)
                {
                    if (e is Missing m) { missing ??= m; continue; }
                    if (e is not null && Compare(item, e, "in") == 0) return True;
                }
                return missing ?? False;
            case string s when item is string sub:
                return Bool(s.Contains(sub, StringComparison.Ordinal));
            case FactObject map when item is string key:
                return Bool(map.TryGet(key, out var v) && v is not null);
            default:
                throw new EvaluationException($"type mismatch: cannot look for {Describe(item)} in {Describe(collection)}");
        }
    }

    /// <summary>Matches that may time out in one evaluation before the rest are not tried: a pattern that backtracks badly
    /// over a list of a thousand facts must not cost a thousand timeouts.</summary>
    public const int MaxRegexTimeouts = 3;

    public static object? Matches(object? input, Regex pattern, AuditRun run)
    {
        if (input is Missing) return input;
        if (input is not string s) throw Mismatch("matches", input);
        if (Volatile.Read(ref run.RegexTimeouts) >= MaxRegexTimeouts)
            throw new EvaluationException($"regular expression /{pattern}/ not tried: {MaxRegexTimeouts} matches timed out already in this evaluation");
        try { return Bool(pattern.IsMatch(s)); }
        catch (RegexMatchTimeoutException)
        {
            Interlocked.Increment(ref run.RegexTimeouts);
            throw new EvaluationException($"regular expression /{pattern}/ timed out after {pattern.MatchTimeout.TotalMilliseconds} ms");
        }
    }

    static EvaluationException Mismatch(string op, object? a, object? b) =>
        new($"type mismatch: cannot apply '{op}' to {Describe(a)} and {Describe(b)}");

    static EvaluationException Mismatch(string op, object? a) => new($"type mismatch: '{op}' cannot take {Describe(a)}");

    public static string Describe(object? v) => v switch
    {
        null => "nothing",
        double d => $"number {Format(d)}",
        string s => $"string \"{s}\"",
        bool b => b ? "true" : "false",
        IqVersion ver => $"version {ver}",
        DateTimeOffset t => $"date {t:yyyy-MM-dd}",
        object?[] => "a list",
        FactObject => "an object",
        Missing m => m.ToString(),
        _ => v.GetType().Name,
    };

    public static string Format(double d) => d.ToString("0.############", CultureInfo.InvariantCulture);
}
