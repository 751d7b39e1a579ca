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
        if (why.Code is not { } code || MsgCatalog.FactReason(code) != why.Message)
            throw new ArgumentException($"'{why}' is not a fact reason of the catalog (IQ7xxx)");
        var args = new JsonObject();
        foreach (var (arg, value) in MsgCatalog.ArgsOf(why)) args[arg] = value;
        return new JsonObject { [name] = why.Render(Lang.En), ["$code"] = code, ["$args"] = args };
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

    /// <summary>A refused input names its file and the reason (<c>/etc/os-release: Not a regular file: a FIFO</c>); anything
    /// else also names the kind of failure.</summary>
    static string Why(Exception e) => e is Iq.Rules.Io.InputFileException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    /// <summary>What reading a malformed or vanishing /proc, /sys or tool output can throw.</summary>
    static bool Unreadable(Exception e) =>
        e is FormatException or IOException or UnauthorizedAccessException or OverflowException or IndexOutOfRangeException or ArgumentException;
}
