using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Cli.Conventions;
using Iq.Engine.Baseline;
using Iq.Engine.Facts;
using Iq.Rules.Io;
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
        var partial = new Option<bool>("--partial") { Description = ctx.T(Msg.OptPartial) };
        var command = new Command("baseline", ctx.T(Msg.CmdBaseline));
        model.AddTo(command);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        foreach (var o in new Option[] { cases, labels, task, warmup, iterations, duration, concurrency, device, bound, synthetic, repeat, noise, threads, outDir, partial })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var options = new BaselineOptions
            {
                Model = model.Require(parse),
                Cases = parse.GetValue(cases),
                Labels = parse.GetValue(labels),
                Task = Opts.OneOf("--task", parse.GetValue(task)!, ["classification", "segmentation"]),
                Warmup = CommandLineValues.InRange(parse.GetValue(warmup), "--warmup", 0, 1_000_000),
                Iterations = CommandLineValues.InRange(parse.GetValue(iterations), "--iterations", 1, 10_000_000),
                Duration = parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(CommandLineValues.InRange(d, "--duration", 0.001, 86_400)) : null,
                Concurrency = CommandLineValues.Numbers(parse.GetValue(concurrency)!, "--concurrency")
                    .Select(x => x == Math.Floor(x) ? CommandLineValues.InRange((int)Math.Min(x, int.MaxValue), "--concurrency", 1, 1024)
                        : throw new UsageException(Msg.WholeLevels.With("--concurrency", x.ToString(CultureInfo.InvariantCulture)))).ToArray(),
                Device = Opts.OneOf("--device", parse.GetValue(device)!, ["cpu", "cuda", "auto"]),
                LatencyBound = parse.GetValue(bound) is { } b ? TimeSpan.FromMilliseconds(CommandLineValues.InRange(b, "--latency-bound", 0.001, 3_600_000)) : null,
                Synthetic = parse.GetValue(synthetic),
                Repeat = CommandLineValues.InRange(parse.GetValue(repeat), "--repeat", 1, 100_000),
                Noise = parse.GetValue(noise) is { } n ? CommandLineValues.Numbers(n, "--noise").Select(x => CommandLineValues.InRange(x, "--noise", 0, 100)).ToArray() : [],
                ThreadsPerRun = CommandLineValues.InRange(parse.GetValue(threads), "--threads", 1, 1024),
            };
            var dir = parse.GetValue(outDir)!;
            using var key = sign.Read(parse);
            // Checked before measuring (minutes of inference): a bad --out, or one inside the cases folder, is refused now.
            if (options.Cases is { } casesFolder) Iq.Rules.Io.InputLedger.NoteFolder(casesFolder);
            FactDocuments.CheckWritable(dir, "baseline");
            // Asked to keep the finished levels: once stopped, their hashing, sealing and writing must not be cut short.
            if (parse.GetValue(partial)) ctx.AllowFinishing(TimeSpan.FromSeconds(10));
            var facts = Measure(options, ctx);
            // Interrupted: the levels finished so far are kept only when asked for; the exit code says interrupted either way.
            if (facts["incomplete"]!.GetValue<bool>() && !parse.GetValue(partial)) throw new OperationCanceledException(ctx.Cancel);
            // What the measurement rests on: the model, the labels and the cases, hashed.
            var sources = new List<SourceArtefact> { FactDocuments.Source(options.Model) };
            if (options.Labels is { } l) sources.Add(FactDocuments.Source(l));
            if (options.Cases is { } c) sources.Add(FactDocuments.SourceTree(c));
            using var outputs = ctx.Outputs();
            FactDocuments.Add(outputs, dir, "baseline", facts, new DocumentOrigin { Sources = sources, Key = key });
            outputs.Commit();
            var metric = facts["accuracy"] is { } acc ? Msg.BaselineAccuracy.With(acc.ToJsonString())
                : facts["dice"] is { } dice ? Msg.BaselineDice.With(dice.ToJsonString()) : Localized.Empty;
            ctx.Say(Msg.BaselineDone.With(facts["incomplete"]!.GetValue<bool>() ? Msg.BaselinePartial.Text : Localized.Empty, facts["model"]?.ToString(),
                facts["provider"]?.ToString(), facts["single_stream"]?["mean"]?.ToJsonString(), 
                facts["max_concurrency"] is JsonObject unmeasured ? Iq.Engine.Probes.Fact.Reason(unmeasured) : Localized.Verbatim(facts["max_concurrency"]?.ToJsonString() ?? ""), metric, dir));
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
            var progress = ProgressBar.For(ctx);
            var facts = runner.Measure(progress, ctx.Cancel);
            ProgressBar.Clear(ctx, progress);
            if (runner.ProviderNote is not null) ctx.Err.WriteLine(ctx.T(runner.ProviderNote));
            foreach (var note in runner.Notes) ctx.Err.WriteLine("iq: " + ctx.T(Msg.Note.With(note)));
            return facts;
        }
        catch (BaselineInputException e) { throw new UsageException(Msg.EvidenceInput.With(e.Text)); }
    }
}
