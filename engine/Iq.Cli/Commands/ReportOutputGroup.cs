using System.CommandLine;
using Iq.Engine.Reports;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Text;

namespace Iq.Cli.Commands;

/// <summary>The report files <c>iq audit</c> and <c>iq report</c> write, rendered on one code path from a results
/// document read back from its own bytes: --json, --xlsx, --html, --junit, --pdf (and --lang). Since the audit renders
/// from what it would write to results.json, <c>iq report results.json</c> writes byte-identical files.</summary>
sealed class ReportOutputGroup(bool languageDefaultsToResults)
{
    public readonly Option<string?> Json = new("--json") { Description = "Write the results (schema iq.results/2; iq.results-set/1 for several checklists) to this file" };
    public readonly Option<string?> Xlsx = new("--xlsx") { Description = "Write the Excel scorecard (Annex C layout) to this file" };
    public readonly Option<string?> Html = new("--html") { Description = "Write the HTML report (one self-contained file) to this file" };
    public readonly Option<string?> Junit = new("--junit") { Description = "Write JUnit XML (a test case per item) to this file" };
    public readonly Option<string?> Pdf = new("--pdf") { Description = "Write the PDF report (the HTML printed by a headless Chromium) to this file" };
    public readonly Option<string?> Lang = LangOption(languageDefaultsToResults);

    static Option<string?> LangOption(bool fromResults)
    {
        var lang = new Option<string?>("--lang")
        {
            Description = fromResults ? "Report language, zh or en (default: the language the audit used)" : "Report language: zh (default) or en",
        };
        if (!fromResults) lang.DefaultValueFactory = _ => "zh";
        lang.AcceptOnlyFromAmong("zh", "en");
        return lang;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Xlsx);
        command.Options.Add(Html);
        command.Options.Add(Junit);
        command.Options.Add(Pdf);
        command.Options.Add(Lang);
    }

    public sealed record Targets(string? Json, string? Xlsx, string? Html, string? Junit, string? Pdf, string? Lang)
    {
        public bool Any => (Json ?? Xlsx ?? Html ?? Junit ?? Pdf) is not null;
    }

    public Targets Read(ParseResult parse) =>
        new(parse.GetValue(Json), parse.GetValue(Xlsx), parse.GetValue(Html), parse.GetValue(Junit), parse.GetValue(Pdf), parse.GetValue(Lang));

    /// <summary>The results bytes read back as the document every report is rendered from.</summary>
    public static ResultsSet Reread(byte[] bytes)
    {
        var diagnostics = new DiagnosticBag();
        return ResultsJson.ReadSet(bytes, "<results>", diagnostics)
               ?? throw new InvalidOperationException("the results just written do not read back: " + string.Join("; ", diagnostics.Items));
    }

    /// <summary>Writes every report asked for (plus <paramref name="extra"/>, path and renderer), each through a temporary
    /// file and a rename; returns the files written. A PDF without a browser is a usage error naming what to install,
    /// checked before anything is written.</summary>
    public static List<string> Render(ResultsSet doc, byte[] jsonBytes, Targets targets, IEnumerable<(string? Path, string Kind)> extra)
    {
        var lang = targets.Lang ?? doc.First.Language;
        if (targets.Pdf is not null && PdfPrinter.FindBrowser() is null) throw new UsageException(PdfPrinter.InstallHint);
        var jobs = new List<(string? Path, string Kind)> { (targets.Json, "json"), (targets.Xlsx, "xlsx"), (targets.Html, "html"), (targets.Junit, "junit") };
        jobs.AddRange(extra);
        // Charts are drawn only in a font that has their glyphs: refused before anything is written, never drawn as boxes.
        if (targets.Pdf is not null || jobs.Any(j => j.Path is not null && j.Kind is "xlsx" or "html"))
            foreach (var audit in doc.Audits)
                if (ReportCharts.FontProblem(audit, ReportTexts.For(lang)) is { } problem) throw new UsageException(problem);
        var written = new List<string>();
        void Emit(string? target, Action<Stream> write)
        {
            if (target is null) return;
            AtomicFile.Write(target, write);
            written.Add(target);
        }
        foreach (var (path, kind) in jobs)
        {
            switch (kind)
            {
                case "json": Emit(path, s => s.Write(jsonBytes)); break;
                case "xlsx": Emit(path, s => ScorecardWriter.Write(doc, lang, s)); break;
                case "html": Emit(path, s => HtmlReport.Write(doc, lang, s)); break;
                case "junit": Emit(path, s => JunitReport.Write(doc, s)); break;
            }
        }
        if (targets.Pdf is { } pdf)
        {
            var work = Directory.CreateTempSubdirectory("iq-pdf-").FullName;
            try
            {
                var html = Path.Combine(work, "report.html");
                File.WriteAllText(html, HtmlReport.Render(doc, lang));
                var printed = Path.Combine(work, "report.pdf");
                if (PdfPrinter.Print(html, printed) is { } problem) throw new UsageException(problem);
                Emit(pdf, s => { using var f = File.OpenRead(printed); f.CopyTo(s); });
            }
            finally { Directory.Delete(work, recursive: true); }
        }
        return written;
    }
}
