using System.Text;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Iq.Scoring.Judgments;

/// <summary>A YAML node as iq reads it: plain data with its position, built from the parser's events without recursion.</summary>
public abstract record YamlItem(int Line, int Column);
public sealed record YamlText(string Value, int Line, int Column) : YamlItem(Line, Column);
public sealed record YamlList(List<YamlItem> Items, int Line, int Column) : YamlItem(Line, Column);
public sealed record YamlMap(List<(YamlText Key, YamlItem Value)> Pairs, int Line, int Column) : YamlItem(Line, Column);

/// <summary>The YAML every reader of iq accepts: the first document, nested at most <see cref="MaxDepth"/> deep, no aliases
/// (an alias bomb expands a few lines into billions of nodes; a judgment file needs none), keys plain and never twice in one
/// mapping (which of the two would count is a guess). Built from YamlDotNet's event stream, so depth costs no stack.</summary>
public static class YamlInput
{
    public const int MaxDepth = 64;

    /// <summary>The document's root, or null with a diagnostic (malformed, too deep, an alias, a duplicate key). An empty
    /// file is an empty list.</summary>
    public static YamlItem? Read(string text, string path, DiagnosticBag diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<(YamlItem Node, YamlText? PendingKey)>();
        YamlItem? root = null;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                var (line, column) = ((int)e.Start.Line, (int)e.Start.Column);
                switch (e)
                {
                    case DocumentEnd when root is not null:
                        return root;
                    case AnchorAlias alias:
                        return Fail(Msg.YamlAlias.With(alias.Value));
                    case Scalar s:
                        if (!Add(new YamlText(s.Value, line, column), out var error)) return Fail(error!);
                        break;
                    case SequenceStart:
                        if (stack.Count >= MaxDepth) return Fail(Msg.YamlTooDeep.With(MaxDepth));
                        var list = new YamlList([], line, column);
                        if (!Add(list, out error)) return Fail(error!);
                        stack.Push((list, null));
                        break;
                    case MappingStart:
                        if (stack.Count >= MaxDepth) return Fail(Msg.YamlTooDeep.With(MaxDepth));
                        var map = new YamlMap([], line, column);
                        if (!Add(map, out error)) return Fail(error!);
                        stack.Push((map, null));
                        break;
                    case SequenceEnd or MappingEnd:
                        stack.Pop();
                        break;
                }

                YamlItem? Fail(MessageText message)
                {
                    diagnostics.Error(message, new SourceSpan(path, line, column));
                    return null;
                }
            }
        }
        catch (Exception x) when (x is YamlException or InvalidOperationException or ArgumentException)
        {
            var at = x is YamlException y ? new SourceSpan(path, (int)y.Start.Line, (int)y.Start.Column) : SourceSpan.None(path);
            diagnostics.Error(Msg.MalformedYaml.With(x.Message), at);
            return null;
        }
        return root ?? new YamlList([], 1, 1);

        bool Add(YamlItem item, out MessageText? error)
        {
            error = null;
            if (stack.Count == 0)
            {
                root ??= item;
                return true;
            }
            var (parent, pending) = stack.Peek();
            switch (parent)
            {
                case YamlList l:
                    l.Items.Add(item);
                    return true;
                case YamlMap m when pending is null:
                    if (item is not YamlText key)
                    {
                        error = Msg.YamlKeyNotPlain.Text;
                        return false;
                    }
                    if (m.Pairs.Any(p => p.Key.Value == key.Value))
                    {
                        error = Msg.YamlDuplicateKey.With(Cut(key.Value));
                        return false;
                    }
                    stack.Pop();
                    stack.Push((m, key));
                    return true;
                case YamlMap m:
                    m.Pairs.Add((pending, item));
                    stack.Pop();
                    stack.Push((m, null));
                    return true;
            }
            return true;
        }
    }

    static string Cut(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary>CSV records (RFC 4180: commas, quoted fields with "" inside, line breaks inside quotes) with the physical line
/// each starts on, the header being line 1: a message about a record names the line a text editor shows. Written here
/// because no served CSV reader reports the line of a record whose earlier fields spanned lines.</summary>
public static class CsvInput
{
    /// <summary>The header and the records (blank lines skipped), or null with a diagnostic (an open quote, a header
    /// naming a column twice).</summary>
    public static (string[] Header, List<(string[] Fields, int Line)> Records)? Read(string text, string path, DiagnosticBag diagnostics)
    {
        var records = new List<(string[] Fields, int Line)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            var end = i == text.Length;
            if (quoted && !end)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (quoted && end)
            {
                diagnostics.Error(Msg.MalformedCsv.With(Msg.CsvQuoteNotClosed.Text), new SourceSpan(path, recordLine, 1));
                return null;
            }
            switch (c)
            {
                case '"' when !fieldStarted && field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    if (fields.Count > 1 || fields[0].Length > 0) records.Add((fields.ToArray(), recordLine));
                    fields.Clear();
                    if (!end) line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (records.Count == 0 || records[0].Fields.All(h => h.Trim().Length == 0))
        {
            diagnostics.Error(Msg.EmptyCsv.Text, SourceSpan.None(path));
            return null;
        }
        var header = records[0].Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var twice = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1 && g.Key.Length > 0);
        if (twice is not null)
        {
            diagnostics.Error(Msg.CsvColumnTwice.With(twice.Key), new SourceSpan(path, records[0].Line, 1));
            return null;
        }
        return (header, records.Skip(1).ToList());
    }
}
