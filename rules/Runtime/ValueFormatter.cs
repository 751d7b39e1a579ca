using System.Globalization;
using Iq.Rules.Binding;
using Iq.Rules.Messages;

namespace Iq.Rules.Runtime;

/// <summary>Values as evidence shows them: sizes and durations in their largest whole-ish unit. Where iq writes words of
/// its own (a value that is missing or null, a long list cut short) they are catalog messages (<see cref="Msg.EvidenceMissing"/>
/// …): <see cref="Format"/> is the English text, <see cref="Words"/> the same text with those words as messages.</summary>
public static class ValueFormatter
{
    static readonly (string Unit, double Factor)[] SizeUnits =
        [("PiB", Math.Pow(1024, 5)), ("TiB", Math.Pow(1024, 4)), ("GiB", Math.Pow(1024, 3)), ("MiB", 1024 * 1024), ("KiB", 1024), ("B", 1)];

    static readonly (string Unit, double Factor)[] DurationUnits =
        [("d", 86_400_000), ("h", 3_600_000), ("min", 60_000), ("s", 1000), ("ms", 1), ("us", 0.001)];

    /// <summary>One leaf of a predicate as a passing any() names it for an element: a comparison as
    /// <c>n.speed_mbps &gt;= plan.…: 100000 &gt;= 100000</c>, any other leaf as <c>n.up: true</c>.</summary>
    public static string Compared(string text, object? left, IqType leftType, object? right, IqType rightType, string? op) =>
        op is null ? $"{text}: {Format(left, leftType)}" : $"{text}: {Format(left, leftType)} {op} {Format(right, rightType)}";

    public static string Format(object? value, IqType type) => value switch
    {
        null => Msg.EvidenceNothing.En,
        Missing => Msg.EvidenceMissing.En,
        double d when type == IqType.Size => WithUnit(d, SizeUnits, "B"),
        double d when type == IqType.Duration => WithUnit(d, DurationUnits, "s"),
        double d => Ops.Format(d),
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        IqVersion v => v.Text,
        DateTimeOffset t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("O", CultureInfo.InvariantCulture),
        object?[] list => List(list, type),
        FactObject o => "{" + string.Join(", ", o.Members.Keys.Take(5)) + (o.Members.Count > 5 ? ", …" : "") + "}",
        _ => value.ToString() ?? "",
    };

    // Apart from Format: a lambda capturing its type there made every call allocate the closure, lists or not.
    static string List(object?[] list, IqType type)
    {
        var element = type is ListType l ? l.Element : IqType.Any;
        return "[" + string.Join(", ", list.Take(10).Select(e => Format(e, element)))
               + (list.Length > 10 ? ", " + Msg.EvidenceListMore.With(list.Length.ToString(CultureInfo.InvariantCulture)).Render(Lang.En) : "") + "]";
    }

    /// <summary>The value as <see cref="Format"/> writes it, with iq's own words in it as messages to render in a language;
    /// null when it has none (the text is then the same in every language). Its English rendering is <see cref="Format"/>'s text.</summary>
    public static MixedText? Words(object? value, IqType type)
    {
        if (!HasWords(value)) return null;
        var parts = new List<object>();
        AddWords(parts, value, type);
        return MixedText.Of(parts);
    }

    /// <summary>Whether <see cref="Format"/> writes words of iq's own for the value (checked before any text is made: most
    /// values have none).</summary>
    public static bool HasWords(object? value) => value switch
    {
        null or Missing => true,
        object?[] list => list.Length > 10 || list.Any(HasWords),
        _ => false,
    };

    /// <summary>Appends the value's parts as <see cref="Format"/> writes them.</summary>
    internal static void AddWords(List<object> parts, object? value, IqType type)
    {
        switch (value)
        {
            case null:
                parts.Add(Msg.EvidenceNothing.Text);
                break;
            case Missing:
                parts.Add(Msg.EvidenceMissing.Text);
                break;
            case object?[] list:
                parts.Add("[");
                var element = type is ListType l ? l.Element : IqType.Any;
                for (var i = 0; i < list.Length && i < 10; i++)
                {
                    if (i > 0) parts.Add(", ");
                    AddWords(parts, list[i], element);
                }
                if (list.Length > 10)
                {
                    parts.Add(", ");
                    parts.Add(Msg.EvidenceListMore.With(list.Length.ToString(CultureInfo.InvariantCulture)));
                }
                parts.Add("]");
                break;
            default:
                parts.Add(Format(value, type));
                break;
        }
    }

    /// <summary>A value in an item id or title: strings without quotes.</summary>
    public static string Plain(object? value, IqType type) => value is string s ? s : Format(value, type);

    /// <summary>A hole of a title or fix as <see cref="Plain"/> writes it: its text, or, where iq writes words of its own
    /// (a value that is missing), those words (<see cref="Words"/>), to render in a report's language.</summary>
    public static object PlainWords(object? value, IqType type) => value is string s ? s : HasWords(value) ? Words(value, type)! : Format(value, type);

    /// <summary>A title or fix from its parts (text, or <see cref="PlainWords"/>' words): its English text, the one the results hold.</summary>
    public static string TemplateText(object[] parts)
    {
        if (parts.Length == 1 && parts[0] is string only) return only;
        var text = new System.Text.StringBuilder();
        foreach (var part in parts) text.Append(part is MixedText words ? words.Render(Lang.En) : (string)part);
        return text.ToString();
    }

    /// <summary>The same title or fix with iq's words as messages; null when it has none (its text is then the same in every
    /// language).</summary>
    public static MixedText? TemplateWords(object[] parts)
    {
        if (!parts.Any(p => p is MixedText)) return null;
        return MixedText.Of(parts.SelectMany(p => p is MixedText words ? words.Parts : [p]));
    }

    static string WithUnit(double value, (string Unit, double Factor)[] units, string zero)
    {
        var abs = Math.Abs(value);
        // Zero is zero in any unit: the base one (s, B), never the smallest ("> 0 s" read "> 0 us": fresh eyes 4, #9).
        if (abs == 0) return "0 " + zero;
        foreach (var (unit, factor) in units)
            if (abs >= factor || factor == units[^1].Factor)
                return Ops.Format(Math.Round(value / factor, 2)) + " " + unit;
        return Ops.Format(value);
    }
}
