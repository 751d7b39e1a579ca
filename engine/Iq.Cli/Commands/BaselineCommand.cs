using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Engine.Baseline;
using Iq.Engine.Facts;

namespace Iq.Cli.Commands;

/// <summary><c>iq baseline --model M.onnx [--cases DIR] [--labels F] …</c>: baseline performance of the device's model on
/// this machine, written as a <c>baseline</c> fact document. Ctrl-C stops cleanly and writes what was measured, marked incomplete.</summary>
static class BaselineCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = new Option<string>("--model") { Description = "The ONNX model", Required = true };
        var cases = new Option<string?>("--cases") { Description = "A folder of .npy cases (case.npy, or case.<input>.npy for several inputs)" };
        var labels = new Option<string?>("--labels") { Description = "labels.csv: case,label (a class number; for segmentation a mask .npy path)" };
        var task = new Option<string>("--task") { Description = "classification or segmentation", DefaultValueFactory = _ => "classification" };
        task.AcceptOnlyFromAmong("classification", "segmentation");
        var warmup = new Option<int>("--warmup") { Description = "Runs before measuring", DefaultValueFactory = _ => 10 };
        var iterations = new Option<int>("--iterations") { Description = "Runs per level", DefaultValueFactory = _ => 100 };
        var duration = new Option<double?>("--duration") { Description = "Seconds per level (instead of --iterations)" };
        var concurrency = new Option<string>("--concurrency") { Description = "Concurrency levels, e.g. 1,2,4,8", DefaultValueFactory = _ => "1,2,4,8" };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto (CUDA, else CPU)", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var bound = new Option<double?>("--latency-bound") { Description = "Milliseconds: the largest level whose p99 stays within it is max_concurrency" };
        var synthetic = new Option<bool>("--synthetic") { Description = "Random inputs of the model's declared shape (performance only)" };
        var repeat = new Option<int>("--repeat") { Description = "Runs of one case for output repeatability", DefaultValueFactory = _ => 10 };
        var noise = new Option<string?>("--noise") { Description = "Gaussian noise levels (in standard deviations of each case), e.g. 0.1,0.5" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads per run", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string>("--out") { Description = "The bundle folder to write baseline.json into", DefaultValueFactory = _ => "iq-facts" };
        var command = new Command("baseline", "Measure the model's baseline performance on this machine (IQ 4.3.2, 6.4.2)");
        var sign = new SignKeyOption();
        sign.AddTo(command);
        foreach (var o in new Option[] { model, cases, labels, task, warmup, iterations, duration, concurrency, device, bound, synthetic, repeat, noise, threads, outDir })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var options = new BaselineOptions
            {
                Model = parse.GetValue(model)!,
                Cases = parse.GetValue(cases),
                Labels = parse.GetValue(labels),
                Task = parse.GetValue(task)!,
                Warmup = Positive(parse.GetValue(warmup), "--warmup", zero: true),
                Iterations = Positive(parse.GetValue(iterations), "--iterations"),
                Duration = parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d > 0 ? d : throw new UsageException("--duration must be positive")) : null,
                Concurrency = Numbers(parse.GetValue(concurrency)!, "--concurrency").Select(x => Positive((int)x, "--concurrency")).ToArray(),
                Device = parse.GetValue(device)!,
                LatencyBound = parse.GetValue(bound) is { } b ? TimeSpan.FromMilliseconds(b) : null,
                Synthetic = parse.GetValue(synthetic),
                Repeat = Positive(parse.GetValue(repeat), "--repeat"),
                Noise = parse.GetValue(noise) is { } n ? Numbers(n, "--noise") : [],
                ThreadsPerRun = Positive(parse.GetValue(threads), "--threads"),
            };
            using var key = sign.Read(parse);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += stop;
            try
            {
                JsonObject facts;
                try
                {
                    using var runner = new BaselineRunner(options);
                    var progress = ProgressBar.For(stderr);
                    facts = runner.Measure(progress, cancel.Token);
                    ProgressBar.Clear(stderr, progress);
                    if (runner.ProviderNote is not null) stderr.WriteLine(runner.ProviderNote);
                }
                catch (BaselineInputException e) { throw new UsageException(e.Message); }
                var dir = parse.GetValue(outDir)!;
                // What the measurement rests on: the model, the labels and the cases, hashed.
                var sources = new List<SourceArtefact> { FactDocuments.Source(options.Model) };
                if (options.Labels is { } l) sources.Add(FactDocuments.Source(l));
                if (options.Cases is { } c) sources.Add(FactDocuments.SourceTree(c));
                FactDocuments.Write(dir, "baseline", facts, new DocumentOrigin { Sources = sources, Key = key });
                var single = facts["single_stream"]?["mean"];
                stdout.WriteLine($"{(facts["incomplete"]!.GetValue<bool>() ? "Stopped early; partial " : "")}baseline of {facts["model"]} on {facts["provider"]}: " +
                                 $"single-stream mean {single} ms, max concurrency {facts["max_concurrency"]}" +
                                 (facts["accuracy"] is { } acc ? $", accuracy {acc}" : facts["dice"] is { } dice ? $", Dice {dice}" : "") +
                                 $"; written to {dir}/baseline.json");
                return ExitCodes.Pass;
            }
            finally { Console.CancelKeyPress -= stop; }
        });
        return command;
    }

    static int Positive(int value, string name, bool zero = false) =>
        value > 0 || zero && value == 0 ? value : throw new UsageException($"{name} must be {(zero ? "0 or more" : "positive")}, got {value}");

    static double[] Numbers(string text, string name) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
                : throw new UsageException($"{name}: not a number: '{x}'")).ToArray();
}
