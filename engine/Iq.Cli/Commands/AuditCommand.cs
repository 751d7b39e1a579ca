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
        var outDir = new Option<string?>("--out") { Description = "Write results.json into this folder" };
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this date/time (ISO 8601), for reproducible days_since()" };
        var timestamp = new Option<bool>("--timestamp") { Description = "Record the evaluation time in the results JSON" };
        var compile = new CompileOptionGroup();

        var command = new Command("audit", "Audit fact bundles against a checklist: console summary, results JSON, exit code by verdict");
        command.Arguments.Add(checklistArg);
        command.Options.Add(facts);
        command.Options.Add(json);
        command.Options.Add(outDir);
        command.Options.Add(asOf);
        command.Options.Add(timestamp);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(checklistArg) ?? Bundled.DefaultChecklist;
            if (path.StartsWith('-')) throw new UsageException($"unknown option '{path}'");
            var dirs = parse.GetValue(facts) is { Length: > 0 } given ? given : [Bundled.SampleBundle("compliant")];
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(asOf) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
                throw new UsageException($"--as-of needs an ISO 8601 date, got '{text}'");

            var checklist = CompileOptionGroup.Compile(path, compile.Read(parse), stderr);
            var bundle = FactBundleReader.Load(dirs, FactSchema.Default);
            if (!bundle.Succeeded) throw new UsageException(bundle.Diagnostics);

            var results = checklist.Evaluate(bundle.Values, now);
            var score = WeightedScorer.Score(checklist.Model, results);
            var report = new AuditReport(checklist.Model, bundle.Inputs, results, score, AuditReport.CurrentEngineVersion,
                parse.GetValue(timestamp) ? now : null);

            var targets = new List<string>();
            if (parse.GetValue(json) is { } jsonPath) targets.Add(jsonPath);
            if (parse.GetValue(outDir) is { } dir) targets.Add(Path.Combine(dir, "results.json"));
            foreach (var target in targets) AtomicFile.Write(target, s => JsonReport.Write(report, s));

            ConsoleReport.Write(report, stdout);
            foreach (var target in targets) stdout.WriteLine($"Results written to {target}");
            return score.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
