using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Iq.Rules.Messages;

/// <summary>Text that is rendered in a language at the edge (the CLI, a report), not where it is made.</summary>
public interface ILocalized
{
    string Render(Lang lang);
}

/// <summary>One message of the catalog (<see cref="Msg"/>): its diagnostic code (null for plain text), its named arguments,
/// and its text in Chinese and English with the arguments as <c>{name}</c> placeholders (<c>{{</c> and <c>}}</c> for
/// braces). A test checks that both texts use exactly the declared arguments.</summary>
public sealed record Message(string? Code, IReadOnlyList<string> Args, string Zh, string En)
{
    public Message(string? code, string zh, string en) : this(code, [], zh, en) { }

    /// <summary>The message is data a report row shows (evidence words, fact reasons, a row's reason), so its text arguments
    /// are shown whole; false for a diagnostic, which caps each at <see cref="QuoteLimit"/>. Declared once on such words
    /// (<see cref="Msg"/>'s <c>RowWords</c>); quoted by a diagnostic, such a message is capped as the diagnostic's own
    /// arguments are, so no diagnostic echoes a 1 MB key whatever it quotes.</summary>
    public bool ArgumentsWhole { get; init; }

    public string Template(Lang lang) => lang == Lang.Zh ? Zh : En;

    /// <summary>The message with its arguments, in declared order.</summary>
    public MessageText With(params object?[] values)
    {
        if (values.Length != Args.Count)
            throw new ArgumentException($"message {Code} '{En}' takes {Args.Count} argument(s), got {values.Length}");
        return new MessageText(this, values);
    }

    public MessageText Text => With();

    /// <summary>Text that is not in the catalog yet (commands written before it): the same words in both languages, with
    /// its code; a whole message, so not capped as a quoted argument is. A gap to close by declaring the message, never a pattern for new code (docs/cli.md).</summary>
    public static MessageText Untranslated(string? code, string text) => new Message(code, ["text"], "{text}", "{text}").With(Localized.Verbatim(text));

    static readonly Regex Placeholder = new(@"\{\{|\}\}|\{([a-z_][a-z0-9_]*)\}", RegexOptions.CultureInvariant);

    /// <summary>The placeholder names a template uses (for the catalog test).</summary>
    public static IReadOnlySet<string> PlaceholdersOf(string template) =>
        Placeholder.Matches(template).Where(m => m.Groups[1].Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The text with its arguments; <paramref name="capped"/> when a diagnostic quotes it, which caps its arguments
    /// even where they are <see cref="ArgumentsWhole"/>.</summary>
    internal string Render(Lang lang, IReadOnlyList<object?> values, bool capped = false)
    {
        var parts = Parts.GetOrAdd(Template(lang), Split);
        if (parts is [{ Name: null } only]) return only.Text;
        var cap = capped || !ArgumentsWhole;
        var text = new StringBuilder();
        foreach (var part in parts)
            text.Append(part.Name is null ? part.Text : Format(values[IndexOf(part.Name)], lang, cap));
        return text.ToString();
    }

    /// <summary>A template as literal text and placeholders, split once per template (every row of every audit renders its
    /// reason: the fleet renders hundreds of thousands), the same way <see cref="Placeholder"/> reads it.</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TemplatePart[]> Parts = new(StringComparer.Ordinal);

    readonly record struct TemplatePart(string Text, string? Name);

    static TemplatePart[] Split(string template)
    {
        var parts = new List<TemplatePart>();
        var at = 0;
        var literal = new StringBuilder();
        foreach (Match m in Placeholder.Matches(template))
        {
            literal.Append(template, at, m.Index - at);
            at = m.Index + m.Length;
            if (!m.Groups[1].Success)
            {
                literal.Append(m.Value[0]);
                continue;
            }
            if (literal.Length > 0) parts.Add(new TemplatePart(literal.ToString(), null));
            literal.Clear();
            parts.Add(new TemplatePart("", m.Groups[1].Value));
        }
        literal.Append(template, at, template.Length - at);
        if (literal.Length > 0 || parts.Count == 0) parts.Add(new TemplatePart(literal.ToString(), null));
        return parts.ToArray();
    }

    int IndexOf(string name)
    {
        for (var i = 0; i < Args.Count; i++)
            if (Args[i] == name) return i;
        throw new InvalidOperationException($"message {Code} '{En}' has no argument '{name}'");
    }

    /// <summary>An argument as a message shows it: in a diagnostic (<paramref name="cap"/>), text (a path, a key, an id, a
    /// value from the input) capped at <see cref="QuoteLimit"/> characters (<see cref="Cap"/>), so that a 1 MB key is not
    /// echoed whole to stderr, and a message it quotes capped the same way; in a report row's words, whole.</summary>
    static string Format(object? value, Lang lang, bool cap) => value switch
    {
        string s => cap ? Cap(s, lang) : s,
        MessageText m => m.Message.Render(lang, m.Values, cap),
        _ => Whole(value, lang),
    };

    /// <summary>An argument whole, for storing it (a fact reason's arguments in a document, evidence words' arguments in a
    /// results file), where it is data, and for a report row's words.</summary>
    public static string Whole(object? value, Lang lang) => value switch
    {
        null => "",
        ILocalized l => l.Render(lang),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The most characters of one text argument a diagnostic quotes. Every text a message quotes from its input
    /// (fact paths, keys, ids, names, values) is an argument, so this one cap bounds them all; a diagnostic's position
    /// (file, line, column) is not an argument and is kept whole. The words of a report row (<see cref="ArgumentsWhole"/>)
    /// are data and not capped.</summary>
    public const int QuoteLimit = 200;

    /// <summary>The text, or its first <see cref="QuoteLimit"/> characters, "…" and its length in all.</summary>
    public static string Cap(string text, Lang lang)
    {
        if (text.Length <= QuoteLimit) return text;
        var keep = char.IsHighSurrogate(text[QuoteLimit - 1]) ? QuoteLimit - 1 : QuoteLimit;
        var length = text.Length.ToString(CultureInfo.InvariantCulture);
        return lang == Lang.Zh ? $"{text[..keep]}…（共 {length} 个字符）" : $"{text[..keep]}… ({length} characters)";
    }
}

/// <summary>A message with its arguments: data until rendered. <see cref="ToString"/> is the English text.</summary>
public sealed record MessageText(Message Message, IReadOnlyList<object?> Values) : ILocalized
{
    public string? Code => CodeOf?.Code ?? Message.Code;

    /// <summary>A message that wraps another (<c>In {x}: …</c>) keeps the code of the one it wraps.</summary>
    public MessageText? CodeOf { get; init; }
    public string Render(Lang lang) => Message.Render(lang, Values);
    public override string ToString() => Render(Lang.En);

    public bool Equals(MessageText? other) => other is not null && Message == other.Message && Values.SequenceEqual(other.Values);
    public override int GetHashCode() => HashCode.Combine(Message, Values.Count);
}

/// <summary>Small localized pieces that messages take as arguments.</summary>
public static class Localized
{
    /// <summary>"a, b or c" / "a、b 或 c".</summary>
    public static ILocalized OrList(IEnumerable<string> items) => new ListText([.. items.Select(Verbatim)], "or");

    /// <summary>"a, b or c" / "a、b 或 c" of pieces in the language (what the grammar expects).</summary>
    public static ILocalized OrList(IEnumerable<ILocalized> items) => new ListText([.. items], "or");

    /// <summary>"a, b and c" / "a、b 和 c".</summary>
    public static ILocalized AndList(IEnumerable<string> items) => new ListText([.. items.Select(Verbatim)], "and");

    /// <summary>"a, b and c" / "a、b 和 c" of pieces in the language.</summary>
    public static ILocalized AndList(IEnumerable<ILocalized> items) => new ListText([.. items], "and");

    /// <summary>"a, b, c" / "a、b、c": names one after another (item ids, fact paths), with the separator of the language.</summary>
    public static ILocalized Items(IEnumerable<string> items) => new Listed([.. items]);

    /// <summary>"a; b" / "a；b": pieces that may hold commas of their own (groups of facts, what a rule matched).</summary>
    public static ILocalized Groups(IEnumerable<ILocalized> parts) => new Grouped([.. parts]);

    /// <summary>"; did you mean 'x'?" when a candidate is close to the word, else nothing.</summary>
    public static ILocalized DidYouMean(string word, IEnumerable<string> candidates) =>
        Syntax.Text.Suggest(word, candidates) is { } s ? Msg.DidYouMean.With(s) : Empty;

    /// <summary>Text that is the same in every language (a path, a name, a number).</summary>
    public static ILocalized Verbatim(string text) => new Plain(text);

    public static readonly ILocalized Empty = new Plain("");

    /// <summary>Several pieces, rendered one after another.</summary>
    public static ILocalized Concat(params ILocalized[] parts) => new Joined(parts);

    sealed record Plain(string Text) : ILocalized
    {
        public string Render(Lang lang) => Text;
    }

    sealed record Joined(ILocalized[] Parts) : ILocalized
    {
        public string Render(Lang lang) => string.Concat(Parts.Select(p => p.Render(lang)));
    }

    sealed record Listed(string[] Names) : ILocalized
    {
        public string Render(Lang lang) => string.Join(lang == Lang.Zh ? "、" : ", ", Names);
    }

    sealed record Grouped(ILocalized[] Parts) : ILocalized
    {
        public string Render(Lang lang) => string.Join(lang == Lang.Zh ? "；" : "; ", Parts.Select(p => p.Render(lang)));
    }

    sealed record ListText(ILocalized[] Parts, string Conjunction) : ILocalized
    {
        public string Render(Lang lang)
        {
            var Items = Parts.Select(p => p.Render(lang)).ToArray();
            if (Items.Length <= 1) return Items.FirstOrDefault() ?? "";
            var word = (lang, Conjunction) switch
            {
                (Lang.Zh, "or") => " 或 ",
                (Lang.Zh, _) => " 和 ",
                (_, "or") => " or ",
                _ => " and ",
            };
            var separator = lang == Lang.Zh ? "、" : ", ";
            return new StringBuilder().AppendJoin(separator, Items.Take(Items.Length - 1)).Append(word).Append(Items[^1]).ToString();
        }
    }
}

/// <summary>Text made of values, the same in every language, and catalog messages, one after another (each part a
/// <see cref="string"/> or a <see cref="MessageText"/>): how a row's evidence holds iq's own words among the values, so that
/// a results file can store it part by part and a report word it in its language.</summary>
public sealed record MixedText(IReadOnlyList<object> Parts) : ILocalized
{
    public string Render(Lang lang)
    {
        var text = new StringBuilder();
        foreach (var part in Parts) text.Append(part is MessageText m ? m.Render(lang) : (string)part);
        return text.ToString();
    }

    public override string ToString() => Render(Lang.En);

    public bool Equals(MixedText? other) => other is not null && Parts.SequenceEqual(other.Parts);
    public override int GetHashCode() => Parts.Count;

    /// <summary>Parts with neighbouring values joined.</summary>
    public static MixedText Of(IEnumerable<object> parts)
    {
        var joined = new List<object>();
        foreach (var part in parts)
        {
            if (part is string s)
            {
                if (s.Length == 0) continue;
                if (joined.Count > 0 && joined[^1] is string before) joined[^1] = before + s;
                else joined.Add(s);
            }
            else joined.Add((MessageText)part);
        }
        return new MixedText(joined);
    }
}
