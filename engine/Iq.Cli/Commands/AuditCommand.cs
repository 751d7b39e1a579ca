using System.CommandLine;
using System.Globalization;
using Iq.Engine.Facts;
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
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(checklistArg) ?? Bundled.DefaultChecklist;
            if (path.StartsWith('-')) throw new UsageException($"unknown option '{path}'");
            var given = parse.GetValue(facts) ?? [];
            var output = parse.GetValue(outDir) ?? (given.Length == 0 ? "iq-report" : null);
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(asOf) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
                throw new UsageException($"--as-of needs an ISO 8601 date, got '{text}'");

            var checklist = CompileOptionGroup.Compile(path, compile.Read(parse), stderr);
            var dirs = given.ToList();
            if (given.Length == 0 || parse.GetValue(probe))
            {
                // The probed facts are written as a bundle of their own, so the results can name and hash them.
                var probed = Path.Combine(output ?? "iq-report", "probe");
                var report0 = ProbeCommand.Probe(null);
                ProbeCommand.Write(probed, report0);
                stdout.WriteLine($"Probed this machine in {report0.Elapsed.TotalSeconds:0.00} s → {probed}");
                dirs.Insert(0, probed);
            }
            var bundle = FactBundleReader.Load(dirs, FactSchema.Default);
            if (!bundle.Succeeded) throw new UsageException(bundle.Diagnostics);

            var results = checklist.Evaluate(bundle.Values, now);
            var judged = new Iq.Rules.Diagnostics.DiagnosticBag();
            var attestationSource = bundle.Inputs.FirstOrDefault(i => i.Kind == "attestations")?.Path ?? "attestations";
            results = Iq.Scoring.Judgments.Attestations.Apply(checklist.Model, results,
                Iq.Scoring.Judgments.Attestations.FromFacts(bundle.Values, attestationSource, judged), attestationSource, judged);
            if (judged.HasErrors) throw new UsageException(judged.Items);
            var score = Scorer.Score(checklist.Model, results, parse.GetValue(scoring));
            var report = new AuditReport(checklist.Model, bundle.Inputs, results, score, AuditReport.CurrentEngineVersion,
                parse.GetValue(timestamp) ? now : null);

            var targets = new List<string>();
            if (parse.GetValue(json) is { } jsonPath) targets.Add(jsonPath);
            if (output is not null) targets.Add(Path.Combine(output, "results.json"));
            foreach (var target in targets) AtomicFile.Write(target, s => JsonReport.Write(report, s));

            ConsoleReport.Write(report, stdout);
            foreach (var target in targets) stdout.WriteLine($"Results written to {target}");
            return score.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
