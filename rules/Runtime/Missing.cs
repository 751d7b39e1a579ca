namespace Iq.Rules.Runtime;

/// <summary>The value of a fact that is absent. It flows through operators (three-valued logic) so that
/// an item whose evidence is missing ends as <c>error</c>, never as pass or fail.</summary>
public sealed class Missing(string path)
{
    public string Path { get; } = path;

    /// <summary>Set when a document says explicitly that the fact does not apply (<c>{"not_applicable": "why"}</c> in a
    /// plan): an item resting on it is then <c>notapplicable</c> with this reason, not an error.</summary>
    public string? NotApplicable { get; init; }
    public override string ToString() => $"missing evidence: {Path}";
}
