namespace Iq.Rules.Runtime;

/// <summary>A fact object or map at run time: member name to value (double, string, bool, IqVersion,
/// DateTimeOffset, FactObject, or object?[] for lists).</summary>
/// <remarks>A map may carry a name rule for keys it does not hold exactly (the software inventory matches names
/// case-insensitively and by aliases); it answers null for no match, or a <see cref="Missing"/> saying why not.</remarks>
public sealed class FactObject(Dictionary<string, object?> members, Func<string, object?>? resolve = null)
{
    public FactObject() : this(new Dictionary<string, object?>(StringComparer.Ordinal)) { }

    public IReadOnlyDictionary<string, object?> Members => members;

    public bool TryGet(string name, out object? value)
    {
        if (members.TryGetValue(name, out value)) return true;
        value = resolve?.Invoke(name);
        return value is not null;
    }
    public object? this[string name] { set => members[name] = value; }
}
