using System.CommandLine;
using System.Text.Json.Nodes;
using Iq.Cli.Conventions;
using Iq.Engine.Baseline;
using Iq.Engine.Facts;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary><c>iq baseline MODEL [--cases DIR] [--labels F] …</c> (<c>--model MODEL</c> still works): baseline performance of
/// the device's model on this machine, written as a <c>baseline</c> fact document. SIGINT/SIGTERM stop it at the next
/// step; what was measured is written, marked incomplete, and the exit code says it was interrupted.</summary>
static class BaselineCommand
{
    public static Command Create(CliContext ctx)
    {
        var model = new MainInput("model", "--model", ctx.T(Msg.ArgModel));
        var cases = new Option<string?>("--cases") { Description = ctx.T(Msg.OptCases), HelpName = "DIR" };
        var labels = new Option<string?>("--labels") { Description = ctx.T(Msg.OptLabels), HelpName = "FILE" };
        var task = new Option<string>("--task") { Description = ctx.T(Msg.OptTask), HelpName = "TASK", DefaultValueFactory = _ => "classification" };
        var warmup = new Option<int>("--warmup") { Description = ctx.T(Msg.OptWarmup), HelpName = "N", DefaultValueFactory = _ => 10 };
        var iterations = new Option<int>("--iterations") { Description = ctx.T(Msg.OptIterations), HelpName = "N", DefaultValueFactory = _ => 100 };
        var duration = new Option<double?>("--duration") { Description = ctx.T(Msg.OptDuration), HelpName = "SECONDS" };
        var concurrency = new Option<string>("--concurrency") { Description = ctx.T(Msg.OptConcurrency), HelpName = "LEVELS", DefaultValueFactory = _ => "1,2,4,8" };
        var device = new Option<string>("--device") { Description = ctx.T(Msg.OptDevice), HelpName = "DEVICE", DefaultValueFactory = _ => "cpu" };
        var bound = new Option<double?>("--latency-bound") { Description = ctx.T(Msg.OptLatencyBound), HelpName = "MS" };
        var synthetic = new Option<bool>("--synthetic") { Description = ctx.T(Msg.OptSynthetic) };
        var repeat = new Option<int>("--repeat") { Description = ctx.T(Msg.OptRepeat), HelpName = "N", DefaultValueFactory = _ => 10 };
        var noise = new Option<string?>("--noise") { Description = ctx.T(Msg.OptNoise), HelpName = "LEVELS" };
        var threads = new Option<int>("--threads") { Description = ctx.T(Msg.OptThreads), HelpName = "N", DefaultValueFactory = _ => 1 };
        var outDir = Opts.OutBundle(ctx);
        var command = new Command("baseline", ctx.T(Msg.CmdBaseline));
        model.AddTo(command);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        foreach (var o in new Option[] { cases, labels, task, warmup, iterations, duration, concurrency, device, bound, synthetic, repeat, noise, threads, outDir })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var options = new BaselineOptions
            {
                Model = model.Require(parse),
                Cases = parse.GetValue(cases),
                Labels = parse.GetValue(labels),
                Task = Opts.OneOf("--task", parse.GetValue(task)!, ["classification", "segmentation"]),
                Warmup = CommandLineValues.Positive(parse.GetValue(warmup), "--warmup", zero: true),
                Iterations = CommandLineValues.Positive(parse.GetValue(iterations), "--iterations"),
                Duration = parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d > 0 ? d : throw new UsageException(Msg.NeedsPositive.With("--duration", d))) : null,
                Concurrency = CommandLineValues.Numbers(parse.GetValue(concurrency)!, "--concurrency").Select(x => CommandLineValues.Positive((int)x, "--concurrency")).ToArray(),
                Device = Opts.OneOf("--device", parse.GetValue(device)!, ["cpu", "cuda", "auto"]),
                LatencyBound = parse.GetValue(bound) is { } b ? TimeSpan.FromMilliseconds(b) : null,
                Synthetic = parse.GetValue(synthetic),
                Repeat = CommandLineValues.Positive(parse.GetValue(repeat), "--repeat"),
                Noise = parse.GetValue(noise) is { } n ? CommandLineValues.Numbers(n, "--noise") : [],
                ThreadsPerRun = CommandLineValues.Positive(parse.GetValue(threads), "--threads"),
            };
            using var key = sign.Read(parse);
            var facts = Measure(options, ctx);
            var dir = parse.GetValue(outDir)!;
            // What the measurement rests on: the model, the labels and the cases, hashed.
            var sources = new List<SourceArtefact> { FactDocuments.Source(options.Model) };
            if (options.Labels is { } l) sources.Add(FactDocuments.Source(l));
            if (options.Cases is { } c) sources.Add(FactDocuments.SourceTree(c));
            FactDocuments.Write(dir, "baseline", facts, new DocumentOrigin { Sources = sources, Key = key });
            var metric = facts["accuracy"] is { } acc ? Msg.BaselineAccuracy.With(acc.ToJsonString())
                : facts["dice"] is { } dice ? Msg.BaselineDice.With(dice.ToJsonString()) : Localized.Empty;
            ctx.Say(Msg.BaselineDone.With(facts["incomplete"]!.GetValue<bool>() ? Msg.BaselinePartial.Text : Localized.Empty, facts["model"]?.ToString(),
                facts["provider"]?.ToString(), facts["single_stream"]?["mean"]?.ToJsonString(), facts["max_concurrency"]?.ToJsonString(), metric, dir));
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>Kept out of the action's body: this method is the only one that touches ONNX Runtime, so the runtime's
    /// assemblies load when a baseline is measured and never for the other commands.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static JsonObject Measure(BaselineOptions options, CliContext ctx)
    {
        try
        {
            using var runner = new BaselineRunner(options);
            // A bar on a terminal only: a log or a CI run gets the result line alone.
            IProgress<BaselineProgress>? progress = !ctx.ErrStyle.Enabled || ctx.Verbosity == Iq.Scoring.Reports.Verbosity.Quiet ? null
                : new Progress<BaselineProgress>(p =>
                {
                    var done = (int)Math.Round(p.Fraction * 30);
                    ctx.Err.Write($"\r\u001b[K[{new string('#', done)}{new string('-', 30 - done)}] {p.Fraction,4:P0} {p.Stage}");
                });
            var facts = runner.Measure(progress, ctx.Cancel);
            if (progress is not null) ctx.Err.Write("\r\u001b[K");
            if (runner.ProviderNote is not null) ctx.Err.WriteLine(runner.ProviderNote);
            return facts;
        }
        catch (BaselineInputException e) { throw new UsageException(Msg.EvidenceInput.With(e.Message)); }
    }
}
