using System.CommandLine;
using Iq.Engine.Facts;
using Iq.Rules.Model;
using Iq.Scoring.Reports;
using Iq.Scoring.Scoring;

namespace Iq.Cli.Commands;

/// <summary><c>iq audit [CHECKLIST] --facts DIR … [--json F] [--out DIR]</c>: evaluate, score, report.
/// Exit 0 when the verdict is pass, 1 when fail or incomplete.</summary>
static class AuditCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var checklistArg = new Argument<string?>("checklist")
        {
            Description = "The checklist (.iq); the bundled IQ checklist when omitted",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var facts = new Option<string[]>("--facts") { Description = "A fact bundle folder (repeatable)" };
        var json = new Option<string?>("--json") { Description = "Write the results (schema iq.results/1) to this file" };
        var outDir = new Option<string?>("--out") { Description = "Write results.json (and, with --probe, the probed facts) into this folder" };
        var probe = new Option<bool>("--probe") { Description = "Probe this machine and audit it with the other bundles (the default when no --facts is given)" };
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this date/time (ISO 8601), for reproducible days_since()" };
        var timestamp = new Option<bool>("--timestamp") { Description = "Record the evaluation time in the results JSON" };
        var scoring = new Option<string?>("--scoring") { Description = "Scoring model: weighted, default, flat, flat-unweighted or absolute (overrides the checklist's)" };
        scoring.AcceptOnlyFromAmong([.. Iq.Rules.Model.ScoringSpec.Models]);
        var xlsx = new Option<string?>("--xlsx") { Description = "Write the Excel scorecard (Annex C layout) to this file" };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML (a test case per item) to this file" };
        var attestations = new Option<string[]>("--attestations") { Description = "Manual judgments: YAML, CSV, or a filled manual-review .xlsx (repeatable)" };
        var waivers = new Option<string[]>("--waivers") { Description = "Waivers: YAML or CSV of item, justification, approved_by, expires (repeatable)" };
        var reportInfo = new Option<string?>("--report-info") { Description = "JSON with the C.1 report information (report_no, object, purpose, dates, place, assessors, signer, sign_date)" };
        var reportFields = new Option<string[]>("--report") { Description = "A C.1 field: FIELD=VALUE (report_no, object, purpose, dates, place, assessors, signer, sign_date); over --report-info" };
        var lang = ManualTemplateCommand.LangOption();
        var compile = new CompileOptionGroup();

        var command = new Command("audit", "Audit fact bundles against a checklist: console summary, results JSON, exit code by verdict");
        command.Arguments.Add(checklistArg);
        command.Options.Add(facts);
        command.Options.Add(json);
        command.Options.Add(outDir);
        command.Options.Add(probe);
        command.Options.Add(asOf);
        command.Options.Add(timestamp);
        command.Options.Add(scoring);
        command.Options.Add(xlsx);
        command.Options.Add(junit);
        command.Options.Add(attestations);
        command.Options.Add(waivers);
        command.Options.Add(reportInfo);
        command.Options.Add(reportFields);
        command.Options.Add(lang);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(checklistArg) ?? Bundled.DefaultChecklist;
            if (path.StartsWith('-')) throw new UsageException($"unknown option '{path}'");
            var given = parse.GetValue(facts) ?? [];
            var output = parse.GetValue(outDir) ?? (given.Length == 0 ? "iq-report" : null);
            var now = CommandLineValues.AsOf(parse.GetValue(asOf));

            var checklist = CompileOptionGroup.Compile(path, compile.Read(parse), stderr);
            var dirs = given.ToList();
            if (given.Length == 0 || parse.GetValue(probe))
            {
                // The probed facts are written as a bundle of their own, so the results can name and hash them.
                var probed = Path.Combine(output ?? "iq-report", "probe");
                var report0 = ProbeCommand.Probe(null, ProbeCommand.PlanEndpoints(given)); // TLS of the plan's endpoints too (6.2.1 e)
                ProbeCommand.Write(probed, report0);
                stdout.WriteLine($"Probed this machine in {report0.Elapsed.TotalSeconds:0.00} s → {probed}");
                dirs.Insert(0, probed);
            }
            var bundle = FactBundleReader.Load(dirs, FactSchema.Default);
            if (!bundle.Succeeded) throw new UsageException(bundle.Diagnostics);

            var results = checklist.Evaluate(bundle.Values, now);
            var judged = new Iq.Rules.Diagnostics.DiagnosticBag();
            var attestationSource = bundle.Inputs.FirstOrDefault(i => i.Kind == "attestations")?.Path ?? "attestations";
            var judgments = Iq.Scoring.Judgments.Attestations.FromFacts(bundle.Values, attestationSource, judged).ToList();
            var inputs = bundle.Inputs.ToList();
            foreach (var file in parse.GetValue(attestations) ?? [])
            {
                judgments.AddRange(Iq.Scoring.Judgments.JudgmentFiles.ReadAttestations(file, judged));
                if (File.Exists(file)) inputs.Add(new InputFile(file, "attestations", Sha256(file)));
            }
            results = Iq.Scoring.Judgments.Attestations.Apply(checklist.Model, results, judgments, attestationSource, judged);
            var waiverList = new List<Iq.Scoring.Judgments.Waiver>();
            foreach (var file in parse.GetValue(waivers) ?? [])
            {
                waiverList.AddRange(Iq.Scoring.Judgments.JudgmentFiles.ReadWaivers(file, judged));
                if (File.Exists(file)) inputs.Add(new InputFile(file, "waivers", Sha256(file)));
            }
            results = Iq.Scoring.Judgments.Waivers.Apply(checklist.Model, results, waiverList, now, judged);
            var info = Iq.Scoring.Reports.Scorecard.ReportInfo.Empty;
            if (parse.GetValue(reportInfo) is { } infoPath)
            {
                if (!File.Exists(infoPath)) judged.Error(Iq.Rules.Diagnostics.Codes.FileNotFound, $"File not found: {infoPath}", Iq.Rules.Diagnostics.SourceSpan.None(infoPath));
                else info = Iq.Scoring.Reports.Scorecard.ReportInfo.Read(infoPath, judged) ?? info;
            }
            var form = $"FIELD=VALUE with FIELD one of {string.Join(", ", Iq.Scoring.Reports.Scorecard.ReportInfo.Fields)}";
            var fields = CommandLineValues.Pairs(parse.GetValue(reportFields), "--report", form);
            if (fields.Keys.FirstOrDefault(k => !Iq.Scoring.Reports.Scorecard.ReportInfo.Fields.Contains(k)) is { } unknown)
                throw new UsageException($"--report needs {form}, got '{unknown}={fields[unknown]}'");
            info = info.With(fields);
            foreach (var warning in judged.Items.Where(d => d.Severity == Iq.Rules.Diagnostics.Severity.Warning)) stderr.WriteLine(warning);
            if (judged.HasErrors) throw new UsageException(judged.Items.Where(d => d.Severity == Iq.Rules.Diagnostics.Severity.Error).ToList());
            var score = Scorer.Score(checklist.Model, results, parse.GetValue(scoring));
            var report = new AuditReport(checklist.Model, inputs, results, score, AuditReport.CurrentEngineVersion,
                parse.GetValue(timestamp) ? now : null) { Attestations = judgments };

            var written = new List<string>();
            void Emit(string? target, Action<Stream> write)
            {
                if (target is null) return;
                AtomicFile.Write(target, write);
                written.Add(target);
            }
            var language = parse.GetValue(lang)!;
            Emit(parse.GetValue(json), s => JsonReport.Write(report, s));
            Emit(output is null ? null : Path.Combine(output, "results.json"), s => JsonReport.Write(report, s));
            Emit(parse.GetValue(xlsx), s => Iq.Scoring.Reports.Scorecard.ScorecardWriter.Write(report, info, language, s));
            Emit(output is null ? null : Path.Combine(output, "scorecard.xlsx"), s => Iq.Scoring.Reports.Scorecard.ScorecardWriter.Write(report, info, language, s));
            Emit(parse.GetValue(junit), s => JunitReport.Write(report, s));

            ConsoleReport.Write(report, stdout);
            foreach (var target in written) stdout.WriteLine($"Written: {target}");
            return score.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}
