using Iq.Rules.Messages;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports;

/// <summary>How much the console summary says: the verdict line only, the summary, or the evidence of every item.</summary>
public enum Verbosity { Quiet, Normal, Verbose }

/// <summary>The console summary: a line per section with its score and the count of every outcome, then every failed or
/// errored item with actual vs expected and its fix (--verbose: every item with its evidence), the outcome totals, then
/// the verdict. In Chinese or English; colour only when the caller's style has it (a terminal without NO_COLOR). Rendered
/// from the results document the other reports are rendered from (read back from the results bytes), so the console, the
/// JSON and the HTML report give the same counts, scores and verdict.</summary>
public static class ConsoleReport
{
    public sealed record Options(Lang Lang = Lang.En, Style? Style = null, Verbosity Verbosity = Verbosity.Normal);

    static readonly Outcome[] Columns =
        [Outcome.Pass, Outcome.Fail, Outcome.Error, Outcome.NotApplicable, Outcome.NotChecked, Outcome.Informational, Outcome.Waived, Outcome.NotSelected];

    /// <summary>Each checklist's summary in turn, then, for several, the worst verdict and each one's.</summary>
    public static void Write(ResultsSet set, TextWriter o, Options? options = null)
    {
        var reports = set.Audits;
        // What the audit rests on, first: the results file and its seal (docs/trust.md).
        if (set.Source is { } source && (options?.Verbosity ?? Verbosity.Normal) != Verbosity.Quiet)
            o.WriteLine(source.Line().Render(options?.Lang ?? Lang.En) + "\n");
        for (var i = 0; i < reports.Count; i++)
        {
            if (i > 0 && (options?.Verbosity ?? Verbosity.Normal) != Verbosity.Quiet) o.WriteLine($"\n{new string('─', 72)}\n");
            Write(reports[i], o, options);
        }
        if (reports.Count < 2) return;
        var lang = options?.Lang ?? Lang.En;
        o.WriteLine();
        o.WriteLine(Msg.ConsoleOverall.With(VerdictWord(set.Verdict), reports.Count,
            Localized.Items(reports.Select(r => $"{r.Checklist.Id} {(lang == Lang.En ? r.Verdict.ToString().ToLowerInvariant() : VerdictWord(r.Verdict).Render(lang))}"))).Render(lang));
    }

    static ILocalized VerdictWord(Verdict v) => v switch { Verdict.Pass => Msg.VerdictPass.Text, Verdict.Fail => Msg.VerdictFail.Text, _ => Msg.VerdictIncomplete.Text };

    public static void Write(ResultsDocument report, TextWriter o, Options? options = null)
    {
        var (lang, style, verbosity) = options ?? new Options();
        style ??= Style.None;
        string T(ILocalized text) => text.Render(lang);
        var c = report.Checklist;
        if (verbosity != Verbosity.Quiet)
        {
            o.WriteLine(style.Bold(c.Heading(lang)));
            o.WriteLine();
            var heads = Msg.ConsoleCountHeads.Template(lang).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // A column as wide as its widest head and a space (English: 5, as always).
            var column = Math.Max(5, heads.Max(Width) + 1);
            o.WriteLine($"{Fit(T(Msg.ConsoleSection.Text), 40)} {Pad(T(Msg.ConsoleWeight.Text), 6)} {Pad(T(Msg.ConsoleScore.Text), 7)} "
                        + string.Concat(heads.Select(h => Pad(h, column))));
            foreach (var s in report.Root.Sections) WriteSection(o, s, 0, column);
            // Items declared outside any section count in the totals and every other report: a line of their own here, so
            // that the table adds up to the totals.
            var outside = Columns.Select(x => report.Root.Counts[x] - report.Root.Sections.Sum(s => s.Counts[x])).ToArray();
            if (outside.Any(n => n != 0))
                o.WriteLine($"{Fit(T(Msg.ConsoleOutsideSections.Text), 40)} {"—",6} {"—",7} "
                            + string.Concat(outside.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(column))));

            var problems = report.Items.Where(r => r.Outcome is Outcome.Fail or Outcome.Error).ToList();
            if (problems.Count > 0 && verbosity != Verbosity.Verbose)
            {
                o.WriteLine();
                o.WriteLine(T(Msg.ConsoleProblems.With(problems.Count)));
                foreach (var r in problems) WriteRow(o, r, lang, style, evidenceOnly: true);
            }
            if (verbosity == Verbosity.Verbose)
            {
                o.WriteLine();
                o.WriteLine(T(Msg.ConsoleAllItems.With(report.Items.Count)));
                foreach (var r in report.Items) WriteRow(o, r, lang, style, evidenceOnly: false);
            }
            WriteProvenance(report, o, lang);
            var pending = report.Items.Count(r => r.Outcome == Outcome.NotChecked);
            if (pending > 0) o.WriteLine("\n" + T(Msg.ConsolePending.With(pending)));
            o.WriteLine();
            var all = OutcomeCounts.Of(report.Items);
            o.WriteLine(T(Msg.ConsoleCounts.With([.. Columns.Select(x => (object?)all[x]), all.Total])));
        }
        var score = report.Score is { } sc ? Scorer.Format(sc) : "—";
        var verdict = report.Verdict switch
        {
            Verdict.Pass => style.Good(T(Msg.VerdictPass.Text)),
            Verdict.Fail => style.Bad(T(Msg.VerdictFail.Text)),
            _ => style.Warn(T(Msg.VerdictIncomplete.Text)),
        };
        o.WriteLine(T(Msg.ConsoleVerdict.With(score, Scorer.Format(report.Scoring.PassAt), verdict, report.Basis.Text())));
    }

    static void WriteRow(TextWriter o, Rules.Runtime.ItemResult r, Lang lang, Style style, bool evidenceOnly)
    {
        // English words fit in 5 columns (ERROR), Chinese ones in 6 (不通过, 待评审).
        var word = OutcomeWord(r.Outcome, lang, lang == Lang.En ? 5 : 6);
        var outcome = r.Outcome switch
        {
            Outcome.Pass => style.Good(word),
            Outcome.Fail => style.Bad(word),
            Outcome.Error => style.Error(word),
            Outcome.NotChecked or Outcome.Waived => style.Warn(word),
            _ => style.Dim(word),
        };
        // The level in the report's language: in Chinese the clause's verb, 应/宜/可, as the HTML report and the scorecard show
        // it (report-messages.yaml, level.*, quotes the standard's clauses); in English the checklist's word, as always.
        var level = lang == Lang.En ? r.Level.ToString().ToLowerInvariant() : ReportTexts.For(lang.Name()).Level(r.Level);
        // What comes from evidence (an id or title made from fact data, actual values, messages, documents' names) is written
        // with control characters visible (VisibleText): an ESC sequence in a vendor's file name erased the FAIL text.
        o.WriteLine($"  {outcome} {V(r.Id)} [{level}{(r.Clause.Length > 0 ? ", " + r.Clause : "")}] {V(r.TitleIn(lang))}");
        // Among the problems, what did not hold; the parts that did are in --verbose, the JSON and the scorecard.
        // A part that did not decide the outcome (the other side of an or held) is no problem: only --verbose shows it, marked so.
        var shown = evidenceOnly ? r.Evidence.Where(e => e.Holds is not true && e.Decides).ToList() : r.Evidence.ToList();
        foreach (var e in shown)
            o.WriteLine("        " + (evidenceOnly ? "" : e.Mark + " ") + V(e.Line(lang).Render(lang)));
        // Why a document's word was set aside is worded from the row's seal findings, in the report's language (the results'
        // message quotes the English note).
        var message = ReportTexts.For(lang.Name()).Reason(r.Reason, r.Provenance.Notes);
        // --verbose: a judged row says who judged it and when (its message), whatever its outcome.
        // Missing evidence with a reason of its own (a probe's, a training log not found): the parts say only "missing", the
        // message says why, so it is shown too.
        var showMessage = (shown.Count == 0 || r.Reason is ProvenanceNotMet || !evidenceOnly && (r.Outcome is not (Outcome.Fail or Outcome.Pass) || r.Reason is Attested)
                           || r.Reason is MissingEvidence { Facts: var facts } && facts.Any(f => f.Cause is Absence.ProbeError or Absence.Absent))
                          && message.Length > 0;
        if (showMessage) o.WriteLine($"        {V(message)}");
        if (r.Fix is not null && (evidenceOnly || r.Outcome is Outcome.Fail or Outcome.Error))
            o.WriteLine("        " + V(Msg.ConsoleFix.With(r.FixIn(lang)).Render(lang)));
        if (!evidenceOnly) WriteSources(o, r, lang);
    }

    static string V(string text) => Rules.Io.VisibleText.Of(text);

    /// <summary>--verbose: where the row's facts came from, one line per provenance and document (the facts the JSON's
    /// <c>provenance.facts</c>, the HTML and the scorecard list).</summary>
    static void WriteSources(TextWriter o, Rules.Runtime.ItemResult r, Lang lang)
    {
        foreach (var line in ReportWords.FactLines(r))
            o.WriteLine("        " + V(Msg.ConsoleProvenance.With(line).Render(lang)));
    }

    /// <summary>The automatic rows that rest on the vendor's word alone, counted apart; the documents taken as declared
    /// because of their seal; and the findings across documents.</summary>
    static void WriteProvenance(ResultsDocument report, TextWriter o, Lang lang)
    {
        var declared = report.DeclaredOnly;
        if (declared.Total > 0)
        {
            var ids = report.Items.Where(r => r.Automated && r.Provenance.DeclaredOnly).Select(r => r.Id).ToList();
            o.WriteLine();
            o.WriteLine(Msg.ConsoleDeclaredOnly.With(declared.Total, declared.Breakdown(),
                Localized.Concat(Localized.Items(ids.Take(12)), ids.Count > 12 ? Msg.ConsoleMoreIds.With(ids.Count - 12) : Localized.Empty)).Render(lang));
        }
        var notes = report.Items.SelectMany(r => r.Provenance.Notes).Distinct().ToList();
        if (notes.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.ConsoleSeals.Text.Render(lang));
            var words = ReportTexts.For(lang.Name());
            foreach (var n in notes) o.WriteLine($"  {V(n.Text(n.Reason is { } finding ? words.SealFinding(finding) : null).Render(lang))}");
        }
        if (report.Findings.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.ConsoleFindings.With(report.Findings.Count).Render(lang));
            foreach (var f in report.Findings) o.WriteLine($"  {V(f.Text().Render(lang))}");
        }
    }


    static void WriteSection(TextWriter o, SectionScore s, int depth, int column)
    {
        var name = Fit(new string(' ', depth * 2) + s.Id + " " + s.Title, 40);
        var score = s.Score is { } v ? Scorer.Format(v) : "—";
        o.WriteLine($"{name} {Scorer.Format(s.Weight),6} {score,7} " + string.Concat(Columns.Select(x => s.Counts[x].ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(column))));
        foreach (var sub in s.Sections) WriteSection(o, sub, depth + 1, column);
    }

    /// <summary>A row's outcome as the console and explain show it, padded to a display width: in English its name in
    /// capitals (PASS, FAIL), in Chinese the reports' outcome word (通过, 不通过: <see cref="Msg.OutcomeWord"/>).</summary>
    public static string OutcomeWord(Outcome outcome, Lang lang, int width)
    {
        var word = lang == Lang.En ? outcome.Name().ToUpperInvariant() : Msg.OutcomeWord(outcome).Text.Render(lang);
        return DisplayWidth.PadRight(word, width);
    }

    /// <summary>Right-aligns to a display width, counting CJK characters as two columns.</summary>
    static string Pad(string text, int width) => DisplayWidth.PadLeft(text, width);

    static int Width(string text) => DisplayWidth.Of(text);

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
