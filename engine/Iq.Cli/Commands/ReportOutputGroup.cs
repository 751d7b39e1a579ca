using System.CommandLine;
using Iq.Engine.Reports;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;

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

    /// <summary>Renders every report asked for (plus <paramref name="extra"/>, path and renderer) and adds each to
    /// <paramref name="outputs"/>, which writes them all or none when committed (a temporary beside each target, renamed
    /// into place once every one is complete). Returns the reports rendered, path and bytes (standard output's too). A
    /// PDF without a browser is a usage error naming what to install, found before anything is written.</summary>
    public static List<(string Path, byte[] Bytes)> Render(ResultsSet doc, byte[] jsonBytes, Targets targets,
        IEnumerable<(string? Path, string Kind)> extra, Outputs outputs)
    {
        var lang = targets.Lang ?? doc.First.Language;
        if (targets.Pdf is not null && PdfPrinter.FindBrowser() is null) throw new UsageException(PdfPrinter.InstallHint);
        var rendered = new List<(string Path, byte[] Bytes)>();
        void Emit(string? target, Action<Stream> write)
        {
            if (target is null) return;
            using var memory = new MemoryStream();
            write(memory);
            var bytes = memory.ToArray();
            outputs.Add(target, s => s.Write(bytes));
            rendered.Add((target, bytes));
        }
        var jobs = new List<(string? Path, string Kind)> { (targets.Json, "json"), (targets.Xlsx, "xlsx"), (targets.Html, "html"), (targets.Junit, "junit") };
        jobs.AddRange(extra);
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
                var bytes = File.ReadAllBytes(printed);
                Emit(pdf, s => s.Write(bytes));
            }
            finally { Directory.Delete(work, recursive: true); }
        }
        return rendered;
    }

    /// <summary>A seal beside each report written to a file (not standard output, not a device or pipe the user gave),
    /// among the run's outputs: the reports and their seals appear together or not at all.</summary>
    public static void Seal(IEnumerable<(string Path, byte[] Bytes)> rendered, Iq.Engine.Trust.SigningKey? key, Outputs outputs)
    {
        foreach (var (path, bytes) in rendered)
            if (path != "-" && FileFacts.Of(path).Kind is FileKind.Regular or FileKind.Missing)
                outputs.Add(Iq.Engine.Trust.Seals.PathOf(path), s => s.Write(Iq.Engine.Trust.Seals.Bytes(path, bytes, key)));
    }
}
