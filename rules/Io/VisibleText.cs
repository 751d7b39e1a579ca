using System.Globalization;
using System.Text;

namespace Iq.Rules.Io;

/// <summary>Text from evidence as a reader may see it: what a terminal or an XML reader would act on, or what a reader
/// cannot see, is written as a visible <c>\uXXXX</c> (<c>\UXXXXXXXX</c> beyond the BMP): control characters (ESC, CR),
/// format characters (the bidirectional overrides, U+200B), a lone UTF-16 surrogate, U+FFFE/U+FFFF. A file name in a
/// vendor's checksum list held <c>ESC[2K CR ESC[32m OK</c>, which erased the FAIL text on a terminal and made
/// <c>--junit</c> an internal error; an id from a document with U+200B looked like another.</summary>
public static class VisibleText
{
    /// <param name="keepLines">Line feeds and tabs kept (iq's own messages use them); false for one-line names (row ids).</param>
    public static string Of(string? text, bool keepLines = true)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var i = 0;
        while (i < text.Length && Width(text, i, keepLines) is > 0 and var w) i += w;
        if (i == text.Length) return text;
        var b = new StringBuilder(text.Length + 16).Append(text, 0, i);
        while (i < text.Length)
        {
            var w = Width(text, i, keepLines);
            if (w > 0)
            {
                b.Append(text, i, w);
                i += w;
            }
            else if (-w == 2)
            {
                b.Append("\\U").Append(char.ConvertToUtf32(text[i], text[i + 1]).ToString("X8", CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                b.Append("\\u").Append(((int)text[i]).ToString("X4", CultureInfo.InvariantCulture));
                i++;
            }
        }
        return b.ToString();
    }

    /// <summary>How many chars at <paramref name="i"/> are shown as they are (1 or 2), or minus how many are escaped.</summary>
    static int Width(string s, int i, bool keepLines)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return -1;
            return Rune.GetUnicodeCategory(new Rune(c, s[i + 1])) == UnicodeCategory.Format ? -2 : 2;
        }
        if (char.IsLowSurrogate(c)) return -1;
        if (c is '\n' or '\t') return keepLines ? 1 : -1;
        if (c is '\uFFFE' or '\uFFFF') return -1;
        return char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format ? -1 : 1;
    }
}
