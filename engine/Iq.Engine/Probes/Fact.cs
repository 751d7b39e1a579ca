using System.Text.Json.Nodes;
using Iq.Rules.Messages;

namespace Iq.Engine.Probes;

/// <summary>Fact values as probes write them: a value, or <c>{"$absent": why}</c>, or <c>{"$error": why}</c>,
/// which the bundle reader turns into missing evidence with that reason. Probes return these as values. A reason from the
/// catalog also stores its code and arguments (<c>"$code": "IQ7001", "$args": {"file": "/proc/mounts"}</c>), so that a
/// report renders it in its own language; the text stays the English words, for readers that know no code.</summary>
public static class Fact
{
    public static JsonObject Absent(MessageText why) => Marker("$absent", why);
    public static JsonObject Error(MessageText why) => Marker("$error", why);

    /// <summary>A reason not in the catalog (an exception's own message, a tool's output): the same words in every language.</summary>
    public static JsonObject Absent(string why) => new() { ["$absent"] = why };
    public static JsonObject Error(string why) => new() { ["$error"] = why };

    static JsonObject Marker(string name, MessageText why)
    {
        var marker = Coded(why);
        marker.Insert(0, name, why.Render(Lang.En));
        return marker;
    }

    /// <summary>A fact reason as <c>{"$code": …, "$args": {…}}</c>; an argument that is itself a fact reason (a tool not found,
    /// quoted by the reason that the audit state is unknown) is stored the same way inside, so a report words it too.</summary>
    static JsonObject Coded(MessageText why)
    {
        if (why.Code is not { } code || MsgCatalog.FactReason(code) != why.Message)
            throw new ArgumentException($"'{why}' is not a fact reason of the catalog (IQ7xxx)");
        var args = new JsonObject();
        foreach (var (arg, value) in MsgCatalog.ArgsOf(why)) args[arg] = value is MessageText inner ? Coded(inner) : JsonValue.Create((string)value);
        return new JsonObject { ["$code"] = code, ["$args"] = args };
    }

    /// <summary>The reason a <c>$absent</c>/<c>$error</c> marker that iq wrote gives, for a command's own summary line: the
    /// catalog message when its code and arguments name one, else its stored text as it is.</summary>
    public static ILocalized Reason(JsonObject marker)
    {
        var text = (marker["$absent"] ?? marker["$error"])?.ToString() ?? "";
        return Coded(marker) ?? Localized.Verbatim(text);

        static MessageText? Coded(JsonObject o)
        {
            if (o["$code"] is not JsonValue c || !c.TryGetValue<string>(out var code) || o["$args"] is not JsonObject a) return null;
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, value) in a)
            {
                if (value is JsonObject nested && Coded(nested) is { } inner) values[name] = inner;
                else if (value is JsonValue v && v.TryGetValue<string>(out var s)) values[name] = s;
                else return null;
            }
            return MsgCatalog.FactReason(code, values);
        }
    }

    /// <summary>Runs one probe part; a file it could not parse becomes that part's error, never the whole probe's.</summary>
    public static JsonNode? Try(Func<JsonNode?> probe)
    {
        try { return probe(); }
        catch (Exception e) when (Unreadable(e)) { return Error(Why(e)); }
    }

    public static async Task<JsonNode?> TryAsync(Func<Task<JsonNode?>> probe)
    {
        try { return await probe(); }
        catch (Exception e) when (Unreadable(e)) { return Error(Why(e)); }
    }

    /// <summary>A refused input names its file and the reason (<c>/etc/os-release: Not a regular file: a FIFO</c>), quoted as a
    /// fact reason of its own (IQ736x), so a report words it; anything else also names the kind of failure. The exception's
    /// own words stay as they are (the runtime's, in its language).</summary>
    static MessageText Why(Exception e) => e is Iq.Rules.Io.InputFileException input
        ? Msg.ProbeInputRefused.With(input.Path, input.FactReason)
        : Msg.ProbeFailed.With(e.GetType().Name, e.Message);

    /// <summary>What reading a malformed or vanishing /proc, /sys or tool output can throw.</summary>
    static bool Unreadable(Exception e) =>
        e is FormatException or IOException or UnauthorizedAccessException or OverflowException or IndexOutOfRangeException or ArgumentException;
}
