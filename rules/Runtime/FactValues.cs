namespace Iq.Rules.Runtime;

/// <summary>The facts an evaluation reads: one value per fact root (<c>env</c>, <c>plan</c>, …), already
/// converted to run-time values. A root with no document is simply absent (its facts are missing).</summary>
public sealed class FactValues(IReadOnlyDictionary<string, object?> roots)
{
    public static readonly FactValues Empty = new(new Dictionary<string, object?>());
    public IReadOnlyDictionary<string, object?> Roots => roots;
}
