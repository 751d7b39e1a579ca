using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Audit;
using Iq.Engine.Reports;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Scoring;

namespace Iq.Cli.Commands;

/// <summary><c>iq audit [CHECKLIST…] --facts DIR … [--json F] [--out DIR]</c>: options to an <see cref="AuditRequest"/>,
/// <see cref="AuditPipeline.Run"/>, the result to the reports asked for. Several checklists audit the same facts, each
/// with its own score and verdict, in one set of reports. Exit 0 when the verdict (the worst, for several) is pass, 1 when
/// fail or incomplete, 2 when the input could not be used.</summary>
static class AuditCommand
{
    public static Command Create(CliContext ctx)
    {
        var checklistArg = new Argument<string[]>("checklist") { Description = ctx.T(Msg.ArgChecklists), Arity = ArgumentArity.ZeroOrMore, HelpName = "CHECKLIST" };
        var facts = Opts.Facts(ctx);
        var outDir = new Option<string?>("--out") { Description = ctx.T(Msg.OptOutReport), HelpName = "DIR" };
        var probe = new Option<bool>("--probe") { Description = ctx.T(Msg.OptProbe) };
        var asOf = Opts.AsOf(ctx);
        var timestamp = new Option<bool>("--timestamp") { Description = ctx.T(Msg.OptTimestamp) };
        var scoring = new Option<string?>("--scoring") { Description = ctx.T(Msg.OptScoring), HelpName = "MODEL" };
        var attestations = new Option<string[]>("--attestations") { Description = ctx.T(Msg.OptAttestations), HelpName = "FILE" };
        var waivers = new Option<string[]>("--waivers") { Description = ctx.T(Msg.OptWaivers), HelpName = "FILE" };
        var reportInfo = new Option<string?>("--report-info") { Description = ctx.T(Msg.OptReportInfo), HelpName = "FILE" };
        var reportFields = new Option<string[]>("--report") { Description = ctx.T(Msg.OptReportField), HelpName = "FIELD=VALUE" };
        var reports = new ReportOutputGroup(ctx);
        var archive = new Option<string?>("--archive") { Description = ctx.T(Msg.OptArchive), HelpName = "FILE" };
        var compile = new CompileOptionGroup(ctx);
        var sign = new SignKeyOption(ctx);
        var trust = new TrustKeyOption(ctx);
        var encoding = EncodingOption.Create(ctx, Msg.EncodingOfJudgments);

        var command = new Command("audit", ctx.T(Msg.CmdAudit));
        command.Arguments.Add(checklistArg);
        foreach (var o in new Option[] { facts, outDir, probe, asOf, timestamp, scoring, attestations, waivers, reportInfo, reportFields })
            command.Options.Add(o);
        reports.AddTo(command);
        command.Options.Add(archive);
        compile.AddTo(command);
        sign.AddTo(command);
        trust.AddTo(command);
        command.Options.Add(encoding);
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(checklistArg) is { Length: > 0 } named ? named : [Bundled.DefaultChecklist];
            foreach (var p in paths) CommandLineErrors.RejectOptionLike(p, parse);
            var given = parse.GetValue(facts) ?? [];
            var output = parse.GetValue(outDir) ?? (given.Length == 0 ? "iq-report" : null);
            var form = $"FIELD=VALUE ({string.Join(", ", ReportInfo.Fields)})";
            var fields = CommandLineValues.Pairs(parse.GetValue(reportFields), "--report", form);
            if (fields.Keys.FirstOrDefault(k => !ReportInfo.Fields.Contains(k)) is { } unknown)
                throw new UsageException(Msg.NeedsPairs.With("--report", form, $"{unknown}={fields[unknown]}"));
            if (parse.GetValue(scoring) is { } model) Opts.OneOf("--scoring", model, Iq.Rules.Model.ScoringSpec.Models);
            // Claimed before anything is printed, so that the human summary goes to stderr when data goes to stdout.
            var targets = reports.Read(parse);
            var archivePath = parse.GetValue(archive);
            ctx.ClaimStdout(archivePath);
            using var key = sign.Read(parse);
            // Every file of the run, the probe's bundle included, is written all or none at the end.
            using var outputs = ctx.Outputs();
            if (output is not null) outputs.MakesFolder(output); // --out DIR is made; a report file's folder must be there
            var request = new AuditRequest
            {
                SigningKey = key,
                TrustKeys = trust.Read(parse),
                InputEncoding = EncodingOption.Read(parse, encoding),
                Checklists = [.. paths.Select(p => AuditChecklist.File(p, compile.Read(parse)))],
                FactBundles = given,
                // The probed facts are written as a bundle of their own, so the results can name and hash them.
                Probe = given.Length == 0 || parse.GetValue(probe) ? new ProbeRequest(Path.Combine(output ?? "iq-report", "probe")) : null,
                // Only a given --as-of is recorded: the report's dates never fall back on the wall clock.
                AsOf = parse.GetValue(asOf) is { } at ? CommandLineValues.AsOf(at) : null,
                RecordTime = parse.GetValue(timestamp),
                ScoringModel = parse.GetValue(scoring),
                AttestationFiles = parse.GetValue(attestations) ?? [],
                WaiverFiles = parse.GetValue(waivers) ?? [],
                ReportInfoFile = parse.GetValue(reportInfo),
                ReportFields = fields,
                Outputs = outputs,
                Cancel = ctx.Cancel,
            };

            var result = AuditPipeline.Run(request);
            if (result.Probe is { } probed)
                ctx.Say(Msg.ProbedIn.With(probed.Report.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), probed.Directory));
            foreach (var warning in result.Warnings) ctx.Warn(warning);
            if (!result.Succeeded) throw new UsageException(result.Errors.ToList());
            ctx.Cancel.ThrowIfCancellationRequested();

            // Rendered from the results bytes read back, as `iq report` renders them: byte-identical by construction.
            var language = ctx.ReportLang.Name();
            var bytes = ResultsJson.Bytes(ResultsSet.From(result.Reports, language));
            var extra = output is null ? [] : new (string? Path, string Kind)[] { (Path.Combine(output, "results.json"), "json"), (Path.Combine(output, "scorecard.xlsx"), "xlsx") };
            // The reports say what they rest on as `iq report` would say it of the results file this run writes and seals.
            string?[] resultsFiles = [targets.Json, .. extra.Where(e => e.Kind == "json").Select(e => e.Path)];
            var document = ReportOutputGroup.Reread(bytes) with { Source = ReportOutputGroup.SourceOf(bytes, resultsFiles, key) };
            var rendered = ReportOutputGroup.Render(ctx, document, bytes, targets, language, extra, outputs);
            // Results and reports carry their own hash (and, with a key, a signature) in a seal beside them.
            ReportOutputGroup.Seal(rendered, key, outputs, document.Source, resultsFiles);
            if (archivePath is not null)
            {
                // The archive holds the reports as rendered (they are not in place yet: every file appears at the commit).
                var diagnostics = new Iq.Rules.Diagnostics.DiagnosticBag();
                AuditArchive.Write(archivePath, bytes, document, rendered.Where(r => r.Path != "-").Select(r => (r.Path, (byte[]?)r.Bytes)), diagnostics, outputs);
                if (diagnostics.HasErrors) throw new UsageException(diagnostics.Items.ToList());
                // Sealed as every other file the audit writes, and as `iq seal` would seal it: a copy changed later fails
                // `iq verify`, and `iq report` of it refuses. Written to standard output it has no seal (nothing beside it).
                if (outputs.Pending(archivePath) is { } zip) ReportOutputGroup.Seal([(archivePath, zip)], key, outputs);
            }
            var written = rendered.Select(r => r.Path).Where(p => p != "-").ToList();
            if (archivePath is not null && archivePath != "-") written.Add(archivePath);
            outputs.Commit(ctx.Cancel);

            // The console of the audit itself needs no "rendered from" line (it is the source); the reports handed over keep it.
            ConsoleReport.Write(document with { Source = null }, ctx.Human, new ConsoleReport.Options(ctx.Lang, ctx.HumanStyle, ctx.Verbosity));
            // A form handed over (HTML, scorecard, PDF) with C.1's signature fields empty shows "not filled" there: said here
            // too, once, with the options that fill them, so that an unsigned form is not handed over unnoticed.
            if (targets.Html is not null || targets.Xlsx is not null || targets.Pdf is not null || output is not null)
            {
                string[] signature = ["assessors", "signer", "sign_date"];
                var empty = signature.Where(f => document.Audits.Any(a => string.IsNullOrWhiteSpace(a.Info.Get(f)))).ToList();
                if (empty.Count > 0) ctx.Say(Msg.C1NotFilled.With(new C1Fields(empty), string.Join(" ", empty.Select(f => "--report " + f + "=…"))));
            }
            foreach (var target in written) ctx.Say(Msg.Written.With(target));
            return result.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}

/// <summary>C.1 fields by the labels the forms give them (评估人员, 签发人), in the reader's language.</summary>
sealed record C1Fields(IReadOnlyList<string> Fields) : ILocalized
{
    public string Render(Lang lang)
    {
        var t = Iq.Scoring.Text.ReportTexts.For(lang.Name());
        return string.Join(t.IsChinese ? "、" : ", ", Fields.Select(f => t["c1." + f]));
    }
}
