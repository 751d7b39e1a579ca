namespace Iq.Scoring.Reports;

/// <summary>How many columns a character takes on a terminal or in a cell: two for East Asian wide characters.</summary>
static class DisplayWidth
{
    public static int Of(char c) => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' ? 2 : 1;

    public static int Of(string text) => text.Sum(Of);

    /// <summary>Left-aligns to a display width (a Chinese id takes two columns a character).</summary>
    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Of(text)));

    /// <summary>Right-aligns to a display width.</summary>
    public static string PadLeft(string text, int width) => new string(' ', Math.Max(0, width - Of(text))) + text;
}
