using Iq.Rules.Binding;

namespace Iq.Rules.Runtime;

/// <summary>What a condition, or one part of it, compared: the part's text, what the facts held (<see cref="Actual"/>),
/// what the checklist expected (<see cref="Expected"/>: the operator and the other side, <c>&gt;= 64</c>), the operator,
/// and whether the part held. Recorded for every evaluated comparison and term of a condition, passes too; an
/// <c>all</c>/<c>any</c>/<c>none</c> names the first elements that failed it and how many did. The texts are formatted
/// when first read, so a passing audit pays for evidence only where a report shows it.</summary>
public sealed class Evidence
{
    /// <summary>How many failing elements an <c>all</c>/<c>any</c>/<c>none</c> names (the count says how many in all).</summary>
    public const int FirstFailing = 3;

    readonly object? _actual, _expected;
    readonly IqType _actualType = IqType.Any, _expectedType = IqType.Any;
    string? _actualText, _expectedText;

    public Evidence(string expression, string actual, string expected)
    {
        Expression = expression;
        _actualText = actual;
        _expectedText = expected;
    }

    /// <summary>A comparison: <paramref name="actual"/> <paramref name="op"/> <paramref name="expected"/>, formatted by their types.</summary>
    internal Evidence(string expression, string op, object? actual, IqType actualType, object? expected, IqType expectedType, bool? holds)
    {
        Expression = expression;
        Operator = op;
        _actual = actual;
        _actualType = actualType;
        _expected = expected;
        _expectedType = expectedType;
        Holds = holds;
    }

    /// <summary>An <c>all</c>/<c>any</c>/<c>none</c> over <paramref name="total"/> elements of which <paramref name="held"/>
    /// held the condition (<see cref="Failing"/>, <see cref="FailingCount"/> and <see cref="Operator"/> set by the caller);
    /// its actual text is formatted when first read.</summary>
    internal Evidence(string expression, int total, int held, bool missing)
    {
        Expression = expression;
        _expectedText = "true";
        _quantified = (total, held, missing);
    }

    readonly (int Total, int Held, bool Missing)? _quantified;

    public string Expression { get; }
    public string Actual => _actualText ??= _quantified is var (total, held, missing) ? Quantified(total, held, missing)
        : ValueFormatter.Format(_actual, _actualType) + (Counted is var (names, type) ? " " + ValueFormatter.Format(names, type) : "");

    string Quantified(int total, int held, bool missing)
    {
        if (missing) return "missing";
        if (FailingCount == 0) return Operator == "none" ? $"true: none of {total} holds" : $"true: {held} of {total} hold";
        var which = string.Join(", ", Failing) + (FailingCount > Failing.Count ? ", …" : "");
        return Operator switch
        {
            "all" => $"false: {FailingCount} of {total} fail ({which})",
            "any" => $"false: none of {total} holds ({which})",
            _ => $"false: {FailingCount} of {total} hold ({which})",
        };
    }

    /// <summary>Versions say by which scheme they were ordered (<c>&gt;= 1.2-1 (dpkg)</c>).</summary>
    public string Expected => _expectedText ??= $"{Operator} {ValueFormatter.Format(_expected, _expectedType)}"
        + (IqVersion.OrderUsed(_actual, _expected) is { } order ? $" ({order})" : "");

    /// <summary>For <c>count(names) OP n</c>: the names counted, shown after the count.</summary>
    internal (object?[] Names, IqType Type)? Counted { get; init; }

    /// <summary><c>==</c>, <c>&gt;=</c>, <c>in</c> … for a comparison; <c>all</c>, <c>any</c>, <c>none</c> for a quantifier;
    /// null for any other term (a bool fact, <c>exists()</c>, a whole condition), whose expected value is <c>true</c>.</summary>
    public string? Operator { get; init; }

    /// <summary>Whether the part held: true, false, or null when it could not be decided (missing evidence).</summary>
    public bool? Holds { get; init; }

    /// <summary>The first elements (at most <see cref="FirstFailing"/>) that made an <c>all</c>/<c>any</c>/<c>none</c>
    /// fail, by name.</summary>
    public IReadOnlyList<string> Failing { get; init; } = [];

    /// <summary>How many elements failed it in all.</summary>
    public int FailingCount { get; init; }

    public override string ToString() => $"{Expression}: actual {Actual}, expected {Expected}";
}
