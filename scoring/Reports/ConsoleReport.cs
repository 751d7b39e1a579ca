using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports;

/// <summary>The console summary: a line per section with its score and counts, then every failed or errored
/// item with actual vs expected (the parts that did not hold) and its fix, then the verdict; <c>verbose</c>: every row
/// with all its evidence first, passes too. Plain text, so it reads the same in CI logs. Rendered from the results document
/// the other reports are rendered from (read back from the results bytes), so the console, the JSON and the HTML report
/// give the same counts, scores and verdict.</summary>
public static class ConsoleReport
{
    /// <summary>Each checklist's summary in turn, then, for several, the worst verdict and each one's.</summary>
    public static void Write(ResultsSet set, TextWriter o, bool verbose = false)
    {
        var reports = set.Audits;
        for (var i = 0; i < reports.Count; i++)
        {
            if (i > 0) o.WriteLine($"\n{new string('─', 72)}\n");
            Write(reports[i], o, verbose);
        }
        if (reports.Count < 2) return;
        o.WriteLine();
        o.WriteLine($"Overall verdict: {set.Verdict.ToString().ToUpperInvariant()} — worst of {reports.Count} checklists: "
                    + string.Join(", ", reports.Select(r => $"{r.Checklist.Id} {r.Verdict.ToString().ToLowerInvariant()}")));
    }

    public static void Write(ResultsDocument report, TextWriter o, bool verbose = false)
    {
        var c = report.Checklist;
        o.WriteLine($"{c.Id} {c.Version} — {c.Title}");
        o.WriteLine();
        o.WriteLine($"{"section",-40} {"weight",6} {"score",7}  pass fail  err  n/a  todo");
        foreach (var s in report.Root.Sections) WriteSection(o, s, 0);
        if (verbose)
        {
            o.WriteLine();
            o.WriteLine($"Every row ({report.Items.Count}):");
            foreach (var r in report.Items)
            {
                o.WriteLine($"  {r.Outcome.Name().ToUpperInvariant(),-13} {r.Id} [{r.Level.ToString().ToLowerInvariant()}{(r.Clause.Length > 0 ? ", " + r.Clause : "")}] {r.Title}");
                foreach (var e in r.Evidence) o.WriteLine($"        {Mark(e)} {e.Expression}: actual {e.Actual}, expected {e.Expected}");
                if (r.Evidence.Count == 0 && r.Message.Length > 0) o.WriteLine($"        {r.Message}");
            }
        }
        var problems = report.Items.Where(r => r.Outcome is Outcome.Fail or Outcome.Error).ToList();
        if (problems.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"Failed and errored items ({problems.Count}):");
            foreach (var r in problems)
            {
                o.WriteLine($"  {r.Outcome.Name().ToUpperInvariant(),-5} {r.Id} [{r.Level.ToString().ToLowerInvariant()}{(r.Clause.Length > 0 ? ", " + r.Clause : "")}] {r.Title}");
                // What did not hold; the parts that did are in --verbose, the JSON and the scorecard.
                var against = r.Evidence.Where(e => e.Holds is not true).ToList();
                foreach (var e in against)
                    o.WriteLine($"        {e.Expression}: actual {e.Actual}, expected {e.Expected}");
                if ((against.Count == 0 || r.Reason is ProvenanceNotMet) && r.Message.Length > 0) o.WriteLine($"        {r.Message}");
                if (r.Fix is not null) o.WriteLine($"        fix: {r.Fix}");
            }
        }
        WriteProvenance(report, o);
        var pending = report.Items.Count(r => r.Outcome == Outcome.NotChecked);
        if (pending > 0)
            o.WriteLine($"\n{pending} item(s) await a manual judgment: record it in an attestations document (docs/facts.md).");
        o.WriteLine();
        var score = report.Score is { } sc ? Scorer.Format(sc) : "—";
        o.WriteLine($"Score {score} / 100 (pass at {Scorer.Format(report.Scoring.PassAt)}). Verdict: {report.Verdict.ToString().ToUpperInvariant()} — {report.VerdictReason}");
    }

    /// <summary>The automatic rows that rest on the vendor's word alone, counted apart; the documents taken as declared
    /// because of their seal; and the findings across documents.</summary>
    static void WriteProvenance(ResultsDocument report, TextWriter o)
    {
        var declared = report.DeclaredOnly;
        if (declared.Total > 0)
        {
            var ids = report.Items.Where(r => r.Automated && r.Provenance.DeclaredOnly).Select(r => r.Id).ToList();
            o.WriteLine();
            o.WriteLine($"Declared only: {declared.Total} automatic row(s) decided on declared facts alone, not measured " +
                        $"(pass {declared[Outcome.Pass]}, fail {declared[Outcome.Fail]}, error {declared[Outcome.Error]}): " +
                        string.Join(", ", ids.Take(12)) + (ids.Count > 12 ? $", … ({ids.Count - 12} more)" : ""));
        }
        var notes = report.Items.SelectMany(r => r.Provenance.Notes).Distinct().ToList();
        if (notes.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Seals:");
            foreach (var n in notes) o.WriteLine($"  {n.Describe()}");
        }
        if (report.Findings.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"Findings across documents ({report.Findings.Count}):");
            foreach (var f in report.Findings) o.WriteLine($"  {f.Describe()}");
        }
    }

    static string Mark(Evidence e) => e.Holds switch { true => "✓", false => "✗", null => "?" };

    static void WriteSection(TextWriter o, SectionScore s, int depth)
    {
        var name = Fit(new string(' ', depth * 2) + s.Id + " " + s.Title, 40);
        var score = s.Score is { } v ? Scorer.Format(v) : "—";
        var todo = s.Counts[Outcome.NotChecked];
        o.WriteLine($"{name} {Scorer.Format(s.Weight),6} {score,7}  {s.Counts[Outcome.Pass],4} {s.Counts[Outcome.Fail],4} {s.Counts[Outcome.Error],4} {s.Counts[Outcome.NotApplicable],4} {todo,5}");
        foreach (var sub in s.Sections) WriteSection(o, sub, depth + 1);
    }

    /// <summary>Pads or cuts to a display width, counting CJK characters as two columns.</summary>
    static string Fit(string text, int width)
    {
        var sb = new System.Text.StringBuilder();
        var used = 0;
        foreach (var c in text)
        {
            var w = DisplayWidth.Of(c);
            if (used + w > width - 1 && sb.Length < text.Length) { sb.Append('…'); used++; break; }
            sb.Append(c);
            used += w;
        }
        return sb.Append(' ', Math.Max(0, width - used)).ToString();
    }

}
