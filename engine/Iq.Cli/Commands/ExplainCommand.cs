using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Audit;
using Iq.Engine.Facts;
using Iq.Rules.Messages;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using Iq.Rules.Syntax;

namespace Iq.Cli.Commands;

/// <summary><c>iq explain [CHECKLIST] ITEM|EXPRESSION --facts DIR…</c>: for an item, its definition and every row's outcome
/// with evidence; for an expression, its type and value over the facts, in the checklist's scope (params and lets).
/// The assessor's tool for "why did this fail" and "what does the bundle hold". An item's rows come from the audit
/// pipeline itself (<see cref="AuditPipeline.Run"/>), with the judgments, waivers and trusted keys an audit takes: the
/// provenance a row requires, the findings across documents and the judgments decide its outcome here as in
/// <c>iq audit</c>, which explain can therefore never contradict.</summary>
static class ExplainCommand
{
    public static Command Create(CliContext ctx)
    {
        var checklistArg = new Option<string?>("--checklist") { Description = ctx.T(Msg.OptChecklist), HelpName = "CHECKLIST" };
        var target = new Argument<string>("item-or-expression") { Description = ctx.T(Msg.ArgExplainTarget), HelpName = "ITEM|EXPRESSION" };
        var facts = Opts.Facts(ctx);
        var asOf = Opts.AsOf(ctx);
        var attestations = new Option<string[]>("--attestations") { Description = ctx.T(Msg.OptAttestations), HelpName = "FILE" };
        var waivers = new Option<string[]>("--waivers") { Description = ctx.T(Msg.OptWaivers), HelpName = "FILE" };
        var compile = new CompileOptionGroup(ctx);
        var trust = new TrustKeyOption(ctx);
        var encoding = EncodingOption.Create(ctx, Msg.EncodingOfJudgments);
        var command = new Command("explain", ctx.T(Msg.CmdExplain));
        command.Arguments.Add(target);
        command.Options.Add(checklistArg);
        command.Options.Add(facts);
        command.Options.Add(asOf);
        command.Options.Add(attestations);
        command.Options.Add(waivers);
        compile.AddTo(command);
        trust.AddTo(command);
        command.Options.Add(encoding);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(checklistArg) ?? Bundled.DefaultChecklist;
            var what = parse.GetValue(target)!;
            var given = parse.GetValue(asOf);
            var now = CommandLineValues.AsOf(given);
            var options = compile.Read(parse);
            var checklist = compile.Compile(path, options);
            // The audit itself, as `iq audit` runs it over the same inputs (no reports written): one path to an outcome.
            var audit = AuditPipeline.Run(new AuditRequest
            {
                Checklist = AuditChecklist.Of(checklist),
                FactBundles = parse.GetValue(facts) ?? [],
                AsOf = given is null ? null : now,
                TrustKeys = trust.Read(parse),
                InputEncoding = EncodingOption.Read(parse, encoding),
                AttestationFiles = parse.GetValue(attestations) ?? [],
                WaiverFiles = parse.GetValue(waivers) ?? [],
                TraceMatches = true,
                Cancel = ctx.Cancel,
            });
            foreach (var warning in audit.Warnings) ctx.Warn(warning);
            if (!audit.Succeeded) throw new UsageException(audit.Errors.ToList());
            var values = audit.Facts!;

            var item = checklist.Model.Items.FirstOrDefault(i => i.Id == what);
            var results = audit.Report!.Results;
            var rows = results.Where(r => r.ItemId == what || r.Id == what).ToList();
            if (item is null && rows.Count > 0) item = checklist.Model.Items.First(i => i.Id == rows[0].ItemId);
            if (item is not null)
            {
                var stdout = ctx.Out;
                stdout.WriteLine($"{item.Id} — {item.Title}");
                stdout.WriteLine(ctx.T(Msg.ExplainItem.With(item.SectionId, item.Clause, ctx.Lang == Lang.En ? item.Level.ToString().ToLowerInvariant() : Iq.Scoring.Text.ReportWords.Level(Iq.Scoring.Text.ReportTexts.For(ctx.Lang.Name()), item.Level), Ops.Format(item.Weight),
                    (item.Automated ? Msg.ExplainAutomatic : Msg.ExplainManual).Text)));
                if (item.ForeachVariable is not null) stdout.WriteLine(ctx.T(Msg.ExplainForeach.With(item.ForeachVariable)));
                if (item.When is not null) stdout.WriteLine($"  when   {item.When.Text}");
                foreach (var e in item.Expectations) stdout.WriteLine($"  expect {e.Text}");
                if (item.Manual is not null) stdout.WriteLine($"  manual {item.Manual}");
                foreach (var rule in checklist.Rules.Where(r => r.Items.Contains(item.Id)))
                    stdout.WriteLine(ctx.T(Msg.ExplainRule.With(rule.Words, Localized.Groups(rule.Matches))));
                foreach (var r in rows)
                {
                    stdout.WriteLine($"  {Iq.Scoring.Reports.ConsoleReport.OutcomeWord(r.Outcome, ctx.Lang, 13)} {r.Id}  {ctx.T(Msg.ExplainRowScore.With(Ops.Format(Math.Round(r.Score, 4))))}");
                    if (r.Matched.Count > 0) stdout.WriteLine(ctx.T(Msg.ExplainMatched.With(Localized.Groups(r.Matched))));
                    // A failure's message is its first piece of evidence, listed below: say only what the evidence does not.
                    var message = r.Reason is Failed f ? (f.AlsoMissing.Count > 0 ? ctx.T(Msg.ReasonAlsoMissing.With(ReasonText.FactList(f.AlsoMissing))).TrimStart(';', '；', ' ') : "")
                        : Iq.Scoring.Text.ReportWords.Reason(Iq.Scoring.Text.ReportTexts.For(ctx.Lang.Name()), r.Reason, r.Provenance.Notes);
                    if (message.Length > 0) stdout.WriteLine($"                {message}");
                    foreach (var e in r.Evidence)
                        stdout.WriteLine($"                {e.Mark} " + ctx.T(e.Line(ctx.Lang)));
                    if (r.FixIn(ctx.Lang) is { } fix) stdout.WriteLine("                " + ctx.T(Msg.ConsoleFix.With(fix)));
                }
                if (item.ForeachVariable is not null && rows.Count > 1)
                {
                    var failing = rows.Where(r => r.Outcome is Outcome.Fail or Outcome.Error).ToList();
                    stdout.WriteLine(ctx.T(failing.Count == 0 ? Msg.ExplainAllRowsPass.With(rows.Count)
                        : Msg.ExplainRowsFail.With(failing.Count, rows.Count, Localized.Concat(Localized.Items(failing.Take(Evidence.FirstFailing).Select(r => r.Id)),
                            failing.Count > Evidence.FirstFailing ? Msg.MoreIds.With(failing.Count - Evidence.FirstFailing) : Localized.Empty))));
                }
                return ExitCodes.Pass;
            }

            // Not an item: an expression in the checklist's scope.
            var (expression, diagnostics) = Checklists.CompileExpression(path, what, options);
            if (expression is null)
            {
                var hint = Text.Suggest(what, checklist.Model.Items.Select(i => i.Id)) is { } s ? (ILocalized)Msg.DidYouMeanItem.With(s) : Localized.Empty;
                throw new UsageException(diagnostics.Select(d => d with { Text = Msg.WithHint.With(d.Text, hint) with { CodeOf = d.Text } }).ToList());
            }
            try
            {
                var value = expression.Evaluate(values, now);
                ctx.Out.WriteLine(value is Missing m ? $"{expression.Type}: {ctx.T(Msg.ReasonMissing.With(m.Describe(ctx.Lang)))}" : $"{expression.Type}: {ValueFormatter.Words(value, expression.Type)?.Render(ctx.Lang) ?? ValueFormatter.Format(value, expression.Type)}");
                // A condition: what it compared, as an item row shows it (actual, expected, the version order used).
                if (expression.Type == Iq.Rules.Binding.IqType.Bool && Checklists.AsItem(path, what, options) is { } asItem)
                    foreach (var e in asItem.Evaluate(values, now).Where(r => r.Id == Checklists.ExplainedItem).SelectMany(r => r.Evidence))
                        ctx.Out.WriteLine($"  {e.Mark} " + ctx.T(e.Line(ctx.Lang)));
            }
            catch (EvaluationException e)
            {
                ctx.Out.WriteLine(ctx.T(Msg.ExplainError.With(expression.Type, e.Message)));
            }
            return ExitCodes.Pass;
        });
        return command;
    }
}
