using System.CommandLine;
using Iq.Engine.Facts;
using Iq.Engine.Probes;

namespace Iq.Cli.Commands;

/// <summary><c>iq probe [--out DIR]</c>: probe this machine into a fact bundle (environment.json, software.json).</summary>
static class ProbeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var outDir = new Option<string>("--out") { Description = "The bundle folder to write (default: iq-facts)", DefaultValueFactory = _ => "iq-facts" };
        var root = new Option<string?>("--root") { Description = "Read /proc, /sys and /etc under this folder instead of / (a captured fixture)" };
        var command = new Command("probe", "Probe this machine: OS, CPU, memory, storage, network, GPUs, software, security settings");
        command.Options.Add(outDir);
        command.Options.Add(root);
        var sign = new SignKeyOption();
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir)!;
            using var key = sign.Read(parse);
            var report = Probe(parse.GetValue(root));
            FactDocuments.WriteProbe(dir, report, key);
            stdout.WriteLine($"Probed {Describe(report)} in {report.Elapsed.TotalSeconds:0.00} s; facts written to {dir}/environment.json and {dir}/software.json");
            return ExitCodes.Pass;
        });
        return command;
    }

    public static ProbeReport Probe(string? root)
    {
        var ctx = ProbeContext.ForThisMachine();
        if (root is not null)
        {
            if (!Directory.Exists(root)) throw new UsageException($"--root: not a folder: {root}");
            ctx = ctx with { Root = Path.GetFullPath(root) };
        }
        return EnvironmentProber.ProbeAsync(ctx).GetAwaiter().GetResult();
    }

    static string Describe(ProbeReport r)
    {
        var errors = Count(r.Environment, "$error") + Count(r.Software, "$error");
        return $"{r.Software.Count} software entries, {errors} probe error(s)";
    }

    static int Count(System.Text.Json.Nodes.JsonNode? node, string key) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => (o.ContainsKey(key) ? 1 : 0) + o.Sum(p => Count(p.Value, key)),
        System.Text.Json.Nodes.JsonArray a => a.Sum(x => Count(x, key)),
        _ => 0,
    };
}
