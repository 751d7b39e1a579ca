using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Fleet;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Fleet;
using Iq.Scoring.Text;

namespace Iq.Cli.Commands;

/// <summary><c>iq fleet report --store S [--checklist-id ID] [--json F] [--html F] [--xlsx F]</c>: the fleet's picture from
/// the store alone, on the console in the messages' language and as files in the reports' language (<c>--lang</c>, else
/// Chinese), all written or none (the run's outputs are committed together), each file or <c>-</c> for stdout.</summary>
static class FleetReportCommand
{
    public static Command Create(CliContext ctx)
    {
        var store = FleetCommand.StoreOption(ctx, forWriting: false);
        var checklistId = new Option<string?>("--checklist-id") { Description = ctx.T(Msg.OptChecklistId), HelpName = "ID" };
        var json = new Option<string?>("--json") { Description = ctx.T(Msg.OptFleetJson), HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = ctx.T(Msg.OptFleetHtml), HelpName = "FILE" };
        var xlsx = new Option<string?>("--xlsx") { Description = ctx.T(Msg.OptFleetXlsx), HelpName = "FILE" };
        var command = new Command("report", ctx.T(Msg.CmdFleetReport));
        command.Options.Add(store);
        command.Options.Add(checklistId);
        command.Options.Add(json);
        command.Options.Add(html);
        command.Options.Add(xlsx);
        command.SetAction(parse =>
        {
            var targets = new (string? Path, Action<FleetSummary, string, Stream> Write)[]
            {
                (parse.GetValue(json), (s, _, o) => FleetJsonReport.Write(s, o)),
                (parse.GetValue(html), FleetHtmlReport.Write),
                (parse.GetValue(xlsx), FleetScorecard.Write),
            };
            foreach (var (path, _) in targets) ctx.ClaimStdout(path);
            using var source = FleetCommand.OpenStore(parse.GetValue(store)!, create: false);
            FleetSummary summary;
            try { summary = source.Summarize(parse.GetValue(checklistId)); }
            catch (FleetStoreException e) { throw new UsageException(e.Text); }
            var lang = ctx.ReportLang.Name();
            // A chart no installed font draws is refused before anything is written, never drawn as boxes.
            if ((parse.GetValue(html) ?? parse.GetValue(xlsx)) is not null && FleetCharts.FontProblem(summary, ReportTexts.For(lang)) is { } problem)
                throw new UsageException(problem);
            if (ctx.Verbosity != Verbosity.Quiet) FleetConsoleReport.Write(summary, ctx.Human, ctx.Lang);
            using var files = ctx.Outputs();
            foreach (var (path, write) in targets)
            {
                if (path is null) continue;
                ctx.Cancel.ThrowIfCancellationRequested();
                using var memory = new MemoryStream();
                write(summary, lang, memory);
                var bytes = memory.ToArray();
                files.Add(path, s => s.Write(bytes));
            }
            files.Commit(ctx.Cancel);
            foreach (var (path, _) in targets)
                if (path is not null && path != "-") ctx.Say(Msg.Written.With(path));
            if (summary.Sites.Any(x => x.Verdict == "not evaluable")) return ExitCodes.InvalidInput;
            return summary.Sites.All(x => x.Verdict == "pass") ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
