using System.CommandLine;
using Iq.Engine.Audit;
using Iq.Engine.Reports;
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
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var checklistArg = new Argument<string[]>("checklist")
        {
            Description = "The checklist (.iq), or several to audit the same facts against each (e.g. IQ and the pre-trained model checklist); the bundled IQ checklist when omitted",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var facts = new Option<string[]>("--facts") { Description = "A fact bundle folder (repeatable)" };
        var outDir = new Option<string?>("--out") { Description = "Write results.json (and, with --probe, the probed facts) into this folder" };
        var probe = new Option<bool>("--probe") { Description = "Probe this machine and audit it with the other bundles (the default when no --facts is given)" };
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this date/time (ISO 8601), for reproducible days_since()" };
        var timestamp = new Option<bool>("--timestamp") { Description = "Record the evaluation time in the results JSON" };
        var scoring = new Option<string?>("--scoring") { Description = "Scoring model: weighted, default, flat, flat-unweighted or absolute (overrides the checklist's)" };
        scoring.AcceptOnlyFromAmong([.. Iq.Rules.Model.ScoringSpec.Models]);
        var attestations = new Option<string[]>("--attestations") { Description = "Manual judgments: YAML, CSV, or a filled manual-review .xlsx (repeatable)" };
        var waivers = new Option<string[]>("--waivers") { Description = "Waivers: YAML or CSV of item, justification, approved_by, expires (repeatable)" };
        var reportInfo = new Option<string?>("--report-info") { Description = "JSON with the C.1 report information (report_no, object, purpose, dates, place, assessors, signer, sign_date)" };
        var reportFields = new Option<string[]>("--report") { Description = "A C.1 field: FIELD=VALUE (report_no, object, purpose, dates, place, assessors, signer, sign_date); over --report-info" };
        var reports = new ReportOutputGroup(languageDefaultsToResults: false);
        var archive = new Option<string?>("--archive") { Description = "Write an archive (.zip) of everything the audit rests on: results, reports, checklist chain, inputs, with a SHA-256 manifest" };
        var verbose = new Option<bool>("--verbose") { Description = "Print every row with its evidence (what was compared, actual and expected), passes too" };
        var compile = new CompileOptionGroup();
        var sign = new SignKeyOption();
        var trust = new TrustKeyOption();
        var encoding = EncodingOption.Create("attestation and waiver files (CSV, YAML)");

        var command = new Command("audit", "Audit fact bundles against a checklist (or several): console summary, results JSON, exit code by verdict");
        command.Arguments.Add(checklistArg);
        command.Options.Add(facts);
        command.Options.Add(outDir);
        command.Options.Add(probe);
        command.Options.Add(asOf);
        command.Options.Add(timestamp);
        command.Options.Add(scoring);
        command.Options.Add(attestations);
        command.Options.Add(waivers);
        command.Options.Add(reportInfo);
        command.Options.Add(reportFields);
        reports.AddTo(command);
        command.Options.Add(archive);
        command.Options.Add(verbose);
        compile.AddTo(command);
        sign.AddTo(command);
        trust.AddTo(command);
        command.Options.Add(encoding);
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(checklistArg) is { Length: > 0 } named ? named : [Bundled.DefaultChecklist];
            if (paths.FirstOrDefault(p => p.StartsWith('-')) is { } option) throw new UsageException($"unknown option '{option}'");
            var given = parse.GetValue(facts) ?? [];
            var output = parse.GetValue(outDir) ?? (given.Length == 0 ? "iq-report" : null);
            var form = $"FIELD=VALUE with FIELD one of {string.Join(", ", ReportInfo.Fields)}";
            var fields = CommandLineValues.Pairs(parse.GetValue(reportFields), "--report", form);
            if (fields.Keys.FirstOrDefault(k => !ReportInfo.Fields.Contains(k)) is { } unknown)
                throw new UsageException($"--report needs {form}, got '{unknown}={fields[unknown]}'");
            using var key = sign.Read(parse);
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
            };

            var result = AuditPipeline.Run(request);
            if (result.Probe is { } probed)
                stdout.WriteLine($"Probed this machine in {probed.Report.Elapsed.TotalSeconds:0.00} s → {probed.Directory}");
            foreach (var warning in result.Warnings) stderr.WriteLine(warning);
            if (!result.Succeeded) throw new UsageException(result.Errors.ToList());

            var targets = reports.Read(parse);
            // Rendered from the results bytes read back, as `iq report` renders them: byte-identical by construction.
            var bytes = ResultsJson.Bytes(ResultsSet.From(result.Reports, targets.Lang ?? "zh"));
            var document = ReportOutputGroup.Reread(bytes);
            var written = ReportOutputGroup.Render(document, bytes, targets,
                output is null ? [] : [(Path.Combine(output, "results.json"), "json"), (Path.Combine(output, "scorecard.xlsx"), "xlsx")]);
            // Results and reports carry their own hash (and, with a key, a signature) in a seal beside them.
            foreach (var target in written.Where(File.Exists)) Iq.Engine.Trust.Seals.Write(target, key);
            if (parse.GetValue(archive) is { } archivePath)
            {
                var diagnostics = new Iq.Rules.Diagnostics.DiagnosticBag();
                AuditArchive.Write(archivePath, bytes, document, written, diagnostics);
                if (diagnostics.HasErrors) throw new UsageException(diagnostics.Items.ToList());
                written.Add(archivePath);
            }

            ConsoleReport.Write(document, stdout, parse.GetValue(verbose));
            foreach (var target in written) stdout.WriteLine($"Written: {target}");
            return result.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
