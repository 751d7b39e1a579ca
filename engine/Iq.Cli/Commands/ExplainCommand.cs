using System.CommandLine;
using Iq.Engine.Audit;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using Iq.Rules.Syntax;

namespace Iq.Cli.Commands;

/// <summary><c>iq explain [CHECKLIST] ITEM|EXPRESSION --facts DIR…</c>: for an item, its definition and every row's outcome
/// with evidence; for an expression, its type and value over the facts, in the checklist's scope (params and lets).
/// The assessor's tool for "why did this fail" and "what does the bundle hold".</summary>
static class ExplainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var checklistArg = new Option<string?>("--checklist") { Description = "The checklist (the bundled IQ checklist when omitted)" };
        var target = new Argument<string>("item-or-expression") { Description = "An item id (6.1.1a.cpu) or an expression (env.memory.total / 1 GiB)" };
        var facts = new Option<string[]>("--facts") { Description = "Fact bundle folders (repeatable)" };
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this date (ISO 8601)" };
        var compile = new CompileOptionGroup();
        var command = new Command("explain", "Explain an item's outcome, or evaluate an expression over the facts");
        command.Arguments.Add(target);
        command.Options.Add(checklistArg);
        command.Options.Add(facts);
        command.Options.Add(asOf);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(checklistArg) ?? Bundled.DefaultChecklist;
            var what = parse.GetValue(target)!;
            var now = CommandLineValues.AsOf(parse.GetValue(asOf));
            var options = compile.Read(parse);
            var checklist = CompileOptionGroup.Compile(path, options, stderr);
            var bundle = FactBundleReader.Load(parse.GetValue(facts) ?? [], FactSchema.Default);
            if (!bundle.Succeeded) throw new UsageException(bundle.Diagnostics);

            var item = checklist.Model.Items.FirstOrDefault(i => i.Id == what);
            var results = checklist.Evaluate(bundle.Values, now, new EvaluationOptions { TraceMatches = true });
            var rows = results.Where(r => r.ItemId == what || r.Id == what).ToList();
            if (item is null && rows.Count > 0) item = checklist.Model.Items.First(i => i.Id == rows[0].ItemId);
            if (item is not null)
            {
                stdout.WriteLine($"{item.Id} — {item.Title}");
                stdout.WriteLine($"  section {item.SectionId}, clause {item.Clause}, level {item.Level.ToString().ToLowerInvariant()}, weight {Ops.Format(item.Weight)}, " +
                                 (item.Automated ? "automatic" : "manual"));
                if (item.ForeachVariable is not null) stdout.WriteLine($"  foreach {item.ForeachVariable}: one row per element");
                if (item.When is not null) stdout.WriteLine($"  when   {item.When.Text}");
                foreach (var e in item.Expectations) stdout.WriteLine($"  expect {e.Text}");
                if (item.Manual is not null) stdout.WriteLine($"  manual {item.Manual}");
                foreach (var rule in checklist.Rules.Where(r => r.ItemId == item.Id))
                    stdout.WriteLine($"  rule   \"{rule.Name}\" matches {string.Join(", ", rule.Matches)}");
                foreach (var r in rows)
                {
                    stdout.WriteLine($"  {r.Outcome.Name().ToUpperInvariant(),-13} {r.Id}  score {Ops.Format(Math.Round(r.Score, 4))}");
                    if (r.Matched.Count > 0) stdout.WriteLine($"                matched: {string.Join("; ", r.Matched)}");
                    // A failure's message is its first piece of evidence, listed below: say only what the evidence does not.
                    var message = r.Reason is Failed f ? (f.AlsoMissing.Count > 0 ? "also missing evidence: " + string.Join(", ", f.AlsoMissing.Select(m => m.Describe())) : "")
                        : r.Message;
                    if (message.Length > 0) stdout.WriteLine($"                {message}");
                    foreach (var e in r.Evidence)
                        stdout.WriteLine($"                {(e.Holds switch { true => "✓", false => "✗", null => "?" })} {e.Expression}: actual {e.Actual}, expected {e.Expected}");
                    if (r.Fix is not null) stdout.WriteLine($"                fix: {r.Fix}");
                }
                if (item.ForeachVariable is not null && rows.Count > 1)
                {
                    var failing = rows.Where(r => r.Outcome is Outcome.Fail or Outcome.Error).ToList();
                    stdout.WriteLine(failing.Count == 0 ? $"  all {rows.Count} rows pass or are not counted"
                        : $"  {failing.Count} of {rows.Count} rows fail or error: {string.Join(", ", failing.Take(Evidence.FirstFailing).Select(r => r.Id))}{(failing.Count > Evidence.FirstFailing ? ", …" : "")}");
                }
                return ExitCodes.Pass;
            }

            // Not an item: an expression in the checklist's scope.
            var (expression, diagnostics) = Checklists.CompileExpression(path, what, options);
            if (expression is null)
            {
                var hint = Text.Suggest(what, checklist.Model.Items.Select(i => i.Id)) is { } s ? $" (or did you mean the item '{s}'?)" : "";
                throw new UsageException(diagnostics.Select(d => d with { Message = d.Message + hint }).ToList());
            }
            try
            {
                var value = expression.Evaluate(bundle.Values, now);
                stdout.WriteLine(value is Missing m ? $"{expression.Type}: {m}" : $"{expression.Type}: {ValueFormatter.Format(value, expression.Type)}");
            }
            catch (EvaluationException e)
            {
                stdout.WriteLine($"{expression.Type}: error: {e.Message}");
            }
            return ExitCodes.Pass;
        });
        return command;
    }
}
