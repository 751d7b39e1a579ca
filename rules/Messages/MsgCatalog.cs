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
    /// and the stored text stands.</summary>
    public static MessageText? FactReason(string code, IReadOnlyDictionary<string, string> args) =>
        FactReason(code) is { } m && args.Count == m.Args.Count && m.Args.All(args.ContainsKey)
            ? m.With([.. m.Args.Select(a => (object?)args[a])])
            : null;

    /// <summary>A fact reason's arguments by name, as documents store them (each rendered as its English text).</summary>
    public static IEnumerable<(string Name, string Value)> ArgsOf(MessageText text) =>
        text.Message.Args.Select((a, i) => (a, Message.Format(text.Values[i], Lang.En)));

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
