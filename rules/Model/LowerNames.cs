namespace Iq.Rules.Model;

/// <summary>An enum value's name in lower case, as files and reports spell it, computed once per value: writing a fleet's
/// results names an outcome, a provenance or a seal state thousands of times per bundle (Enum.ToString and a lower-case
/// copy each time, before).</summary>
public static class LowerNames<T> where T : struct, Enum
{
    static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());

    public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString().ToLowerInvariant();
}
