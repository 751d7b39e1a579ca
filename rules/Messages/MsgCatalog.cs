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
