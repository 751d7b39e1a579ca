using System.Globalization;
using System.Text;

namespace Iq.Rules.Io;

/// <summary>Text from evidence as a reader may see it: what a terminal or an XML reader would act on instead of showing
/// (control characters such as ESC and CR, the bidirectional overrides, a lone UTF-16 surrogate) is written as a visible
/// <c>\uXXXX</c>. A file name in a vendor's checksum list held <c>ESC[2K CR ESC[32m OK</c>, which erased the FAIL text on a
/// terminal and made <c>--junit</c> an internal error. Line feeds and tabs are kept: iq's own messages use them.</summary>
public static class VisibleText
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var i = 0;
        while (i < text.Length && Shown(text, i)) i++;
        if (i == text.Length) return text;
        var b = new StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            if (Shown(text, i))
            {
                b.Append(text[i]);
                if (char.IsHighSurrogate(text[i])) b.Append(text[++i]);
            }
            else b.Append("\\u").Append(((int)text[i]).ToString("X4", CultureInfo.InvariantCulture));
        }
        return b.ToString();
    }

    static bool Shown(string s, int i)
    {
        var c = s[i];
        if (c is '\n' or '\t') return true;
        if (char.IsHighSurrogate(c)) return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
        if (char.IsLowSurrogate(c)) return i > 0 && char.IsHighSurrogate(s[i - 1]);
        if (char.IsControl(c)) return false; // C0, DEL and C1
        // Bidirectional embeddings, overrides and isolates, and the marks: they reorder what is shown around them.
        return c is not ('\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFFFE' or '\uFFFF');
    }
}
