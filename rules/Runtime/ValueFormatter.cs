using System.Globalization;
using Iq.Rules.Binding;

namespace Iq.Rules.Runtime;

/// <summary>Values as evidence shows them: sizes and durations in their largest whole-ish unit.</summary>
public static class ValueFormatter
{
    static readonly (string Unit, double Factor)[] SizeUnits =
        [("PiB", Math.Pow(1024, 5)), ("TiB", Math.Pow(1024, 4)), ("GiB", Math.Pow(1024, 3)), ("MiB", 1024 * 1024), ("KiB", 1024), ("B", 1)];

    static readonly (string Unit, double Factor)[] DurationUnits =
        [("d", 86_400_000), ("h", 3_600_000), ("min", 60_000), ("s", 1000), ("ms", 1), ("us", 0.001)];

    public static string Format(object? value, IqType type) => value switch
    {
        null => "nothing",
        Missing => "missing",
        double d when type == IqType.Size => WithUnit(d, SizeUnits),
        double d when type == IqType.Duration => WithUnit(d, DurationUnits),
        double d => Ops.Format(d),
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        IqVersion v => v.Text,
        DateTimeOffset t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("O", CultureInfo.InvariantCulture),
        object?[] list => "[" + string.Join(", ", list.Take(10).Select(e => Format(e, type is ListType l ? l.Element : IqType.Any)))
                          + (list.Length > 10 ? $", … ({list.Length} in all)" : "") + "]",
        FactObject o => "{" + string.Join(", ", o.Members.Keys.Take(5)) + (o.Members.Count > 5 ? ", …" : "") + "}",
        _ => value.ToString() ?? "",
    };

    /// <summary>A value in an item id or title: strings without quotes.</summary>
    public static string Plain(object? value, IqType type) => value is string s ? s : Format(value, type);

    static string WithUnit(double value, (string Unit, double Factor)[] units)
    {
        var abs = Math.Abs(value);
        foreach (var (unit, factor) in units)
            if (abs >= factor || factor == units[^1].Factor)
                return Ops.Format(Math.Round(value / factor, 2)) + " " + unit;
        return Ops.Format(value);
    }
}
