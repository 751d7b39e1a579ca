using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Reports;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Text;

namespace Iq.Cli.Commands;

/// <summary>The report files <c>iq audit</c> and <c>iq report</c> write, rendered on one code path from a results
/// document read back from its own bytes: --json, --xlsx, --html, --junit, --pdf, each a file or <c>-</c> for stdout.
/// Their language is the global <c>--lang</c>; without it, Chinese for an audit and the results' own language for
/// <c>iq report</c>. Since the audit renders from what it would write to results.json, <c>iq report results.json</c>
/// writes byte-identical files.</summary>
sealed class ReportOutputGroup(CliContext ctx)
{
    public readonly Option<string?> Json = new("--json") { Description = ctx.T(Msg.OptJson), HelpName = "FILE" };
    public readonly Option<string?> Xlsx = new("--xlsx") { Description = ctx.T(Msg.OptXlsx), HelpName = "FILE" };
    public readonly Option<string?> Html = new("--html") { Description = ctx.T(Msg.OptHtml), HelpName = "FILE" };
    public readonly Option<string?> Junit = new("--junit") { Description = ctx.T(Msg.OptJunit), HelpName = "FILE" };
    public readonly Option<string?> Pdf = new("--pdf") { Description = ctx.T(Msg.OptPdf), HelpName = "FILE" };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Xlsx);
        command.Options.Add(Html);
        command.Options.Add(Junit);
        command.Options.Add(Pdf);
    }

    public sealed record Targets(string? Json, string? Xlsx, string? Html, string? Junit, string? Pdf)
    {
        public bool Any => (Json ?? Xlsx ?? Html ?? Junit ?? Pdf) is not null;
        public IEnumerable<string?> All => [Json, Xlsx, Html, Junit, Pdf];
    }

    /// <summary>The targets asked for; a <c>-</c> among them claims stdout now, before anything is printed, so that the
    /// human summary goes to stderr.</summary>
    public Targets Read(ParseResult parse)
    {
        var targets = new Targets(parse.GetValue(Json), parse.GetValue(Xlsx), parse.GetValue(Html), parse.GetValue(Junit), parse.GetValue(Pdf));
        foreach (var t in targets.All) ctx.ClaimStdout(t);
        return targets;
    }

    /// <summary>The results bytes read back as the document every report is rendered from.</summary>
    public static ResultsSet Reread(byte[] bytes)
    {
        var diagnostics = new DiagnosticBag();
        return ResultsJson.ReadSet(bytes, "<results>", diagnostics)
               ?? throw new InvalidOperationException("the results just written do not read back: " + string.Join("; ", diagnostics.Items));
    }

    /// <summary>Renders every report asked for (plus <paramref name="extra"/>, path and renderer), each to stdout for
    /// <c>-</c>, else to a file, and adds each to <paramref name="outputs"/>, which writes them all or none when committed
    /// (a temporary beside each target, renamed into place once every one is complete). Returns the reports rendered, path
    /// and bytes (standard output's too). A PDF without a browser, or charts no installed font draws, is a usage error
    /// naming what to install, found before anything is written.</summary>
    public static List<(string Path, byte[] Bytes)> Render(CliContext ctx, ResultsSet doc, byte[] jsonBytes, Targets targets, string lang,
        IEnumerable<(string? Path, string Kind)> extra, Outputs outputs)
    {
        if (targets.Pdf is not null && PdfPrinter.FindBrowser() is null) throw new UsageException(PdfPrinter.InstallHint);
        var jobs = new List<(string? Path, string Kind)> { (targets.Json, "json"), (targets.Xlsx, "xlsx"), (targets.Html, "html"), (targets.Junit, "junit") };
        jobs.AddRange(extra);
        // Charts are drawn only in a font that has their glyphs: refused before anything is written, never drawn as boxes.
        if (targets.Pdf is not null || jobs.Any(j => j.Path is not null && j.Kind is "xlsx" or "html"))
            foreach (var audit in doc.Audits)
                if (ReportCharts.FontProblem(audit, ReportTexts.For(lang)) is { } problem) throw new UsageException(problem);
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
        foreach (var (path, kind) in jobs)
        {
            ctx.Cancel.ThrowIfCancellationRequested();
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

    /// <summary>What an audit's reports rest on: the first results file among <paramref name="results"/> that
    /// <see cref="Seal"/> seals (a file, not standard output, not a device or pipe), named as <c>iq report</c> names it when
    /// its seal holds, so that the audit's reports and those re-rendered from that file are the same bytes; else results not
    /// written to a sealed file.</summary>
    public static ReportSource SourceOf(byte[] results, IEnumerable<string?> paths, Iq.Engine.Trust.SigningKey? key)
    {
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(results));
        return paths.FirstOrDefault(Sealable) is { } path ? ReportSource.Sealed(path, sha256, key?.KeyId) : ReportSource.NotWritten(sha256);
    }

    static bool Sealable(string? path) => path is not null && path != "-" && FileFacts.Of(path).Kind is FileKind.Regular or FileKind.Missing;

    /// <summary>A seal beside each report written to a file (not standard output, not a device or pipe the user gave),
    /// among the run's outputs: the reports and their seals appear together or not at all.</summary>
    /// <param name="source">What the reports were rendered from: recorded in each report's seal (iq verify says it), except
    /// in the seal of the results file that is the source itself (<paramref name="results"/>, the audit's own).</param>
    public static void Seal(IEnumerable<(string Path, byte[] Bytes)> rendered, Iq.Engine.Trust.SigningKey? key, Outputs outputs,
        ReportSource? source = null, IEnumerable<string?>? results = null)
    {
        var own = (results ?? []).OfType<string>().Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, bytes) in rendered)
            if (Sealable(path))
            {
                var from = source is null || own.Contains(Path.GetFullPath(path)) ? null : Iq.Engine.Trust.RenderedFrom.Of(source);
                outputs.Add(Iq.Engine.Trust.Seals.PathOf(path), s => s.Write(Iq.Engine.Trust.Seals.Bytes(path, bytes, key, from)));
            }
    }
}
