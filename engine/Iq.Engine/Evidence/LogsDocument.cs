using Iq.Rules.Messages;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Facts;

namespace Iq.Engine.Evidence;

/// <summary>The <c>logs</c> fact document as the sum of its sources. Each <c>iq logs</c> run adds its files to the document
/// already in the bundle (a file analysed again replaces its earlier entry), and the totals are computed from all sources:
/// counts summed, tasks merged by id across files (a lifecycle may be split over rotated logs), first and last event over
/// all. So two runs over a.log and then b.log give the document one run over both gives.</summary>
public static class LogsDocument
{
    const byte Created = 1, Approved = 2, Executed = 4, Completed = 8, Failed = 16;
    static readonly (byte Bit, string Word)[] Stages = [(Created, "created"), (Approved, "approved"), (Executed, "executed"), (Completed, "completed"), (Failed, "failed")];
    static readonly string[] Fields = ["time", "operator", "device", "parameters", "result"];

    public static string StageWords(byte stages) => string.Join(' ', Stages.Where(s => (stages & s.Bit) != 0).Select(s => s.Word));

    static byte StageBits(string words) =>
        (byte)words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(w => Stages.FirstOrDefault(s => s.Word == w).Bit);

    /// <summary>The sources of the logs document in <paramref name="dir"/>, if there is one; a document that cannot be
    /// added to (not a logs document, or one without sources) is an error naming it.</summary>
    public static List<JsonObject> ExistingSources(string dir)
    {
        var path = Path.Combine(dir, "logs.json");
        if (Rules.Io.FileFacts.Of(path, followLinks: false).Kind == Rules.Io.FileKind.Missing) return [];
        // Read as every JSON input is: a FIFO or a device is refused unopened; its size is bounded; bad UTF-8 and a member
        // named twice are errors with their position.
        using var parsed = Rules.Io.JsonInput.Read(path, Rules.Io.InputKind.FactDocument, out _, out var problem);
        if (parsed is null)
            throw new EvidenceInputException(Msg.LogsDocUnread.With($"{problem!.Span.File}:{problem.Span.Line}:{problem.Span.Column}", problem.Text));
        var doc = JsonNode.Parse(parsed.RootElement.GetRawText());
        // The kind read only if it is a string: casting a number or true to string throws.
        if (doc is not JsonObject o || Manifests.JsonSource.Opt(o["kind"]) != "logs")
            throw new EvidenceInputException(Msg.LogsDocWrongKind.With(path));
        if ((o["facts"] as JsonObject)?["sources"] is not JsonArray sources)
            throw new EvidenceInputException(Msg.LogsDocNoSources.With(path));
        // Added to only as iq wrote it: a document changed since (or never sealed) would pass its counts off as measured.
        var seal = Trust.Seals.Check(path, Facts.FactDocuments.Source(path).Sha256, needed: true, trusted: []);
        if (!seal.Holds)
            throw new EvidenceInputException(Msg.LogsDocUnsealed.With(path, seal.Detail));
        var result = sources.Select((s, i) => s as JsonObject ?? throw new EvidenceInputException(Msg.LogsDocNotSource.With(path, i)))
            .Select(s => (JsonObject)s.DeepClone()).ToList();
        // Sealed is not the same as written by iq (anyone can seal a file): every member Aggregate reads is checked here, so
        // that a null, a list or a string where a count belongs is refused at its JSON path instead of crashing the sum.
        var src = new Manifests.JsonSource(path, File.ReadAllBytes(path));
        for (var i = 0; i < result.Count; i++) Check(src, result[i], $"$.facts.sources[{i}]");
        // Read to be written back with more sources: not an input the output must not replace.
        Rules.Io.InputLedger.Release(path);
        Rules.Io.InputLedger.Release(path + Trust.Seals.Extension);
        return result;
    }

    /// <summary>A source as <see cref="LogAnalyzer.Source"/> writes it, as far as <see cref="Add"/> and
    /// <see cref="Aggregate"/> read it: the file's name a string, counts whole numbers, stages strings.</summary>
    static void Check(Manifests.JsonSource src, JsonObject s, string at)
    {
        src.Str(s["file"], at + ".file");
        src.Str(s["sha256"], at + ".sha256", required: false);
        foreach (var name in (string[])["lines", "unparsed", "events", "out_of_order"]) src.Count(s[name], $"{at}.{name}");
        // out_of_order_lines is absent from documents written before iq recorded it: read as none listed.
        foreach (var name in (string[])["unparsed_lines", "out_of_order_lines"])
        {
            var lines = src.Arr(s[name], $"{at}.{name}");
            for (var j = 0; j < lines.Count; j++) src.Count(lines[j] ?? throw src.Fail($"{at}.{name}[{j}]", Msg.JsonExpectedCount.Text), $"{at}.{name}[{j}]");
        }
        foreach (var name in (string[])["events_by_type", "events_with"])
            foreach (var (key, n) in src.Obj(s[name], $"{at}.{name}") ?? [])
                src.Count(n ?? throw src.Fail($"{at}.{name}.{key}", Msg.JsonExpectedCount.Text), $"{at}.{name}.{key}");
        foreach (var (id, words) in src.Obj(s["task_stages"], at + ".task_stages") ?? [])
            src.Str(words ?? throw src.Fail($"{at}.task_stages.{id}", Msg.JsonExpectedString.Text), $"{at}.task_stages.{id}");
        src.Num(s["largest_gap"], at + ".largest_gap");
    }

    /// <summary>The existing sources with the new ones added; a source for the same file replaces the older one.</summary>
    public static List<JsonObject> Add(IEnumerable<JsonObject> existing, IReadOnlyList<JsonObject> added)
    {
        var files = added.Select(s => (string?)s["file"]).ToHashSet(StringComparer.Ordinal);
        return existing.Where(s => !files.Contains((string?)s["file"])).Concat(added).ToList();
    }

    /// <summary>The totals of <paramref name="sources"/> (checked as <see cref="ExistingSources"/> does): a sum past
    /// <see cref="long.MaxValue"/> throws <see cref="OverflowException"/>, not a wrapped negative count.</summary>
    public static JsonObject Aggregate(IReadOnlyList<JsonObject> sources)
    {
        long Sum(string name) => sources.Sum(s => s[name]?.GetValue<long>() ?? 0);
        var events = Sum("events");
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var with = new long[Fields.Length];
        var tasks = new Dictionary<string, byte>(StringComparer.Ordinal);
        DateTimeOffset? first = null, last = null;
        double? gap = null;
        foreach (var s in sources)
        {
            foreach (var (type, n) in s["events_by_type"]?.AsObject() ?? [])
                byType[type] = checked(byType.GetValueOrDefault(type) + n!.GetValue<long>());
            for (var i = 0; i < Fields.Length; i++) with[i] = checked(with[i] + (s["events_with"]?[Fields[i]]?.GetValue<long>() ?? 0));
            foreach (var (id, words) in s["task_stages"]?.AsObject() ?? [])
                tasks[id] = (byte)(tasks.GetValueOrDefault(id) | StageBits(words!.GetValue<string>()));
            if (Time(s["first_event"]) is { } f && (first is null || f < first)) first = f;
            if (Time(s["last_event"]) is { } l && (last is null || l > last)) last = l;
            if (s["largest_gap"] is JsonValue g) gap = Math.Max(gap ?? 0, g.GetValue<double>());
        }
        double Share(int i) => events == 0 ? 0 : Math.Round((double)with[i] / events, 6);
        var all = tasks.Values.ToList();
        return new JsonObject
        {
            ["lines"] = Sum("lines"),
            ["unparsed"] = Sum("unparsed"),
            // Line numbers are per file (sources[].unparsed_lines); the first few, in source order.
            ["unparsed_lines"] = FirstLines(sources, "unparsed_lines"),
            ["events"] = events,
            ["events_by_type"] = new JsonObject(byType.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["tasks"] = (long)all.Count,
            ["tasks_complete"] = (long)all.Count(t => (t & (Created | Approved | Executed)) == (Created | Approved | Executed) && (t & (Completed | Failed)) != 0),
            ["tasks_failed"] = (long)all.Count(t => (t & Failed) != 0),
            ["field_coverage"] = new JsonObject(Fields.Select((f, i) => KeyValuePair.Create(f, (JsonNode?)Share(i)))),
            ["out_of_order"] = Sum("out_of_order"),
            ["out_of_order_lines"] = FirstLines(sources, "out_of_order_lines"),
            ["largest_gap"] = gap,
            ["first_event"] = first?.ToString("O", CultureInfo.InvariantCulture),
            ["last_event"] = last?.ToString("O", CultureInfo.InvariantCulture),
            ["sources"] = new JsonArray(sources.Select(s => (JsonNode)s.DeepClone()).ToArray()),
        };
    }

    static JsonArray FirstLines(IReadOnlyList<JsonObject> sources, string name) =>
        new(sources.SelectMany(s => s[name]?.AsArray().Select(n => n!.GetValue<long>()) ?? []).Take(LogAnalyzer.FirstLines)
            .Select(n => (JsonNode)n).ToArray());

    static DateTimeOffset? Time(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
