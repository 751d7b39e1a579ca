using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Cli.Conventions;
using Iq.Engine.Facts;
using Iq.Engine.Probes;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary><c>iq probe [--out DIR]</c>: probe this machine into a fact bundle (environment.json, software.json).</summary>
static class ProbeCommand
{
    public static Command Create(CliContext ctx)
    {
        var outDir = Opts.OutBundle(ctx, Msg.OptOutProbe);
        var root = new Option<string?>("--root") { Description = ctx.T(Msg.OptRoot), HelpName = "DIR" };
        var command = new Command("probe", ctx.T(Msg.CmdProbe));
        command.Options.Add(outDir);
        command.Options.Add(root);
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir)!;
            var report = Probe(parse.GetValue(root));
            ctx.Cancel.ThrowIfCancellationRequested();
            FactDocuments.WriteProbe(dir, report);
            var errors = Count(report.Environment, "$error") + Count(report.Software, "$error");
            ctx.Say(Msg.ProbeDone.With(report.Software.Count, errors, report.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), dir));
            return ExitCodes.Pass;
        });
        return command;
    }

    public static ProbeReport Probe(string? root)
    {
        var ctx = ProbeContext.ForThisMachine();
        if (root is not null)
        {
            if (!Directory.Exists(root)) throw new UsageException(Msg.NotAFolderOption.With("--root", root));
            ctx = ctx with { Root = Path.GetFullPath(root) };
        }
        return EnvironmentProber.ProbeAsync(ctx).GetAwaiter().GetResult();
    }

    static int Count(JsonNode? node, string key) => node switch
    {
        JsonObject o => (o.ContainsKey(key) ? 1 : 0) + o.Sum(p => Count(p.Value, key)),
        JsonArray a => a.Sum(x => Count(x, key)),
        _ => 0,
    };
}
