using System.CommandLine;
using Iq.Engine.Fleet;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Fleet;

namespace Iq.Cli.Commands;

/// <summary><c>iq fleet report --store S [--checklist-id ID] [--json F]</c>: the fleet's picture from the store alone.</summary>
static class FleetReportCommand
{
    public static Command Create(TextWriter stdout)
    {
        var store = FleetCommand.StoreOption(forWriting: false);
        var checklistId = new Option<string?>("--checklist-id") { Description = "The checklist whose audits to report (default: the latest run's)" };
        var json = new Option<string?>("--json") { Description = "Write the fleet report as JSON (schema iq.fleet/1) to this file (- for stdout)" };
        var command = new Command("report", "Report on the fleet in the store: verdicts by product version and site, pass rate per item, the items that fail most, " +
                                            "sites whose verdict changed, trend per item; exit 0 when every site's current audit passes, 1 otherwise, 2 when some bundle could not be evaluated");
        command.Options.Add(store);
        command.Options.Add(checklistId);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            using var source = FleetCommand.OpenStore(parse.GetValue(store)!, create: false);
            FleetSummary summary;
            try { summary = source.Summarize(parse.GetValue(checklistId)); }
            catch (FleetStoreException e) { throw new UsageException(e.Message); }
            var target = parse.GetValue(json);
            if (target == "-")
            {
                using var o = Console.OpenStandardOutput();
                FleetJsonReport.Write(summary, o);
            }
            else
            {
                FleetConsoleReport.Write(summary, stdout);
                if (target is not null)
                {
                    AtomicFile.Write(target, s => FleetJsonReport.Write(summary, s));
                    stdout.WriteLine($"Written: {target}");
                }
            }
            if (summary.Sites.Any(x => x.Verdict == "not evaluable")) return ExitCodes.InvalidInput;
            return summary.Sites.All(x => x.Verdict == "pass") ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }
}
