using Iq.Rules.Io;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Facts;
using Iq.Rules.Binding;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Iq.Engine.Model;

/// <summary>Reads a vendor's model description (001 ch. 4 and the claims of ch. 5), YAML or JSON, either bare or as a
/// <c>model_description</c> fact document, and checks it against the fact schema: the same check and messages as any
/// bundle document, positioned at the line and column of the YAML. Plain YAML scalars take the type the schema asks
/// for (<c>version: 1.0</c> is the string "1.0" where a string is expected), so a description reads as it is written.
/// Anchors and aliases are refused (they could make a small file expand without bound); so is nesting deeper than 64.</summary>
public static class DescriptionReader
{
    public const long MaxBytes = 8L * 1024 * 1024;
    const int MaxDepth = 64;

    public static FactRoot Root => FactSchema.Default.Roots.First(r => r.Kind == "model_description");

    /// <summary>The description's facts, or null with the diagnostics saying why.</summary>
    public static (JsonObject? Facts, IReadOnlyList<Diagnostic> Diagnostics) Read(string path)
    {
        var diagnostics = new DiagnosticBag();
        // Read as every input is: a FIFO or a device is refused unopened; strict UTF-8 (a name garbled into U+FFFD is wrong).
        if (InputFiles.Refusal(path, InputKind.Description) is { Code: Codes.FileNotFound })
        {
            diagnostics.Error(Msg.DescriptionNotFound.With(path), SourceSpan.None(path));
            return (null, diagnostics.Items);
        }
        string text;
        try
        {
            var bytes = InputFiles.ReadAllBytes(path, InputKind.Description);
            if (bytes.Length > MaxBytes)
            {
                diagnostics.Error(Msg.DescriptionTooLarge.With(bytes.Length, MaxBytes), SourceSpan.None(path));
                return (null, diagnostics.Items);
            }
            text = Iq.Rules.Syntax.TextDecoding.Decode(bytes, null, encodingOption: false);
        }
        catch (InputFileException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return (null, diagnostics.Items);
        }
        catch (Iq.Rules.Syntax.TextDecodingException e)
        {
            diagnostics.Error(e.Text, new SourceSpan(path, e.Line, e.Column));
            return (null, diagnostics.Items);
        }
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(text))
                stream.Load(reader);
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (stream.Documents.Count > 1)
                diagnostics.Error(Msg.DescriptionSeveralDocuments.Text, Span(path, stream.Documents[1].RootNode.Start));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } cause && e.Message.Contains("Exception during deserialization", StringComparison.Ordinal) ? cause.Message : e.Message;
            diagnostics.Error(Msg.MalformedYamlAt.With(message.Split('\n')[0].TrimEnd('.')), Span(path, e.Start));
            return (null, diagnostics.Items);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's own state error on some unterminated flow collections: still malformed input, not ours.
            diagnostics.Error(Msg.YamlUnterminated.Text, SourceSpan.None(path));
            return (null, diagnostics.Items);
        }
        catch (ArgumentException)
        {
            // YamlDotNet's representation model meets an event it cannot place (a stray alias such as "[a]*&"), where a
            // YAML parser such as PyYAML reports "while scanning an alias": malformed input, not ours.
            diagnostics.Error(Msg.YamlBadAlias.Text, SourceSpan.None(path));
            return (null, diagnostics.Items);
        }
        if (root is not YamlMappingNode top)
        {
            diagnostics.Error(Msg.DescriptionNotMapping.Text, root is null ? SourceSpan.None(path) : Span(path, root.Start));
            return (null, diagnostics.Items);
        }
        var marks = new Dictionary<string, (Mark Key, Mark Value)>(StringComparer.Ordinal);
        var facts = top;
        // A full fact document: its facts are the description.
        if (top.Children.TryGetValue(new YamlScalarNode("kind"), out var kind) && kind is YamlScalarNode { Value: "model_description" }
            && top.Children.TryGetValue(new YamlScalarNode("facts"), out var inner) && inner is YamlMappingNode f)
            facts = f;
        JsonNode? json;
        try { json = ToJson(facts, Root.Type, "$", 0, marks, diagnostics, path); }
        catch (TooDeepException e)
        {
            diagnostics.Error(Msg.DescriptionTooDeep.With(MaxDepth, e.Path), SourceSpan.None(path));
            return (null, diagnostics.Items);
        }
        if (diagnostics.HasErrors) return (null, diagnostics.Items);
        using var doc = JsonDocument.Parse(json!.ToJsonString());
        var value = FactBundleReader.Validate(doc.RootElement, Root, path, (jsonPath, name) =>
        {
            var at = marks.TryGetValue(jsonPath, out var m) ? (name ? m.Key : m.Value) : Mark.Empty;
            return ((int)at.Line, (int)at.Column);
        }, diagnostics);
        return value is null ? (null, Diagnostic.Sort(diagnostics.Items)) : ((JsonObject)json, []);
    }

    /// <summary>Nesting past <see cref="MaxDepth"/>, at a JSON path: the reader stops there.</summary>
    sealed class TooDeepException(string path) : Exception(path)
    {
        public string Path { get; } = path;
    }

    static SourceSpan Span(string path, Mark m) => new(path, (int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));

    static JsonNode? ToJson(YamlNode node, IqType type, string path, int depth, Dictionary<string, (Mark, Mark)> marks, DiagnosticBag diagnostics, string file)
    {
        if (depth > MaxDepth) throw new TooDeepException(path);
        if (!node.Anchor.IsEmpty)
        {
            diagnostics.Error(Msg.DescriptionAnchors.With(node.Anchor.ToString(), path), Span(file, node.Start));
            return null;
        }
        switch (node)
        {
            case YamlMappingNode map:
            {
                var o = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode s ? s.Value ?? "" : "";
                    var childPath = $"{path}.{key}";
                    marks[childPath] = (k.Start, v.Start);
                    var memberType = type switch
                    {
                        ObjectType ot => ot.Member(key)?.Type ?? IqType.Any,
                        MapType mt => mt.Value,
                        _ => IqType.Any,
                    };
                    o[key] = ToJson(v, memberType, childPath, depth + 1, marks, diagnostics, file);
                }
                return o;
            }
            case YamlSequenceNode seq:
            {
                var a = new JsonArray();
                var element = type is ListType lt ? lt.Element : IqType.Any;
                var i = 0;
                foreach (var item in seq.Children)
                {
                    var childPath = $"{path}[{i++}]";
                    marks[childPath] = (item.Start, item.Start);
                    a.Add(ToJson(item, element, childPath, depth + 1, marks, diagnostics, file));
                }
                return a;
            }
            case YamlScalarNode scalar:
                return Scalar(scalar, type);
            default:
                return null;
        }
    }

    /// <summary>A scalar as the schema expects it; anything else keeps its YAML core-schema type so that the check
    /// reports it ("expected a number, got string …").</summary>
    static JsonNode? Scalar(YamlScalarNode s, IqType type)
    {
        var text = s.Value ?? "";
        var plain = s.Style == ScalarStyle.Plain;
        if (plain && text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (type == IqType.String || type == IqType.Version || type == IqType.Date) return JsonValue.Create(text);
        if (plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            && (type == IqType.Number || type == IqType.Size || type == IqType.Duration || type == IqType.Any))
            return JsonValue.Create(d);
        if (plain && (type == IqType.Bool || type == IqType.Any) && text is "true" or "false" or "True" or "False")
            return JsonValue.Create(text is "true" or "True");
        return JsonValue.Create(text);
    }
}
