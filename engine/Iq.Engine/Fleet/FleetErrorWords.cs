using System.Text.Json;
using Iq.Rules.Messages;

namespace Iq.Engine.Fleet;

/// <summary>A bundle's error as the store keeps it beside its English text (<c>audits.error_words</c>): the catalog's
/// messages by name with their arguments, and the text between them, so that a report or an export words it in the
/// language it is asked for. Stored as text in the run's language, a run's error came out in Chinese under
/// <c>--lang en</c> (fresh eyes 6, F-C5). JSON: an array whose parts are text or <c>{"message": name, "args": [...]}</c>, an
/// argument its English text, a message of its own, or a library's quoted English <c>{"library", "text"}</c>. A message not in the catalog is kept as its English text; words
/// this iq cannot read (a newer iq's message, a changed argument list) are no words, and the stored text stands.</summary>
public static class FleetErrorWords
{
    static readonly Dictionary<object, string> Names = MsgCatalog.All
        .GroupBy(x => (object)x.Message, ReferenceEqualityComparer.Instance).ToDictionary(g => g.Key, g => g.First().Name, ReferenceEqualityComparer.Instance);

    static readonly Dictionary<string, Message> ByName = MsgCatalog.All.ToDictionary(x => x.Name, x => x.Message, StringComparer.Ordinal);

    /// <summary>The words as the store keeps them (compact JSON).</summary>
    public static string Json(MixedText words)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var part in words.Parts)
                if (part is MessageText m) Write(w, m);
                else w.WriteStringValue((string)part);
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static void Write(Utf8JsonWriter w, MessageText m)
    {
        if (!Names.TryGetValue(m.Message, out var name))
        {
            w.WriteStringValue(m.Render(Lang.En));
            return;
        }
        w.WriteStartObject();
        w.WriteString("message", name);
        w.WriteStartArray("args");
        foreach (var v in m.Values)
            if (v is MessageText inner) Write(w, inner);
            else if (v is LibraryQuote q)
            {
                // A library's English quoted as a detail: kept as such, so Chinese quotes it after the kind again.
                w.WriteStartObject();
                w.WriteString("library", q.Library);
                w.WriteString("text", q.Text);
                w.WriteEndObject();
            }
            else w.WriteStringValue(Message.Whole(v, Lang.En));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A stored error: its words where they can be read, else its text as stored (an audit stored before words were
    /// kept, or by a newer iq).</summary>
    public static ILocalized Read(string text, string? json)
    {
        if (json is null) return Localized.Verbatim(text);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return Localized.Verbatim(text);
            var parts = new List<object>();
            foreach (var p in doc.RootElement.EnumerateArray())
            {
                object? part = p.ValueKind == JsonValueKind.String ? p.GetString()! : Word(p);
                if (part is null) return Localized.Verbatim(text);
                parts.Add(part);
            }
            return new MixedText(parts);
        }
        catch (JsonException) { return Localized.Verbatim(text); }
    }

    static MessageText? Word(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("message", out var name) || name.ValueKind != JsonValueKind.String
            || !ByName.TryGetValue(name.GetString()!, out var message)
            || !e.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() != message.Args.Count)
            return null;
        var values = new List<object?>(message.Args.Count);
        foreach (var a in args.EnumerateArray())
        {
            object? value = a.ValueKind == JsonValueKind.String ? a.GetString()! : Quote(a) ?? (object?)Word(a);
            if (value is null) return null;
            values.Add(value);
        }
        return message.With([.. values]);
    }

    static LibraryQuote? Quote(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("library", out var library) && library.ValueKind == JsonValueKind.String
            && e.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? new LibraryQuote(library.GetString()!, text.GetString()!) : null;
}
