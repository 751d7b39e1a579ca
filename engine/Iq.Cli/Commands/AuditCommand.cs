using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Audit;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Scoring;

namespace Iq.Cli.Commands;

/// <summary><c>iq audit [CHECKLIST] --facts DIR … [--json F] [--out DIR]</c>: options to an <see cref="AuditRequest"/>,
/// <see cref="AuditPipeline.Run"/>, the result to the reports asked for. With no options: probe this machine, audit it
/// against the bundled IQ checklist, write iq-report/. Exit 0 when the verdict is pass, 1 when fail or incomplete, 2
/// when the input could not be used.</summary>
static class AuditCommand
{
    public static Command Create(CliContext ctx)
    {
        var checklistArg = Opts.Checklist(ctx);
        var facts = Opts.Facts(ctx);
        var json = new Option<string?>("--json") { Description = ctx.T(Msg.OptJson), HelpName = "FILE" };
        var outDir = new Option<string?>("--out") { Description = ctx.T(Msg.OptOutReport), HelpName = "DIR" };
        var probe = new Option<bool>("--probe") { Description = ctx.T(Msg.OptProbe) };
        var asOf = Opts.AsOf(ctx);
        var timestamp = new Option<bool>("--timestamp") { Description = ctx.T(Msg.OptTimestamp) };
        var scoring = new Option<string?>("--scoring") { Description = ctx.T(Msg.OptScoring), HelpName = "MODEL" };
        var xlsx = new Option<string?>("--xlsx") { Description = ctx.T(Msg.OptXlsx), HelpName = "FILE" };
        var junit = new Option<string?>("--junit") { Description = ctx.T(Msg.OptJunit), HelpName = "FILE" };
        var attestations = new Option<string[]>("--attestations") { Description = ctx.T(Msg.OptAttestations), HelpName = "FILE" };
        var waivers = new Option<string[]>("--waivers") { Description = ctx.T(Msg.OptWaivers), HelpName = "FILE" };
        var reportInfo = new Option<string?>("--report-info") { Description = ctx.T(Msg.OptReportInfo), HelpName = "FILE" };
        var reportFields = new Option<string[]>("--report") { Description = ctx.T(Msg.OptReportField), HelpName = "FIELD=VALUE" };
        var compile = new CompileOptionGroup(ctx);

        var command = new Command("audit", ctx.T(Msg.CmdAudit));
        command.Arguments.Add(checklistArg);
        foreach (var o in new Option[] { facts, json, outDir, probe, asOf, timestamp, scoring, xlsx, junit, attestations, waivers, reportInfo, reportFields })
            command.Options.Add(o);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(checklistArg) ?? Bundled.DefaultChecklist;
            CommandLineErrors.RejectOptionLike(path, parse);
            var given = parse.GetValue(facts) ?? [];
            var output = parse.GetValue(outDir) ?? (given.Length == 0 ? "iq-report" : null);
            var form = $"FIELD=VALUE ({string.Join(", ", ReportInfo.Fields)})";
            var fields = CommandLineValues.Pairs(parse.GetValue(reportFields), "--report", form);
            if (fields.Keys.FirstOrDefault(k => !ReportInfo.Fields.Contains(k)) is { } unknown)
                throw new UsageException(Msg.NeedsPairs.With("--report", form, $"{unknown}={fields[unknown]}"));
            if (parse.GetValue(scoring) is { } model) Opts.OneOf("--scoring", model, Iq.Rules.Model.ScoringSpec.Models);
            // Claimed before anything is printed, so that the human summary goes to stderr when data goes to stdout.
            var targets = new[] { parse.GetValue(json), parse.GetValue(xlsx), parse.GetValue(junit) };
            foreach (var t in targets) ctx.ClaimStdout(t);

            var request = new AuditRequest
            {
                Checklist = AuditChecklist.File(path, compile.Read(parse)),
                FactBundles = given,
                // The probed facts are written as a bundle of their own, so the results can name and hash them.
                Probe = given.Length == 0 || parse.GetValue(probe) ? new ProbeRequest(Path.Combine(output ?? "iq-report", "probe")) : null,
                AsOf = CommandLineValues.AsOf(parse.GetValue(asOf)),
                RecordTime = parse.GetValue(timestamp),
                ScoringModel = parse.GetValue(scoring),
                AttestationFiles = parse.GetValue(attestations) ?? [],
                WaiverFiles = parse.GetValue(waivers) ?? [],
                ReportInfoFile = parse.GetValue(reportInfo),
                ReportFields = fields,
            };

            var result = AuditPipeline.Run(request);
            if (result.Probe is { } probed)
                ctx.Say(Msg.ProbedIn.With(probed.Report.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), probed.Directory));
            foreach (var warning in result.Warnings) ctx.Warn(warning);
            if (result.Report is not { } report) throw new UsageException(result.Errors.ToList());
            ctx.Cancel.ThrowIfCancellationRequested();

            var written = new List<string>();
            void Emit(string? target, Action<Stream> write)
            {
                if (target is null) return;
                ctx.Write(target, write);
                if (target != "-") written.Add(target);
            }
            var language = ctx.ReportLang.Name();
            Emit(parse.GetValue(json), s => JsonReport.Write(report, s));
            Emit(output is null ? null : Path.Combine(output, "results.json"), s => JsonReport.Write(report, s));
            Emit(parse.GetValue(xlsx), s => ScorecardWriter.Write(report, language, s));
            Emit(output is null ? null : Path.Combine(output, "scorecard.xlsx"), s => ScorecardWriter.Write(report, language, s));
            Emit(parse.GetValue(junit), s => JunitReport.Write(report, s));

            ConsoleReport.Write(report, ctx.Human, new ConsoleReport.Options(ctx.Lang, ctx.HumanStyle, ctx.Verbosity));
            foreach (var target in written) ctx.Say(Msg.Written.With(target));
            return report.Score.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
