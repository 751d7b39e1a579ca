namespace Iq.Rules.Runtime;

/// <summary>A fact object or map at run time: member name to value (double, string, bool, IqVersion,
/// DateTimeOffset, FactObject, or object?[] for lists).</summary>
public sealed class FactObject(Dictionary<string, object?> members)
{
    public FactObject() : this(new Dictionary<string, object?>(StringComparer.Ordinal)) { }

    public IReadOnlyDictionary<string, object?> Members => members;
    public bool TryGet(string name, out object? value) => members.TryGetValue(name, out value);
    public object? this[string name] { set => members[name] = value; }
}
