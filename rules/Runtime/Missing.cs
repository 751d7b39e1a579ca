namespace Iq.Rules.Runtime;

/// <summary>Why a value is missing: the fact is null or not in its document, no document of its kind was given,
/// a probe found it absent or failed, an item it depends on was not decided, a script returned nothing, a part
/// of a failed condition could not be evaluated for its evidence, or no element of a list matched (<c>first</c>).
/// NotApplicable: a document says the fact does not apply (the plan's <c>{"not_applicable": "why"}</c>), the reason as
/// the detail; an item resting on it is then <c>notapplicable</c> with that reason, not an error.</summary>
public enum Absence { NoValue, NoDocument, Absent, ProbeError, ItemNotDecided, NoResult, Undecidable, NoMatch, NotApplicable, EmptyList }

/// <summary>The value of a fact that is absent. It flows through operators (three-valued logic) so that
/// an item whose evidence is missing ends as <c>error</c>, never as pass or fail. A value, never an exception:
/// it says which fact (<see cref="Path"/>), why (<see cref="Cause"/>) and the detail that goes with the cause.</summary>
public sealed class Missing(string path, Absence cause = Absence.NoValue, string? detail = null)
{
    /// <summary>The fact path (<c>env.cpu.logical_cores</c>), or the item id for <see cref="Absence.ItemNotDecided"/>.</summary>
    public string Path { get; } = path;
    public Absence Cause { get; } = cause;

    /// <summary>The document kind (NoDocument), the probe's reason (Absent, ProbeError), the item's outcome
    /// (ItemNotDecided), what went wrong (NoResult, Undecidable), or the function that found no match (NoMatch); none for
    /// an all() over an empty list (EmptyList: nothing was verified, so nothing holds).</summary>
    public string? Detail { get; } = detail;

    /// <summary>The probe's reason as a catalog message (the document's <c>$code</c> and <c>$args</c>), rendered in the
    /// report's language; null when the document gave only the text (<see cref="Detail"/>, its English words).</summary>
    public Messages.MessageText? Text { get; init; }

    /// <summary>The detail in a language: the catalog message when there is one, else the stored text.</summary>
    public string? DetailIn(Messages.Lang lang) => Text is { } text ? text.Render(lang) : Detail;

    public static Missing NoDocument(string root, string kind) => new(root, Absence.NoDocument, kind);

    /// <summary>The reason a document gives for the fact not applying; null unless <see cref="Absence.NotApplicable"/>.</summary>
    public string? NotApplicable => Cause == Absence.NotApplicable ? Detail : null;

    /// <summary>The evidence that is missing, in words: <c>env.security.apparmor (absent: not in this kernel)</c>.</summary>
    public string Describe(Messages.Lang lang = Messages.Lang.En) => Cause switch
    {
        Absence.NoDocument => Messages.Msg.MissingNoDocument.With(Path, Detail).Render(lang),
        Absence.Absent => Messages.Msg.MissingAbsent.With(Path, DetailIn(lang)).Render(lang),
        Absence.ProbeError => Messages.Msg.MissingProbeError.With(Path, DetailIn(lang)).Render(lang),
        // The outcome as results files name it in English, the reports' outcome word in Chinese (as the yaml had it).
        Absence.ItemNotDecided => Messages.Msg.MissingItemNotDecided.With(Path,
            lang != Messages.Lang.En && OutcomeNames.Parse(Detail ?? "") is { } o ? Messages.Msg.OutcomeWord(o).Text.Render(lang) : Detail).Render(lang),
        Absence.NoResult or Absence.Undecidable => Detail ?? Path,
        Absence.NoMatch => Messages.Msg.MissingNoMatch.With(Detail, Path).Render(lang),
        Absence.NotApplicable => Messages.Msg.MissingNotApplicable.With(Path, Detail).Render(lang),
        Absence.EmptyList => Messages.Msg.MissingEmptyList.With(Path).Render(lang),
        _ => Path,
    };

    public override string ToString() => $"missing evidence: {Describe()}";
}
