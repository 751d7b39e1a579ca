using System.Globalization;
using Iq.Rules.Binding;
using Iq.Rules.Messages;

namespace Iq.Rules.Runtime;

/// <summary>What a condition, or one part of it, compared: the part's text, what the facts held (<see cref="Actual"/>),
/// what the checklist expected (<see cref="Expected"/>: the operator and the other side, <c>&gt;= 64</c>), the operator,
/// and whether the part held. Recorded for every evaluated comparison and term of a condition, passes too; an
/// <c>all</c>/<c>any</c>/<c>none</c> names the first elements that failed it and how many did. The texts are formatted
/// when first read, so a passing audit pays for evidence only where a report shows it. <see cref="Actual"/> and
/// <see cref="Expected"/> are English; where iq wrote words of its own into them (<c>missing</c>, <c>true: 3 of 5 hold</c>,
/// <c>(dpkg)</c> …) <see cref="ActualWords"/> and <see cref="ExpectedWords"/> hold the same text with those words as catalog
/// messages, which <see cref="ActualIn"/> and <see cref="ExpectedIn"/> render in a report's language. A part under a
/// <c>not</c> is expected to be false (<see cref="Negated"/>): <see cref="Holds"/> says whether it is as its condition needs
/// it, so that the parts of a passing row never show one that did not hold unless another part (an <c>or</c>) made up for it.</summary>
public sealed class Evidence
{
    /// <summary>How many failing elements an <c>all</c>/<c>any</c>/<c>none</c> names (the count says how many in all).</summary>
    public const int FirstFailing = 3;

    readonly object? _actual, _expected;
    readonly IqType _actualType = IqType.Any, _expectedType = IqType.Any;
    string? _actualText, _expectedText;

    /// <summary>Evidence as texts (read back from a results file, or formatted by the caller): iq's own words in them, if
    /// any, are given by <see cref="ActualWords"/> and <see cref="ExpectedWords"/>.</summary>
    public Evidence(string expression, string actual, string expected)
    {
        Expression = expression;
        _actualText = actual;
        _expectedText = expected;
        _actualWords = _expectedWords = NoWords;
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

    /// <summary>A term whose expected value is <c>true</c> (a bool fact, <c>exists()</c>, a whole condition that did not hold):
    /// its actual text, <paramref name="actual"/> formatted by its type, and that text's words are made when first read.
    /// Under a <c>not</c> (<paramref name="negated"/>) it is expected false.</summary>
    internal Evidence(string expression, object? actual, IqType actualType, bool? holds, bool negated)
    {
        Expression = expression;
        _actual = actual;
        _actualType = actualType;
        Negated = negated;
        _expectedText = negated ? "false" : "true";
        _expectedWords = NoWords;
        Holds = holds;
    }

    /// <summary>An <c>all</c>/<c>any</c>/<c>none</c> over <paramref name="total"/> elements of which <paramref name="held"/>
    /// held the condition (<see cref="Failing"/>, <see cref="FailingCount"/> and <see cref="Operator"/> set by the caller);
    /// its actual text is formatted when first read. Under a <c>not</c> (<paramref name="negated"/>) it is expected false.</summary>
    internal Evidence(string expression, int total, int held, bool missing, bool negated)
    {
        Expression = expression;
        Negated = negated;
        _expectedText = negated ? "false" : "true";
        _expectedWords = NoWords;
        _quantified = (total, held, missing);
    }

    readonly (int Total, int Held, bool Missing)? _quantified;

    public string Expression { get; }
    public string Actual => _actualText ??= _quantified is var (total, held, missing) ? Quantified(total, held, missing).Render(Lang.En)
        : ValueFormatter.Format(_actual, _actualType) + (Counted is var (names, type) ? " " + ValueFormatter.Format(names, type) : "")
          + (Where is { } where ? $" ({where})" : "");

    /// <summary>What an <c>all</c>/<c>any</c>/<c>none</c> found. Elements whose facts were missing were neither held nor
    /// failed: they are counted apart (<see cref="EvidenceWithout"/>), and when no other element decided the result its
    /// value is missing, not false.</summary>
    MixedText Quantified(int total, int held, bool missing)
    {
        if (missing) return new MixedText([Msg.EvidenceMissing.Text]);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string Which(IReadOnlyList<string> names, int count) => string.Join(", ", names) + (count > names.Count ? ", …" : "");
        var which = Which(Failing, FailingCount);
        var parts = new List<object>();
        // Over an empty list the value is the function's own (any: false; none: true; all: missing, nothing verified),
        // whatever the count would suggest.
        if (total == 0)
            return new MixedText([Msg.EvidenceListEmpty.With(Operator switch { "any" => "false", "none" => "true", _ => Msg.EvidenceMissing.Text })]);
        if (LackingCount > 0 && Holds is null)
        {
            parts.Add(Msg.EvidenceUndecided.With(N(held), N(total)));
            if (FailingCount > 0) parts.Add(Msg.EvidenceSomeFail.With(N(FailingCount), which));
        }
        else if (FailingCount == 0 && Operator == "any" && Held.Count > 0 && Read > 0)
            parts.Add(Msg.EvidenceAnyHoldsFirst.With(N(held), N(Read), N(total), Which(Held, held)));
        else if (FailingCount == 0 && Operator == "any" && Held.Count > 0) parts.Add(Msg.EvidenceAnyHolds.With(N(held), N(total), Which(Held, held)));
        else if (FailingCount == 0) parts.Add(Operator == "none" ? Msg.EvidenceNoneHolds.With(N(total)) : Msg.EvidenceAllHold.With(N(held), N(total)));
        else parts.Add(Operator switch
        {
            "all" => Msg.EvidenceAllFail.With(N(FailingCount), N(total), which),
            "any" => Msg.EvidenceAnyNone.With(N(total), which),
            _ => Msg.EvidenceNoneFail.With(N(FailingCount), N(total), which),
        });
        if (LackingCount > 0) parts.Add(Msg.EvidenceWithout.With(N(LackingCount), Which(Lacking, LackingCount)));
        return new MixedText(parts);
    }

    /// <summary>Versions say by which scheme they were ordered (<c>&gt;= 1.2-1 (dpkg order: …)</c>).</summary>
    public string Expected => _expectedText ??= $"{(Negated ? "not " : "")}{Operator} {ValueFormatter.Format(_expected, _expectedType)}"
        + (IqVersion.SchemeUsed(_actual, _expected) is { } scheme ? Msg.EvidenceOrder.With(scheme.Ordering.Text).Render(Lang.En) : "");

    /// <summary>Words not yet looked for are null; a text without words of iq's own is <see cref="NoWords"/>. One reference
    /// each, so that evidence read by several threads (the fleet) sees the words whole or looks for them again.</summary>
    static readonly MixedText NoWords = new([]);
    MixedText? _actualWords, _expectedWords;

    /// <summary><see cref="Actual"/> with iq's own words in it as messages; null when it has none (a plain value, the same
    /// in every language). Rendered in English it is <see cref="Actual"/>.</summary>
    public MixedText? ActualWords
    {
        get
        {
            var words = _actualWords ??= (_quantified is var (total, held, missing) ? Quantified(total, held, missing) : ComparedWords()) ?? NoWords;
            return ReferenceEquals(words, NoWords) ? null : words;
        }
        init => _actualWords = value ?? NoWords;
    }

    MixedText? ComparedWords()
    {
        var counted = Counted is var (names, _) && ValueFormatter.HasWords(names);
        if (!ValueFormatter.HasWords(_actual) && !counted) return null;
        var parts = new List<object>();
        ValueFormatter.AddWords(parts, _actual, _actualType);
        if (Counted is var (n, type))
        {
            parts.Add(" ");
            ValueFormatter.AddWords(parts, n, type);
        }
        if (Where is { } where) parts.Add($" ({where})");
        return MixedText.Of(parts);
    }

    /// <summary><see cref="Expected"/> with iq's own words in it as messages; null when it has none.</summary>
    public MixedText? ExpectedWords
    {
        get
        {
            var words = _expectedWords ??= ExpectedWordsOf() ?? NoWords;
            return ReferenceEquals(words, NoWords) ? null : words;
        }
        init => _expectedWords = value ?? NoWords;
    }

    MixedText? ExpectedWordsOf()
    {
        var scheme = IqVersion.SchemeUsed(_actual, _expected);
        if (!ValueFormatter.HasWords(_expected) && scheme is null) return null;
        var parts = new List<object> { $"{(Negated ? "not " : "")}{Operator} " };
        ValueFormatter.AddWords(parts, _expected, _expectedType);
        if (scheme is not null) parts.Add(Msg.EvidenceOrder.With(scheme.Ordering.Text));
        return MixedText.Of(parts);
    }

    /// <summary>The actual text in a language: iq's words in it rendered in that language, values as they are; in English
    /// exactly <see cref="Actual"/>.</summary>
    public string ActualIn(Lang lang) => lang == Lang.En || ActualWords is not { } words ? Actual : words.Render(lang);

    /// <summary>The expected text in a language; in English exactly <see cref="Expected"/>.</summary>
    public string ExpectedIn(Lang lang) => lang == Lang.En || ExpectedWords is not { } words ? Expected : words.Render(lang);

    /// <summary>The expression in a report's language: the checklist's own text, or a manual judgment's words
    /// (<see cref="Msg.JudgedExpression"/>, whose English a results file holds).</summary>
    public string ExpressionIn(Lang lang) => lang != Lang.En && Expression == Msg.JudgedExpression.En ? Msg.JudgedExpression.Zh : Expression;

    /// <summary><see cref="ActualIn"/> as text to render later (an argument of a message).</summary>
    public ILocalized ActualText => new InLanguage(this, true);

    /// <summary><see cref="ExpectedIn"/> as text to render later.</summary>
    public ILocalized ExpectedText => new InLanguage(this, false);

    sealed record InLanguage(Evidence Evidence, bool Actual) : ILocalized
    {
        public string Render(Lang lang) => Actual ? Evidence.ActualIn(lang) : Evidence.ExpectedIn(lang);
    }

    /// <summary>For <c>count(names) OP n</c>: the names counted, shown after the count.</summary>
    internal (object?[] Names, IqType Type)? Counted { get; init; }

    /// <summary>For a count of lines: which files and lines it counted (<c>/var/log/syslog:4, 9, 10</c>), shown after the
    /// count in every report; the same text in every language (a path and numbers).</summary>
    internal string? Where { get; init; }

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

    /// <summary>The first elements (at most <see cref="FirstFailing"/>) of an <c>all</c>/<c>any</c>/<c>none</c> whose facts
    /// were missing, so that they neither held nor failed it, by name.</summary>
    public IReadOnlyList<string> Lacking { get; init; } = [];

    /// <summary>How many elements lacked evidence in all.</summary>
    public int LackingCount { get; init; }

    /// <summary>For an <c>any</c> that held: the first elements (at most <see cref="FirstFailing"/>) that held it, each by
    /// name with what its condition compared (<c>ib0 (n.speed_mbps …: 100000 &gt;= 100000)</c>); the count held says how many
    /// in all, so that a list of thousands shows three.</summary>
    public IReadOnlyList<string> Held { get; init; } = [];

    /// <summary>For an <c>any</c> that stopped once decided (it had found the elements it names): how many elements it read
    /// of the list; 0 when it read them all.</summary>
    public int Read { get; init; }

    /// <summary>The part is under a <c>not</c> (an odd number of them): it holds, for its condition, when it is false, and
    /// its expected side says so (<c>false</c>; <c>not &gt;= 64</c>). <see cref="Holds"/> already takes it into account.</summary>
    public bool Negated { get; init; }

    /// <summary>False for a part that did not hold yet did not decide its condition: the other side of an <c>or</c> held
    /// (or, under a <c>not</c>, the other side of an <c>and</c> was false). Reports mark it as not deciding (<see cref="Mark"/>),
    /// never as a ✗ that a signer would read as a failed check. Decided once, where the row is built.</summary>
    public bool Decides { get; init; } = true;

    /// <summary>The part's mark in every report: ✓ held, ✗ did not hold, ? undecided, · did not decide the outcome.</summary>
    public string Mark => !Decides ? "·" : Holds switch { true => "✓", false => "✗", null => "?" };

    /// <summary>The part as one line of a report: its mark, then expression, actual and expected, and, for a part that did not
    /// decide, saying so.</summary>
    public ILocalized Line(Lang lang) => Localized.Concat(Msg.ReasonEvidence.With(ExpressionIn(lang), ActualText, ExpectedText),
        Decides ? Localized.Empty : Msg.EvidenceNotDeciding.Text);

    public override string ToString() => $"{Expression}: actual {Actual}, expected {Expected}";
}
