using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;

namespace Iq.Engine.Evidence;

/// <summary>JUnit XML reports of the functional confirmation tests (IQ 4.3.1) to a <c>tests</c> fact document, counted per
/// suite. Read with DTDs prohibited and no resolver: no entity expansion, no external fetch (an XML bomb is an error).
/// A suite's category (interface, data-interface, main-flow) comes from its <c>category</c> property or <c>--category NAME=CATEGORY</c>.</summary>
public static class JunitFacts
{
    public static JsonObject Read(IEnumerable<string> files, IReadOnlyDictionary<string, string> categories)
    {
        var suites = new JsonArray();
        long total = 0, passed = 0, failed = 0, skipped = 0;
        DateTimeOffset? started = null, finished = null;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreComments = true };
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new EvidenceInputException($"{file}: file not found");
            var doc = new XmlDocument { XmlResolver = null };
            try
            {
                using var reader = XmlReader.Create(file, settings);
                doc.Load(reader);
            }
            catch (XmlException e)
            {
                var at = e.LineNumber > 0 ? $"{file}:{e.LineNumber}:{e.LinePosition}" : file;
                throw new EvidenceInputException($"{at}: not a JUnit XML report: {e.Message.Split(" Line ")[0]}");
            }
            var suiteNodes = doc.DocumentElement?.Name switch
            {
                "testsuites" => doc.DocumentElement.SelectNodes("testsuite")!.Cast<XmlElement>().ToList(),
                "testsuite" => [doc.DocumentElement],
                _ => throw new EvidenceInputException($"{file}: the root element is <{doc.DocumentElement?.Name}>, not <testsuites> or <testsuite>"),
            };
            foreach (var suite in suiteNodes)
            {
                var name = suite.GetAttribute("name");
                var cases = suite.SelectNodes(".//testcase")!.Cast<XmlElement>().ToList();
                long f = cases.Count(c => c["failure"] is not null || c["error"] is not null);
                long s = cases.Count(c => c["skipped"] is not null && c["failure"] is null && c["error"] is null);
                long t = cases.Count;
                var category = suite.SelectSingleNode("properties/property[@name='category']/@value")?.Value
                               ?? categories.FirstOrDefault(c => Matches(name, c.Key)).Value ?? "other";
                suites.Add(new JsonObject { ["name"] = name, ["category"] = category, ["total"] = t, ["passed"] = t - f - s, ["failed"] = f, ["skipped"] = s });
                total += t; failed += f; skipped += s; passed += t - f - s;
                // When the suite ran: its timestamp (no zone in JUnit: read as UTC unless it gives one) plus its time.
                if (DateTimeOffset.TryParse(suite.GetAttribute("timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    var seconds = double.TryParse(suite.GetAttribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and < 1e9 ? d : 0;
                    if (started is null || at < started) started = at;
                    if (finished is null || at.AddSeconds(seconds) > finished) finished = at.AddSeconds(seconds);
                }
            }
        }
        var facts = new JsonObject { ["total"] = total, ["passed"] = passed, ["failed"] = failed, ["skipped"] = skipped, ["suites"] = suites };
        if (started is { } first) facts["started"] = Iso(first);
        if (finished is { } last) facts["finished"] = Iso(last);
        return facts;
    }

    static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFZ", CultureInfo.InvariantCulture);

    /// <summary>A suite name against a pattern with * wildcards.</summary>
    static bool Matches(string name, string pattern) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
