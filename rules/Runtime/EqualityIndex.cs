namespace Iq.Rules.Runtime;

/// <summary>A list's elements by the value of one member, built once per evaluation, so that
/// <c>any(plan.staff, p =&gt; p.role == role)</c> inside a <c>foreach</c> or another quantifier is a lookup, not a scan of
/// the list per row (20,000 RACI rows against 20,000 staff were 400 million predicate calls). The answer is the scan's
/// answer, Kleene logic and errors included: the index is used only where every member value is a string, number, bool
/// or missing (equality of those is plain); otherwise, and for any case it does not decide alone, the scan runs.</summary>
public sealed class EqualityIndex
{
    readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    readonly Dictionary<double, int> _numbers = [];
    readonly int[] _bools = [-1, -1];
    /// <summary>Per kind (string, number, bool): the first element whose value is of another kind and not missing, where
    /// the scan would stop with a type mismatch.</summary>
    readonly int[] _firstOther = [-1, -1, -1];
    readonly object? _firstValue;

    /// <summary>False when a value is of a kind the index does not hold (a version, a date, a list, an object), or a
    /// member could not be read: the scan decides.</summary>
    public bool Usable { get; }
    public object? FirstMissing { get; }

    EqualityIndex(object?[] list, string member, Missing missing)
    {
        var firstOfKind = new[] { -1, -1, -1 };
        for (var i = 0; i < list.Length; i++)
        {
            object? v;
            try { v = Ops.Member(list[i], member, missing); }
            catch (EvaluationException) { return; }
            if (i == 0) _firstValue = v;
            var kind = v switch { string => 0, double => 1, bool => 2, Missing => 3, _ => -1 };
            if (kind < 0) return;
            if (kind == 3) { FirstMissing ??= v; continue; }
            if (firstOfKind[kind] < 0) firstOfKind[kind] = i;
            switch (v)
            {
                case string s: _strings.TryAdd(s, i); break;
                // 0 and -0 compare equal; NaN compares equal to NaN (double.CompareTo), as Dictionary's double keys do.
                case double d: _numbers.TryAdd(d == 0 ? 0d : d, i); break;
                case bool b: if (_bools[b ? 1 : 0] < 0) _bools[b ? 1 : 0] = i; break;
            }
        }
        for (var k = 0; k < 3; k++)
            _firstOther[k] = firstOfKind.Where((at, other) => other != k && at >= 0).DefaultIfEmpty(-1).Min();
        Usable = true;
    }

    /// <summary><c>any(list, x =&gt; x.member == value)</c> (or <c>value == x.member</c>), with the index the run keeps for
    /// this list and member. <paramref name="predicate"/> is the lambda as written: the scan, where the index does not
    /// decide, and the way to raise the scan's own error at the element where it would stop; <paramref name="valueFirst"/>
    /// when the value is the left operand.</summary>
    public static object? AnyEqual(AuditRun run, object? list, string member, Missing missing, Func<object?> value, bool valueFirst,
        Func<object?, object?> predicate)
    {
        if (!run.EqualityIndexes || list is not object?[] { Length: > 0 } items) return Functions.Any(list, predicate);
        var index = run.IndexOf(items, member, missing);
        if (!index.Usable) return Functions.Any(list, predicate);
        object? v;
        try { v = value(); }
        catch (EvaluationException) { return Functions.Any(list, predicate); }
        AuditRun.Step(run);
        if (v is Missing)
            // Every comparison is missing, and any() keeps the first: the left operand's when it is missing.
            return !valueFirst && index._firstValue is Missing ? index._firstValue : v;
        var (kind, at) = v switch
        {
            string s => (0, index._strings.GetValueOrDefault(s, -1)),
            double d => (1, index._numbers.GetValueOrDefault(d == 0 ? 0d : d, -1)),
            bool b => (2, index._bools[b ? 1 : 0]),
            _ => (-1, -1),
        };
        if (kind < 0) return Functions.Any(list, predicate);
        var mismatch = index._firstOther[kind];
        // The scan stops at the first element equal to the value, or at the first it cannot compare with it.
        if (mismatch >= 0 && (at < 0 || mismatch < at)) return predicate(items[mismatch]);
        return at >= 0 ? Ops.True : index.FirstMissing ?? Ops.False;
    }

    internal static EqualityIndex Build(object?[] list, string member, Missing missing) => new(list, member, missing);
}
