namespace Iq.Scoring.Reports.Scorecard;

/// <summary>User text made fit for a workbook: cut to what a cell holds with a visible marker (the whole stays in the
/// results JSON), and sheet names made valid and distinct. (The package itself is made reproducible by XlsxPackage.)</summary>
static class XlsxFile
{
    /// <summary>The longest text a cell holds (Excel's limit).</summary>
    public const int MaxCellText = 32_767;

    /// <summary>Text cut to fit a cell, with a marker that says so and where the whole is.</summary>
    public static string Fit(string text)
    {
        if (text.Length <= MaxCellText) return text;
        var marker = $" …[cut: {text.Length} characters in all; see the results JSON]";
        var keep = MaxCellText - marker.Length;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + marker;
    }

    /// <summary>A valid, unused sheet name from user text: no []:*?/\, no apostrophe at either end, 1–31 characters,
    /// distinct (ignoring case) from every name in <paramref name="used"/>, which it joins.</summary>
    public static string SheetName(string wanted, HashSet<string> used, string fallback)
    {
        var name = wanted;
        foreach (var c in "[]:*?/\\") name = name.Replace(c, ' ');
        name = new string(name.Where(ch => !char.IsControl(ch)).ToArray()).Trim().Trim('\'').Trim();
        if (name.Length == 0 || name.Equals("History", StringComparison.OrdinalIgnoreCase)) name = fallback;
        if (name.Length > 31) name = name[..31].TrimEnd().TrimEnd('\'');
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = name[..Math.Min(name.Length, 31 - suffix.Length)].TrimEnd().TrimEnd('\'') + suffix;
        }
        return candidate;
    }
}
