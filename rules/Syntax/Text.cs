namespace Iq.Rules.Syntax;

/// <summary>Small text helpers for messages.</summary>
public static class Text
{
    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string OrList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };

    /// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>"; did you mean 'x'?" when a candidate is close to the word, else "".</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Suggest(word, candidates) is { } s ? $"; did you mean '{s}'?" : "";

    public static string? Suggest(string word, IEnumerable<string> candidates) =>
        candidates.Select(c => (c, d: Distance(c, word))).Where(x => x.d <= (word.Length <= 2 ? 1 : Math.Max(2, word.Length / 3)) && x.d < Math.Max(x.c.Length, word.Length))
            .OrderBy(x => x.d).ThenByDescending(x => CommonPrefix(x.c, word)).ThenBy(x => x.c, StringComparer.Ordinal)
            .Select(x => x.c).FirstOrDefault();

    /// <summary>
    /// The close candidates: the one <see cref="Suggest"/> finds, else those with a part (between '_', '.', '-')
    /// one edit from the word ("core" → physical_cores, logical_cores), which whole-name distance misses.
    /// </summary>
    public static IReadOnlyList<string> Suggestions(string word, IEnumerable<string> candidates)
    {
        var all = candidates as IReadOnlyCollection<string> ?? [.. candidates];
        if (Suggest(word, all) is { } s) return [s];
        if (word.Length < 3) return [];
        return [.. all.Where(c => c.Split('_', '.', '-').Any(part => part.Length >= 3 && Distance(part, word) <= 1)).Take(3)];
    }

    static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}
