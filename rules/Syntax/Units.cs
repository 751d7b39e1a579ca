namespace Iq.Rules.Syntax;

/// <summary>Units a number may carry: sizes in bytes (SI and IEC), durations in milliseconds.</summary>
public static class Units
{
    public static readonly IReadOnlyDictionary<string, double> Sizes = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["B"] = 1, ["KB"] = 1e3, ["MB"] = 1e6, ["GB"] = 1e9, ["TB"] = 1e12, ["PB"] = 1e15,
        ["KiB"] = 1024d, ["MiB"] = 1024d * 1024, ["GiB"] = 1024d * 1024 * 1024,
        ["TiB"] = 1024d * 1024 * 1024 * 1024, ["PiB"] = 1024d * 1024 * 1024 * 1024 * 1024,
    };

    public static readonly IReadOnlyDictionary<string, double> Durations = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["us"] = 0.001, ["ms"] = 1, ["s"] = 1000, ["min"] = 60_000, ["h"] = 3_600_000, ["d"] = 86_400_000,
    };

    public static string AllNames => string.Join(", ", Sizes.Keys.Concat(Durations.Keys));

    /// <summary>"40 GiB" or "200 ms" (a number, a space, a unit of the given table) in the base unit; null otherwise.
    /// No sign, no NaN or infinity, nothing that overflows: a size or a duration is a finite amount, never negative.</summary>
    public static double? Parse(string text, IReadOnlyDictionary<string, double> units)
    {
        var parts = text.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2
               && double.TryParse(parts[0], System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowExponent,
                   System.Globalization.CultureInfo.InvariantCulture, out var n)
               && units.TryGetValue(parts[1], out var factor) && double.IsFinite(n * factor) ? n * factor : null;
    }
}
