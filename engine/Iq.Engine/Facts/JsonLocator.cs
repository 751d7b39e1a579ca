using System.Text;
using System.Text.Json;

namespace Iq.Engine.Facts;

/// <summary>Finds the line and column of a JSON path (<c>$.facts.gpus[0].memory</c>) in a document,
/// so a wrong type is reported where it is written. Runs only when there is an error to report.</summary>
static class JsonLocator
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

    public static (int Line, int Column) Position(byte[] json, int offset)
    {
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset && i < json.Length; i++)
            if (json[i] == (byte)'\n') { line++; lineStart = i + 1; }
        return (line, Encoding.UTF8.GetCharCount(json, lineStart, Math.Max(0, Math.Min(offset, json.Length) - lineStart)) + 1);
    }
}
