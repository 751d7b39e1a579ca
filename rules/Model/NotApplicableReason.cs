namespace Iq.Rules.Model;

/// <summary>What counts as the reason a part does not apply ("not applicable, because …", DESIGN.md Provenance), declared
/// once for everything that may say so: a model description's <c>not_applicable</c> (docs/model.md), the plan's
/// <c>{"not_applicable": "why"}</c> in place of a value (docs/facts.md) and a judgment that makes a manual item
/// <c>notapplicable</c> (attestations, the review workbook). A shall item that becomes n/a without a
/// reason is a requirement dropped without a word.</summary>
public static class NotApplicableReason
{
    /// <summary>Words that answer "does it apply?" (or only lead into an answer) rather than say why not: a reason is what
    /// is left without them.</summary>
    static readonly string[] Filler =
    [
        "no", "yes", "na", "none", "nil", "null", "true", "false", "not", "applicable", "inapplicable",
        "because", "否", "是", "无", "没有", "不适用", "不", "略", "因为",
    ];

    /// <summary>A reason: at least four letters or digits (Chinese characters count as letters) in words that are not
    /// filler: a word made only of yes/no/n/a/na/none/null/not/applicable/because/否/是/无/没有/不适用/因为 … ("N/A because",
    /// "n/a n/a", "nana", "没有没有") says nothing.</summary>
    public static bool IsReason(string text)
    {
        var letters = 0;
        foreach (var word in Words(text))
            if (!OnlyFiller(word.ToLowerInvariant())) letters += word.Count(char.IsLetterOrDigit);
        return letters >= 4;
    }

    /// <summary>Runs of letters and digits, joined by a '/' or '.' between two of them (n/a, n.a).</summary>
    static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i])
                || start >= 0 && text[i] is '/' or '.' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Whether the word is filler words run together (its '/' and '.' aside). Words are at most as long as the
    /// text, which its reader bounds (the description's size, a judgment file's); each position is tried against each
    /// filler word once.</summary>
    static bool OnlyFiller(string word)
    {
        word = word.Replace("/", "").Replace(".", ""); // n/a, n.a: na
        var ends = new bool[word.Length + 1];
        ends[0] = true;
        for (var i = 0; i < word.Length; i++)
            if (ends[i])
                foreach (var f in Filler)
                    if (string.CompareOrdinal(word, i, f, 0, f.Length) == 0 && i + f.Length <= word.Length) ends[i + f.Length] = true;
        return ends[word.Length];
    }
}
