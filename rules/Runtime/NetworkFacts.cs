namespace Iq.Rules.Runtime;

// The facts a session of the checklist's NRules network holds. Rules match them by pattern; conditions and actions read
// them as the lowered expression trees' parameters.
// NRules finds a fact in its working memory by the fact's own equality: each of these is equal only to itself (reference
// equality, as object gives it), but hashes by its fields, fixed at creation. object.GetHashCode would give every new fact
// an identity hash in its header on first use (a runtime call), for each of the hundreds of facts a session inserts.

/// <summary>One fact document of the bundle, by its root (<c>env</c>, <c>plan</c> …). Every root of the schema is
/// inserted: a root no document supplies holds <see cref="Missing"/> (no document of its kind), so that the items reading
/// it still fire and end as <c>error</c> with that reason, never silently.</summary>
public sealed class DocumentFact(int root, string name, string kind, object? value)
{
    public readonly int Root = root;
    public readonly object? Value = value;
    public string Name { get; } = name;
    public string Kind { get; } = kind;
    public bool Present => Value is not Missing;
    public override int GetHashCode() => Root;
    public override string ToString() => Text.ToString();

    /// <summary>How <c>iq explain</c> shows the fact a row matched, in the reader's language.</summary>
    public Messages.MessageText Text => Present ? Messages.Msg.MatchedDocument.With(Name, Kind) : Messages.Msg.MatchedNoDocument.With(Name, Kind);
}

/// <summary>A <c>let</c>'s value, computed once per session by the let's rule; a let that could not be computed holds the
/// reason, thrown again (as the item's <c>error</c>) wherever it is read.</summary>
public sealed class LetFact(int index, string name, object? value, string? error)
{
    public readonly int Index = index;
    public string Name { get; } = name;
    public string? Error { get; } = error;

    public object? Value => Error is null ? value : throw new EvaluationException(Error);
    public object? Raw => value;
    public override int GetHashCode() => Index;
    public override string ToString() => Text.ToString();

    /// <summary>How <c>iq explain</c> shows the let a row matched (the error, if any, as the evaluator wrote it).</summary>
    public Messages.MessageText Text => Error is null ? Messages.Msg.MatchedLet.With(Name) : Messages.Msg.MatchedLetError.With(Name, Error);
}

/// <summary>One element of a <c>foreach</c> item's list, inserted by the item's expansion rule: the item's rule has one
/// activation per element.</summary>
public sealed class ElementFact(int item, int index, string key, object? value, string path)
{
    public readonly int Item = item;
    public readonly int Index = index;
    public readonly object? Value = value;
    public string Key { get; } = key;
    public string Path { get; } = path;
    public override int GetHashCode() => Item * 65599 + Index;
    public override string ToString() => Text.ToString();

    /// <summary>How <c>iq explain</c> shows the element a row matched.</summary>
    public Messages.MessageText Text => Messages.Msg.MatchedElement.With(Path, Index, Key);
}

/// <summary>An item's outcome once all its rows are in, for the items that read it (<c>passed("id")</c>,
/// <c>outcome("id")</c>): they match this fact, so the network orders them after it (forward chaining).</summary>
public sealed class ItemOutcomeFact(string itemId, Outcome outcome)
{
    public string ItemId { get; } = itemId;
    public Outcome Outcome { get; } = outcome;

    /// <summary><c>passed("id")</c>: true or false once the item passed or failed, else missing.</summary>
    public static object? Passed(ItemOutcomeFact f) => f.Outcome switch
    {
        Outcome.Pass => Ops.True,
        Outcome.Fail => Ops.False,
        var o => new Missing(f.ItemId, Absence.ItemNotDecided, o.Name()),
    };

    /// <summary><c>outcome("id")</c>: the item's outcome by name.</summary>
    public static object? OutcomeName(ItemOutcomeFact f) => f.Outcome.Name();

    public override int GetHashCode() => ItemId.GetHashCode();
    public override string ToString() => Text.ToString();

    /// <summary>How <c>iq explain</c> shows the outcome a row matched (the outcome's name, as the language writes it).</summary>
    public Messages.MessageText Text => Messages.Msg.MatchedOutcome.With(ItemId, Outcome.Name());
}
