using System.Reflection;
using System.Text;

namespace Iq.Rules.Messages;

/// <summary>The catalog as a list (for its test and its documentation): every <see cref="Message"/> field of <see cref="Msg"/>.</summary>
public static class MsgCatalog
{
    public static IReadOnlyList<(string Name, Message Message)> All { get; } =
        typeof(Msg).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Message))
            .Select(f => (f.Name, (Message)f.GetValue(null)!))
            .ToList();

    /// <summary>The reasons a fact is missing that fact documents store by code (<c>$code</c>, IQ7xxx): each code names one message.</summary>
    static readonly Dictionary<string, Message> FactReasons = All.Select(x => x.Message)
        .Where(m => m.Code is { } c && c.StartsWith("IQ7", StringComparison.Ordinal)).ToDictionary(m => m.Code!, StringComparer.Ordinal);

    /// <summary>The catalog message a fact document's <c>$code</c> names; null for a code this iq does not know.</summary>
    public static Message? FactReason(string code) => FactReasons.GetValueOrDefault(code);

    /// <summary>The reason a code and its arguments name (a fact document's <c>$code</c>/<c>$args</c>, a results file's
    /// <c>code</c>/<c>args</c>); null when this iq does not know the code or the arguments are not exactly the message's own,
    /// and the stored text stands. An argument is its English text (a string) or, for a reason quoting another reason, that
    /// reason (a <see cref="MessageText"/> of a fact reason), so that it too is worded in the report's language.</summary>
    public static MessageText? FactReason(string code, IReadOnlyDictionary<string, object> args) =>
        FactReason(code) is { } m && args.Count == m.Args.Count && m.Args.All(args.ContainsKey)
            ? m.With([.. m.Args.Select(a => args[a])])
            : null;

    /// <summary>iq's own words in evidence (IQ8xxx), which results files store by code beside the English text.</summary>
    static readonly Dictionary<string, Message> EvidenceWords = All.Select(x => x.Message)
        .Where(m => m.Code is { } c && c.StartsWith("IQ8", StringComparison.Ordinal)).ToDictionary(m => m.Code!, StringComparer.Ordinal);

    /// <summary>The words of evidence a results file's <c>code</c> and <c>args</c> name; null when this iq does not know the
    /// code or the arguments are not exactly the message's own, and the stored English text stands. An argument is its English
    /// text (a string) or a message of the same kind (a <see cref="MessageText"/>).</summary>
    public static MessageText? EvidenceWord(string code, IReadOnlyDictionary<string, object> args) =>
        EvidenceWords.GetValueOrDefault(code) is { } m && args.Count == m.Args.Count && m.Args.All(args.ContainsKey)
            ? m.With([.. m.Args.Select(a => (object?)args[a])])
            : null;

    /// <summary>A fact reason's arguments by name, as documents store them: the English text, or a quoted fact reason
    /// (IQ7xxx) as itself, which the writer stores as a nested code and arguments.</summary>
    public static IEnumerable<(string Name, object Value)> ArgsOf(MessageText text) =>
        text.Message.Args.Select((a, i) => (a, text.Values[i] is MessageText { Code: { } c } inner && FactReason(c) == inner.Message
            ? inner : (object)Message.Whole(text.Values[i], Lang.En)));

    /// <summary>A stored reason this iq cannot word (an unknown code, arguments not the message's own): its stored text,
    /// quoted as the document's own words, with the code it gave, so that it is never taken for iq's wording.</summary>
    public static MessageText NotInCatalog(string text, string code) => Msg.ReasonNotInCatalog.With(text, code);

    /// <summary>docs/messages.md's table: the diagnostics (messages with a code), by code.</summary>
    public static string MarkdownTable()
    {
        var sb = new StringBuilder();
        sb.Append("| code | message | English | 中文 |\n| --- | --- | --- | --- |\n");
        foreach (var (name, m) in All.Where(x => x.Message.Code is not null).OrderBy(x => x.Message.Code, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal))
            sb.Append($"| {m.Code} | {name} | {Cell(m.En)} | {Cell(m.Zh)} |\n");
        return sb.ToString();
    }

    static string Cell(string text) => text.Replace("|", "\\|").Replace("{{", "{").Replace("}}", "}");
}
