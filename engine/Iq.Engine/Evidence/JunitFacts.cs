using Iq.Rules.Messages;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using Iq.Rules.Io;

namespace Iq.Engine.Evidence;

/// <summary>JUnit XML reports of the functional confirmation tests (IQ 4.3.1) to a <c>tests</c> fact document, counted per
/// suite. Read as a stream (a report of a million test cases costs no tree of a million nodes), with DTDs prohibited and no
/// resolver (no entity expansion, no external fetch: an XML bomb is an error) and nesting bounded. A suite's category
/// (interface, data-interface, main-flow) comes from its <c>category</c> property or <c>--category NAME=CATEGORY</c>.
/// Errors name the file and the line.</summary>
public static class JunitFacts
{
    /// <summary>Deeper than any report a test runner writes; deep enough to refuse a nesting bomb early.</summary>
    public const int MaxDepth = 64;

    sealed class Suite(string name)
    {
        public string Name { get; } = name;
        public long Total, Failed, Skipped;
        public string? Category;
        public string? Timestamp, Time;
    }

    /// <summary>"FILE:LINE:COLUMN" of the first <c>&lt;!DOCTYPE</c> in the first 64 KiB, or null.</summary>
    static string? DoctypeAt(string file)
    {
        try
        {
            using var stream = InputFiles.OpenRead(file, InputKind.TestReport);
            var head = new byte[64 * 1024];
            var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var offset = head.AsSpan(0, n).IndexOf("<!DOCTYPE"u8);
            if (offset < 0) return null;
            var (l, c) = Iq.Rules.Io.JsonPositions.Position(head[..n], offset);
            return $"{file}:{l}:{c}";
        }
        catch (IOException) { return null; }
    }

    /// <param name="zone">The zone a suite timestamp without one is read in (<c>iq tests --tz</c>): JUnit writers (Ant, Maven
    /// Surefire, older pytest) write the local wall clock of the machine that ran the tests, with no zone; null: UTC.</param>
    /// <param name="zoneName">How <paramref name="zone"/> was named, for the facts (local_times.zone).</param>
    public static JsonObject Read(IEnumerable<string> files, IReadOnlyDictionary<string, string> categories, CancellationToken cancel = default,
        TimeZoneInfo? zone = null, string zoneName = "UTC")
    {
        zone ??= TimeZoneInfo.Utc;
        long localSuites = 0, localSkipped = 0;
        var wildcards = categories.Select(c => (Pattern: Wildcard(c.Key), Category: c.Value)).ToList();
        var suites = new JsonArray();
        long total = 0, passed = 0, failed = 0, skipped = 0;
        DateTimeOffset? started = null, finished = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreComments = true,
            IgnoreProcessingInstructions = true, IgnoreWhitespace = true,
        };
        foreach (var file in files)
        {
            if (InputFiles.Refusal(file, InputKind.TestReport) is { Code: Rules.Diagnostics.Codes.FileNotFound }) throw new EvidenceInputException(Msg.EvFileNotFound.With(file));
            using var stream = InputFiles.OpenRead(file, InputKind.TestReport, 1 << 16);
            using var reader = XmlReader.Create(stream, settings);
            var line = (IXmlLineInfo)reader;
            string At() => $"{file}:{line.LineNumber}:{line.LinePosition}";
            try
            {
                var found = new List<Suite>();
                var open = new Stack<Suite>();          // testsuite elements (they may nest)
                var inCase = -1;                        // depth of the open testcase, -1 when none
                bool caseFailed = false, caseSkipped = false;
                var root = true;
                while (reader.Read())
                {
                    if ((found.Count & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                    if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        if (reader.Name == "testsuite" && open.Count > 0) open.Pop();
                        else if (reader.Name == "testcase" && inCase == reader.Depth) EndCase();
                        continue;
                    }
                    if (reader.NodeType != XmlNodeType.Element) continue;
                    if (reader.Depth > MaxDepth) throw new EvidenceInputException(Msg.JunitTooDeep.With(At(), MaxDepth));
                    if (root)
                    {
                        root = false;
                        if (reader.Name is not ("testsuites" or "testsuite"))
                            throw new EvidenceInputException(Msg.JunitBadRoot.With(At(), reader.Name));
                    }
                    switch (reader.Name)
                    {
                        case "testsuite":
                            // A suite inside a suite counts toward the outer one (as the report's top-level suites are listed).
                            var suite = open.Count > 0 ? open.Peek() : new Suite(reader.GetAttribute("name") ?? "");
                            if (open.Count == 0)
                            {
                                found.Add(suite);
                                suite.Timestamp = reader.GetAttribute("timestamp");
                                suite.Time = reader.GetAttribute("time");
                            }
                            if (!reader.IsEmptyElement) open.Push(suite);
                            break;
                        case "testcase" when inCase < 0:
                            caseFailed = caseSkipped = false;
                            inCase = reader.Depth;
                            if (reader.IsEmptyElement) EndCase();
                            break;
                        case "failure" or "error" when inCase >= 0 && reader.Depth == inCase + 1:
                            caseFailed = true;
                            break;
                        case "skipped" when inCase >= 0 && reader.Depth == inCase + 1:
                            caseSkipped = true;
                            break;
                        case "property" when open.Count > 0 && inCase < 0 && reader.GetAttribute("name") == "category":
                            open.Peek().Category ??= reader.GetAttribute("value");
                            break;
                    }
                }
                foreach (var s in found)
                {
                    var category = s.Category ?? wildcards.FirstOrDefault(c => c.Pattern.IsMatch(s.Name)).Category ?? "other";
                    var p = s.Total - s.Failed - s.Skipped;
                    suites.Add(new JsonObject { ["name"] = s.Name, ["category"] = category, ["total"] = s.Total, ["passed"] = p, ["failed"] = s.Failed, ["skipped"] = s.Skipped });
                    total += s.Total; failed += s.Failed; skipped += s.Skipped; passed += p;
                    // When the suite ran: its timestamp plus its time. A timestamp without a zone (as JUnit's schema writes it)
                    // is the wall clock of the machine that ran the tests: read in --tz (else UTC), counted for the facts.
                    var (instant, wall) = s.Timestamp is { } stamp ? LogAnalyzer.ReadTime(stamp) : (null, null);
                    if (wall is { } shown)
                    {
                        localSuites++;
                        instant = LogAnalyzer.InZone(zone, shown);
                        if (instant is null) localSkipped++;
                    }
                    if (instant is { } at)
                    {
                        var seconds = double.TryParse(s.Time, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and < 1e9 ? d : 0;
                        // A timestamp near the end of the calendar plus its time would overflow: the end is then the timestamp.
                        var end = seconds < (DateTimeOffset.MaxValue - at).TotalSeconds ? at.AddSeconds(seconds) : at;
                        if (started is null || at < started) started = at;
                        if (finished is null || end > finished) finished = end;
                    }
                }

                void EndCase()
                {
                    inCase = -1;
                    if (open.Count == 0) return;
                    var s = open.Peek();
                    s.Total++;
                    if (caseFailed) s.Failed++;
                    else if (caseSkipped) s.Skipped++;
                }
            }
            catch (XmlException e)
            {
                // The DTD refusal comes without a position (and the reader's is reset): the DOCTYPE is found in the file's head.
                var at = e.LineNumber > 0 ? $"{file}:{e.LineNumber}:{e.LinePosition}" : line.LineNumber > 0 ? At() : DoctypeAt(file) ?? file;
                throw new EvidenceInputException(Msg.JunitNotXml.With(at, LibraryError.Xml(e)));
            }
        }
        var facts = new JsonObject { ["total"] = total, ["passed"] = passed, ["failed"] = failed, ["skipped"] = skipped, ["suites"] = suites };
        if (started is { } first) facts["started"] = Iso(first);
        if (finished is { } last) facts["finished"] = Iso(last);
        // The zone the timestamps without one were read in, in the facts: the assumption said, not made silently.
        if (localSuites > 0) facts["local_times"] = new JsonObject { ["zone"] = zoneName, ["suites"] = localSuites, ["skipped"] = localSkipped };
        return facts;
    }

    static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFZ", CultureInfo.InvariantCulture);

    /// <summary>A suite name pattern with * wildcards, matched without backtracking (in time linear in the name): as a
    /// backtracking regex, "*a*a…*c" against a long suite name ran past its timeout (a crash). A pattern too large for the
    /// matcher's automaton is refused.</summary>
    static System.Text.RegularExpressions.Regex Wildcard(string pattern)
    {
        try
        {
            return new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$",
                System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            throw new EvidenceInputException(Msg.OptionProblem.With("--category", Msg.GlobTooComplex.With(pattern.Length > 60 ? pattern[..60] + "…" : pattern, 1000)));
        }
    }
}
