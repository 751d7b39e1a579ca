using System.Globalization;
using System.Text;
using System.Xml;
using Iq.Rules.Runtime;

namespace Iq.Scoring.Reports;

/// <summary>JUnit XML for CI: a test suite per top-level section, a test case per result row. Fail is a failure, error an
/// error (both with actual vs expected); notapplicable, notchecked, waived, notselected and informational are skipped.</summary>
public static class JunitReport
{
    public static void Write(AuditReport report, Stream stream) => Write(ResultsDocument.From(report), stream);

    /// <summary>One checklist, or several: one document, their suites in turn, each suite's name then starting with its
    /// checklist's id.</summary>
    public static void Write(ResultsSet set, Stream stream)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var w = XmlWriter.Create(stream, settings);
        w.WriteStartElement("testsuites");
        w.WriteAttributeString("name", string.Join(" + ", set.Audits.Select(a => $"{a.Checklist.Id} {a.Checklist.Version}")));
        Counts(w, set.Audits.SelectMany(a => a.Items).ToList());
        foreach (var report in set.Audits) WriteSuites(w, report, set.Several ? report.Checklist.Id + " " : "");
        w.WriteEndElement();
    }

    static void WriteSuites(XmlWriter w, ResultsDocument report, string prefix)
    {
        var titles = report.Root.Sections.ToDictionary(s => s.Id, s => $"{s.Id} {s.Title}");
        var groups = report.Items.GroupBy(r => report.TopSectionOf(r) is { } top ? titles[top] : report.Checklist.Id).ToList();
        foreach (var g in groups)
        {
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", prefix + g.Key);
            Counts(w, g.ToList());
            foreach (var r in g)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", $"{report.Checklist.Id}.{r.SectionId}");
                w.WriteAttributeString("name", $"{r.Id} {r.Title}");
                var detail = string.Join("\n", r.Evidence.Select(e => $"{e.Expression}: actual {e.Actual}, expected {e.Expected}"))
                             + (r.Fix is null ? "" : $"\nfix: {r.Fix}");
                switch (r.Outcome)
                {
                    case Outcome.Fail:
                        w.WriteStartElement("failure");
                        w.WriteAttributeString("message", r.Message);
                        w.WriteAttributeString("type", r.Level.ToString().ToLowerInvariant());
                        w.WriteString(detail);
                        w.WriteEndElement();
                        break;
                    case Outcome.Error:
                        w.WriteStartElement("error");
                        w.WriteAttributeString("message", r.Message);
                        w.WriteString(detail);
                        w.WriteEndElement();
                        break;
                    case Outcome.Pass:
                        break;
                    default:
                        w.WriteStartElement("skipped");
                        w.WriteAttributeString("message", $"{r.Outcome.Name()}: {r.Message}");
                        w.WriteEndElement();
                        break;
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }

    static void Counts(XmlWriter w, IReadOnlyCollection<ItemResult> rows)
    {
        w.WriteAttributeString("tests", rows.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", rows.Count(r => r.Outcome == Outcome.Fail).ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", rows.Count(r => r.Outcome == Outcome.Error).ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("skipped", rows.Count(r => r.Outcome is not (Outcome.Pass or Outcome.Fail or Outcome.Error)).ToString(CultureInfo.InvariantCulture));
    }
}
