using System.Globalization;
using System.Text;
using System.Xml;
using Iq.Rules.Io;
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
        Attribute(w, "name", string.Join(" + ", set.Audits.Select(a => a.Checklist.Name(Rules.Messages.Lang.En))));
        Counts(w, set.Audits.SelectMany(a => a.Items).ToList());
        foreach (var report in set.Audits) WriteSuites(w, report, set.Several ? report.Checklist.Id + " " : "");
        w.WriteEndElement();
    }

    /// <summary>Every string from evidence goes through <see cref="VisibleText"/>: a character XML cannot hold (ESC in a file
    /// name read from a vendor's checksum list) made the writer throw and the whole report an internal error.</summary>
    static void Attribute(XmlWriter w, string name, string value) => w.WriteAttributeString(name, VisibleText.Of(value));

    static void WriteSuites(XmlWriter w, ResultsDocument report, string prefix)
    {
        var titles = report.Root.Sections.ToDictionary(s => s.Id, s => $"{s.Id} {s.Title}");
        var groups = report.Items.GroupBy(r => report.TopSectionOf(r) is { } top ? titles[top] : report.Checklist.Id).ToList();
        foreach (var g in groups)
        {
            w.WriteStartElement("testsuite");
            Attribute(w, "name", prefix + g.Key);
            Counts(w, g.ToList());
            foreach (var r in g)
            {
                w.WriteStartElement("testcase");
                Attribute(w, "classname", $"{report.Checklist.Id}.{r.SectionId}");
                Attribute(w, "name", $"{r.Id} {r.Title}");
                var detail = string.Join("\n", r.Evidence.Select(e => $"{e.Expression}: actual {e.Actual}, expected {e.Expected}"))
                             + (r.Fix is null ? "" : $"\nfix: {r.Fix}");
                switch (r.Outcome)
                {
                    case Outcome.Fail:
                        w.WriteStartElement("failure");
                        Attribute(w, "message", r.Message);
                        w.WriteAttributeString("type", r.Level.ToString().ToLowerInvariant());
                        w.WriteString(VisibleText.Of(detail));
                        w.WriteEndElement();
                        break;
                    case Outcome.Error:
                        w.WriteStartElement("error");
                        Attribute(w, "message", r.Message);
                        w.WriteString(VisibleText.Of(detail));
                        w.WriteEndElement();
                        break;
                    case Outcome.Pass:
                        break;
                    default:
                        w.WriteStartElement("skipped");
                        Attribute(w, "message", $"{r.Outcome.Name()}: {r.Message}");
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
