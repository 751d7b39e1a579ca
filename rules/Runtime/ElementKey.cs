using System.Globalization;
using System.Text;

namespace Iq.Rules.Runtime;

/// <summary>A readable, stable name for an element of a list: its name, its id, else its first string member (a RACI
/// row's activity), else its position from 1. Row ids of <c>foreach</c> items and the failing elements of
/// <c>all</c>/<c>any</c>/<c>none</c> are named by it.</summary>
public static class ElementKey
{
    /// <summary>The key of a <c>foreach</c> row id (<c>6.1.1a.sw[docker]</c>).</summary>
    public static string Of(object? element, int index)
    {
        if (element is FactObject o)
        {
            if (o.TryGet("name", out var n) && n is string name) return name;
            if (o.TryGet("id", out var i) && i is string id) return id;
            if (o.Members.Values.OfType<string>().FirstOrDefault() is { } first) return first;
        }
        return (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A row id built from fact data with its invisible characters escaped, <c>\u200B</c>: a written id refuses a
    /// format character (IQ1009), and one from a document would let two rows look alike (<c>sw[Docker]</c> and
    /// <c>sw[Docker\u200B]</c>) or turn the text after it around (U+202E). Control characters likewise. Two rows that still
    /// come out alike are told apart by <c>#2</c>.</summary>
    public static string Visible(string id) => Io.VisibleText.Of(id, keepLines: false);

    /// <summary>An element named in evidence: a plain value is shown as itself.</summary>
    public static string Describe(object? element, int index) => element switch
    {
        FactObject => Of(element, index),
        null or Missing or object?[] => $"#{index + 1}",
        _ => ValueFormatter.Format(element, Binding.IqType.Any),
    };
}
