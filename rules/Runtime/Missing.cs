namespace Iq.Rules.Runtime;

/// <summary>The value of a fact that is absent. It flows through operators (three-valued logic) so that
/// an item whose evidence is missing ends as <c>error</c>, never as pass or fail.</summary>
public sealed class Missing(string path)
{
    public string Path { get; } = path;
    public override string ToString() => $"missing evidence: {Path}";
}
