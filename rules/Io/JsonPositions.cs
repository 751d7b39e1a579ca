using System.Text;
using System.Text.Json;

namespace Iq.Rules.Io;

/// <summary>Finds the line and column of a JSON path (<c>$.facts.gpus[0].memory</c>) in a document,
/// so a wrong type is reported where it is written. Runs only when there is an error to report. Every JSON reader of
/// iq (fact documents, report information, manifests, snapshots) positions its messages with it.</summary>
public static class JsonPositions
{
    public static (int Line, int Column) Find(byte[] json, string path, bool name = false)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
        var stack = new List<(bool IsArray, string Name, int Index)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        if (name && stack.Count > 0 && $"{stack[^1].Name}.{property}" == path) return Position(json, (int)reader.TokenStartIndex);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                }
                var here = Current(stack, property);
                if (here == path) return Position(json, (int)reader.TokenStartIndex);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add((reader.TokenType == JsonTokenType.StartArray, here, -1));
                    property = null;
                }
            }
        }
        catch (JsonException) { }
        return (1, 1);

        string Current(List<(bool IsArray, string Name, int Index)> s, string? prop)
        {
            if (s.Count == 0) return "$";
            var top = s[^1];
            if (top.IsArray)
            {
                s[^1] = top with { Index = top.Index + 1 };
                return $"{top.Name}[{top.Index + 1}]";
            }
            return $"{top.Name}.{prop}";
        }
    }

    /// <summary>The positions of every value whose path <paramref name="wanted"/> accepts, in one reading of the document
    /// (for many paths at once: a list of a hundred thousand judgments is read once, not a hundred thousand times).</summary>
    public static Dictionary<string, (int Line, int Column)> FindAll(byte[] json, Func<string, bool> wanted)
    {
        var found = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
        var stack = new List<(bool IsArray, string Name, int Index)>();
        string? property = null;
        int line = 1, lineStart = 0, scanned = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                }
                string here;
                if (stack.Count == 0) here = "$";
                else if (stack[^1].IsArray)
                {
                    stack[^1] = stack[^1] with { Index = stack[^1].Index + 1 };
                    here = $"{stack[^1].Name}[{stack[^1].Index}]";
                }
                else here = $"{stack[^1].Name}.{property}";
                if (wanted(here))
                {
                    var offset = (int)reader.TokenStartIndex;
                    for (; scanned < offset && scanned < json.Length; scanned++)
                        if (json[scanned] == (byte)'\n') { line++; lineStart = scanned + 1; }
                    found[here] = (line, Encoding.UTF8.GetCharCount(json, lineStart, Math.Max(0, offset - lineStart)) + 1);
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add((reader.TokenType == JsonTokenType.StartArray, here, -1));
                    property = null;
                }
            }
        }
        catch (JsonException) { }
        return found;
    }

    public static (int Line, int Column) Position(byte[] json, int offset)
    {
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset && i < json.Length; i++)
            if (json[i] == (byte)'\n') { line++; lineStart = i + 1; }
        return (line, Encoding.UTF8.GetCharCount(json, lineStart, Math.Max(0, Math.Min(offset, json.Length) - lineStart)) + 1);
    }
}

/// <summary>The JSON every reader of iq accepts: nesting bounded, comments skipped, a member named twice refused (which
/// of the two would count is a guess).</summary>
public static class JsonInput
{
    public const int MaxDepth = 64;

    public static readonly System.Text.Json.JsonDocumentOptions Options = new()
    {
        MaxDepth = MaxDepth, CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowDuplicateProperties = false,
    };

    /// <summary>Null for UTF-8 text; else "Not UTF-8 text" at the first bad byte. System.Text.Json parses a document whose
    /// strings hold invalid UTF-8 and throws only when a string is read, so every JSON reader checks the bytes first.</summary>
    public static Iq.Rules.Diagnostics.Diagnostic? NotUtf8(byte[] bytes, string file)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var offset = 0;
        try { new UTF8Encoding(false, true).GetCharCount(bytes); }
        catch (DecoderFallbackException e) { offset = Math.Max(0, e.Index); }
        var (line, column) = JsonPositions.Position(bytes, offset);
        return Iq.Rules.Diagnostics.Diagnostic.Error(
            Iq.Rules.Messages.Msg.NotUtf8Json.With(bytes[Math.Min(offset, bytes.Length - 1)].ToString("X2", System.Globalization.CultureInfo.InvariantCulture), offset),
            new Iq.Rules.Diagnostics.SourceSpan(file, line, column));
    }

    /// <summary>The JSON text of an input's bytes, the one place every JSON reader of iq takes it from: the strict UTF-8
    /// check runs over every byte first (so a "Not UTF-8" offset is the file's), then a leading UTF-8 byte-order mark is
    /// dropped. Windows tools (Notepad) write one; RFC 8259 §8.1 lets a parser ignore it. The document, its paths'
    /// positions and a parse error's line and column are then those of the bytes after it, as an editor shows them.
    /// Null with the problem when the bytes are not UTF-8.</summary>
    public static ReadOnlyMemory<byte>? Text(ReadOnlyMemory<byte> bytes, string file, out Iq.Rules.Diagnostics.Diagnostic? problem)
    {
        problem = System.Text.Unicode.Utf8.IsValid(bytes.Span) ? null : NotUtf8(bytes.ToArray(), file);
        if (problem is not null) return null;
        var text = bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        problem = LoneSurrogate(text.Span, file);
        // Not "problem is null ? text : null": null converts to an empty ReadOnlyMemory there, and an empty text would be read.
        if (problem is not null) return null;
        return text;
    }

    /// <summary>Null, or "not text" at a <c>\uD800</c>-style escape that is half of a UTF-16 pair without its other half.
    /// System.Text.Json parses such a string and throws only when it is read, which made any string of any input an
    /// internal error (exit 3); JSON text (RFC 8259 §8.2) with one is not Unicode, so it is refused where it is written.</summary>
    public static Iq.Rules.Diagnostics.Diagnostic? LoneSurrogate(ReadOnlySpan<byte> json, string file)
    {
        var i = json.IndexOf((byte)'\\');
        if (i < 0) return null;
        while (i < json.Length)
        {
            var next = json[i..].IndexOf((byte)'\\');
            if (next < 0) return null;
            i += next;
            if (i + 1 >= json.Length) return null;
            if (json[i + 1] != (byte)'u' || Hex(json, i + 2) is not { } unit) { i += 2; continue; }
            if (unit is >= 0xDC00 and <= 0xDFFF) return At(json, i, unit, file);
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 7 < json.Length && json[i + 6] == (byte)'\\' && json[i + 7] == (byte)'u' && Hex(json, i + 8) is >= 0xDC00 and <= 0xDFFF)
                { i += 12; continue; }
                return At(json, i, unit, file);
            }
            i += 6;
        }
        return null;

        static Iq.Rules.Diagnostics.Diagnostic At(ReadOnlySpan<byte> json, int offset, int unit, string file)
        {
            var (line, column) = JsonPositions.Position(json.ToArray(), offset);
            return Iq.Rules.Diagnostics.Diagnostic.Error(
                Iq.Rules.Messages.Msg.LoneSurrogateJson.With(unit.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)),
                new Iq.Rules.Diagnostics.SourceSpan(file, line, column));
        }

        static int? Hex(ReadOnlySpan<byte> s, int at) =>
            at + 4 <= s.Length && int.TryParse(Encoding.ASCII.GetString(s.Slice(at, 4)), System.Globalization.NumberStyles.AllowHexSpecifier,
                System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary><see cref="Text(ReadOnlyMemory{byte}, string, out Iq.Rules.Diagnostics.Diagnostic?)"/> as an array: the
    /// same array when there is no mark, a copy without it when there is.</summary>
    public static byte[]? Text(byte[] bytes, string file, out Iq.Rules.Diagnostics.Diagnostic? problem) =>
        Text((ReadOnlyMemory<byte>)bytes, file, out problem) is { } text ? (text.Length == bytes.Length ? bytes : text.ToArray()) : null;

    /// <summary>"Malformed JSON: …" with the line and column of a parse error, as a diagnostic. A member named twice is
    /// reported without a position by the parser: it is found in <paramref name="bytes"/>, when given.</summary>
    public static Iq.Rules.Diagnostics.Diagnostic Malformed(System.Text.Json.JsonException e, string file, byte[]? bytes = null)
    {
        var (line, column) = ((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
        if (e.LineNumber is null && bytes is not null && DuplicateAt(bytes) is { } offset) (line, column) = JsonPositions.Position(bytes, offset);
        return Iq.Rules.Diagnostics.Diagnostic.Error(
            Iq.Rules.Messages.Msg.MalformedJson.With(Iq.Rules.Messages.LibraryError.Json(e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' '))), new Iq.Rules.Diagnostics.SourceSpan(file, line, column));
    }

    /// <summary>Reads a JSON input file as every JSON reader of iq does: a bounded regular file (<see cref="InputFiles"/>),
    /// UTF-8, well formed, no member named twice in an object. Null with the problem (file, line and column) otherwise.</summary>
    public static System.Text.Json.JsonDocument? Read(string path, InputKind kind, out byte[] bytes, out Iq.Rules.Diagnostics.Diagnostic? problem)
    {
        bytes = [];
        try { bytes = InputFiles.ReadAllBytes(path, kind); }
        catch (InputFileException e)
        {
            problem = e.ToDiagnostic();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = Iq.Rules.Diagnostics.Diagnostic.Error(Iq.Rules.Messages.Msg.InputCannotRead.With(Iq.Rules.Messages.LibraryError.Io(e)), Iq.Rules.Diagnostics.SourceSpan.None(path));
            return null;
        }
        var text = Text(bytes, path, out problem);
        if (text is null) return null;
        bytes = text;
        // The text, not the bytes again: one byte-order mark is dropped, once (a second one is then content, and malformed).
        return ParseText(bytes, path, out problem);
    }

    /// <summary>Parses JSON bytes read from <paramref name="file"/> with the checks of <see cref="Read"/> (a leading
    /// byte-order mark dropped, see <see cref="Text(byte[], string, out Iq.Rules.Diagnostics.Diagnostic?)"/>).</summary>
    public static System.Text.Json.JsonDocument? Parse(byte[] bytes, string file, out Iq.Rules.Diagnostics.Diagnostic? problem)
    {
        var text = Text(bytes, file, out problem);
        return text is null ? null : ParseText(text, file, out problem);
    }

    /// <summary>Parses text already taken from its bytes (<see cref="Text(byte[], string, out Iq.Rules.Diagnostics.Diagnostic?)"/>).</summary>
    static System.Text.Json.JsonDocument? ParseText(byte[] text, string file, out Iq.Rules.Diagnostics.Diagnostic? problem)
    {
        problem = null;
        try { return System.Text.Json.JsonDocument.Parse(text, Options); }
        catch (System.Text.Json.JsonException e)
        {
            problem = Malformed(e, file, text);
            return null;
        }
    }

    /// <summary>The offset of the first member named a second time in its object, or null.</summary>
    public static int? DuplicateAt(byte[] bytes)
    {
        var reader = new System.Text.Json.Utf8JsonReader(bytes, new System.Text.Json.JsonReaderOptions
            { MaxDepth = 256, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        var names = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case System.Text.Json.JsonTokenType.StartObject: names.Push(new HashSet<string>(StringComparer.Ordinal)); break;
                    case System.Text.Json.JsonTokenType.EndObject: names.Pop(); break;
                    case System.Text.Json.JsonTokenType.PropertyName when names.Count > 0:
                        if (!names.Peek().Add(reader.GetString()!)) return (int)reader.TokenStartIndex;
                        break;
                }
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { }
        return null;
    }
}
