using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Iq.Engine.Baseline;
using Iq.Engine.Facts;
using Iq.Engine.Model;
using Iq.Rules.Binding;

namespace Iq.Cli.Commands;

/// <summary><c>iq model MODEL.onnx [--description F] [--cases DIR --labels CSV] [--suite …] --out DIR [--run -- CMD…]</c>:
/// the pre-trained model (001) into one bundle: <c>model.json</c> (the file inspected, measured), <c>model_description.json</c>
/// (the vendor's description, declared) and <c>model_measurements.json</c> (the model run on the cases, measured).
/// <c>iq model-template</c> prints a description to fill in.</summary>
static class ModelCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = new Argument<string>("model") { Description = "The ONNX model file" };
        var trainCommand = new Argument<string[]>("train-command") { Description = "With --run: the vendor's training command, after --", Arity = ArgumentArity.ZeroOrMore };
        var description = new Option<string?>("--description") { Description = "The vendor's model description (YAML or JSON; iq model-template prints one to fill in)" };
        var cases = new Option<string?>("--cases") { Description = "A folder of .npy cases (one sample each, with or without the batch axis)" };
        var labels = new Option<string?>("--labels") { Description = "labels.csv: case,label[,group][,tags] (tags: natural_noise;stress;ood;invalid)" };
        var task = new Option<string>("--task") { Description = "classification or segmentation", DefaultValueFactory = _ => "classification" };
        task.AcceptOnlyFromAmong("classification", "segmentation");
        var suites = new Option<string?>("--suite") { Description = $"Suites to measure, comma-separated: {string.Join(", ", ModelMeasureOptions.AllSuites)} (default: all)" };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto (CUDA, else CPU)", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var bind = new Option<string[]>("--bind") { Description = "A symbolic input dimension for the MACs estimate: NAME=VALUE (default 1)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random draw (bootstrap, noise, attacks)", DefaultValueFactory = _ => 20261122 };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples", DefaultValueFactory = _ => 1000 };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs for latency", DefaultValueFactory = _ => 200 };
        var queries = new Option<int>("--queries") { Description = "Query budget per case of the black-box attacks", DefaultValueFactory = _ => 100 };
        var attackCases = new Option<int>("--attack-cases") { Description = "Labelled cases attacked", DefaultValueFactory = _ => 100 };
        var epsilons = new Option<string?>("--epsilons") { Description = "L∞ budgets ε of the attacks, e.g. 0.02,0.05 (default 0.02,0.05,0.1,0.2, plus those the description claims)" };
        var run = new Option<bool>("--run") { Description = "Run the vendor's training command (after --) and record the loss values it prints (6.3.1)" };
        var outDir = new Option<string>("--out") { Description = "The bundle folder", DefaultValueFactory = _ => "iq-facts" };
        var command = new Command("model", "Inspect and measure a pre-trained ONNX model against its description (001)");
        command.Arguments.Add(model);
        command.Arguments.Add(trainCommand);
        foreach (var o in new Option[] { description, cases, labels, task, suites, device, bind, seed, resamples, iterations, queries, attackCases, epsilons, run, outDir })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var dir = parse.GetValue(outDir)!;
            var bindings = CommandLineValues.Pairs(parse.GetValue(bind), "--bind").ToDictionary(p => p.Key,
                p => long.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
                    : throw new UsageException($"--bind {p.Key}: a positive whole number, got '{p.Value}'"));
            var command = parse.GetValue(trainCommand) ?? [];
            if (parse.GetValue(run) != command.Length > 0)
                throw new UsageException(parse.GetValue(run) ? "--run needs the training command after --, e.g. --run -- python3 train.py" : $"unexpected argument '{command[0]}'");
            var chosen = parse.GetValue(suites) is { } s
                ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => ModelMeasureOptions.AllSuites.Contains(x) ? x
                    : throw new UsageException($"--suite: unknown suite '{x}'; expected {string.Join(", ", ModelMeasureOptions.AllSuites)}")).ToArray()
                : ModelMeasureOptions.AllSuites;

            // Everything is read and checked before anything is written.
            JsonObject inspected;
            try { inspected = OnnxInspector.Inspect(path, bindings); }
            catch (ModelInputException e) { throw new UsageException(e.Message); }
            JsonObject? declared = null;
            if (parse.GetValue(description) is { } d)
            {
                var (facts, diagnostics) = DescriptionReader.Read(d);
                declared = facts ?? throw new UsageException(diagnostics);
            }
            JsonObject? measured = null;
            if (parse.GetValue(cases) is { } casesDir)
            {
                var options = new ModelMeasureOptions
                {
                    Model = path, Cases = casesDir, Labels = parse.GetValue(labels), Task = parse.GetValue(task)!, Suites = chosen,
                    Device = parse.GetValue(device)!, Description = declared,
                    DescriptionFolder = parse.GetValue(description) is { } df ? Path.GetDirectoryName(Path.GetFullPath(df)) : null,
                    Seed = parse.GetValue(seed), Resamples = Positive(parse.GetValue(resamples), "--resamples"),
                    Iterations = Positive(parse.GetValue(iterations), "--iterations"), QueryBudget = Positive(parse.GetValue(queries), "--queries"),
                    AttackCases = Positive(parse.GetValue(attackCases), "--attack-cases"),
                    Epsilons = parse.GetValue(epsilons) is { } eps ? Numbers(eps, "--epsilons") : new ModelMeasureOptions { Model = "", Cases = "" }.Epsilons,
                    RunCommand = command.Length > 0 ? command : null,
                };
                using var cancel = new CancellationTokenSource();
                ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; cancel.Cancel(); };
                Console.CancelKeyPress += stop;
                try
                {
                    var progress = ProgressBar.For(stderr);
                    measured = new ModelMeasurer(options).Measure(progress, cancel.Token);
                    ProgressBar.Clear(stderr, progress);
                }
                catch (BaselineInputException e) { throw new UsageException(e.Message); }
                catch (OperationCanceledException) { throw new UsageException("interrupted: nothing written"); }
                finally { Console.CancelKeyPress -= stop; }
            }
            else if (command.Length > 0) throw new UsageException("--run needs --cases (the training run is recorded with the measurements)");

            FactDocuments.Write(dir, "model", inspected);
            if (declared is not null) FactDocuments.Write(dir, "model_description", declared);
            if (measured is not null) FactDocuments.Write(dir, "model_measurements", measured);
            var graph = inspected["graph"]!;
            stdout.WriteLine($"{inspected["file"]!["name"]}: {graph["node_count"]} nodes, {graph["parameter_count"]} parameters, " +
                             $"opset {inspected["opsets"]!["ai.onnx"]?.ToString() ?? "?"}, ~{inspected["macs"]!["total"]} MACs per inference");
            if (measured?["performance"]?["metrics"]?["accuracy"]?["value"] is JsonValue acc)
                stdout.WriteLine($"accuracy {acc} (95% CI {measured["performance"]!["metrics"]!["accuracy"]!["ci_low"]}–{measured["performance"]!["metrics"]!["accuracy"]!["ci_high"]})");
            if (measured?["timings"] is JsonObject timings)
                stdout.WriteLine("suites: " + string.Join(", ", timings.Select(t => $"{t.Key} {t.Value} ms")));
            stdout.WriteLine($"written to {dir}/: model.json{(declared is null ? "" : ", model_description.json")}{(measured is null ? "" : ", model_measurements.json")}");
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary><c>iq model-template</c>: a description with every field of the schema, each with its meaning, to fill in.</summary>
    public static Command Template(TextWriter stdout)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the template to this file (default: stdout)" };
        var command = new Command("model-template", "Print a model description (001 ch. 4 and the claims of ch. 5) to fill in");
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var sb = new StringBuilder();
            sb.Append("# Model description (GB/T 人工智能医疗器械 质量要求和评价 第5部分：预训练模型, ch. 4 and the claims of ch. 5).\n");
            sb.Append("# Fill in every field; a part that does not apply says so in its not_applicable field (\"not applicable, because …\").\n");
            sb.Append("# Schema: iq schema --kind model_description. Read by: iq model MODEL.onnx --description THIS.yaml\n");
            Yaml(sb, (ObjectType)DescriptionReader.Root.Type, 0);
            if (parse.GetValue(output) is { } file) Iq.Scoring.Reports.AtomicFile.Write(file, s => s.Write(Encoding.UTF8.GetBytes(sb.ToString())));
            else stdout.Write(sb.ToString());
            return ExitCodes.Pass;
        });
        return command;
    }

    static void Yaml(StringBuilder sb, ObjectType type, int indent, bool firstInList = false)
    {
        var first = true;
        foreach (var m in type.Members)
        {
            var pad = new string(' ', indent);
            if (firstInList && first) pad = new string(' ', Math.Max(0, indent - 2)) + "- ";
            first = false;
            switch (m.Type)
            {
                case ObjectType o:
                    sb.Append($"{pad}{m.Name}:  # {m.Description}\n");
                    Yaml(sb, o, indent + 2);
                    break;
                case ListType { Element: ObjectType eo }:
                    sb.Append($"{pad}{m.Name}:  # {m.Description}\n");
                    Yaml(sb, eo, indent + 4, firstInList: true);
                    break;
                case ListType:
                    sb.Append($"{pad}{m.Name}: []  # {m.Description}\n");
                    break;
                default:
                    sb.Append($"{pad}{m.Name}: ~  # {m.Type.Name}: {m.Description}\n");
                    break;
            }
        }
    }

    static int Positive(int value, string name) => value > 0 ? value : throw new UsageException($"{name} must be positive, got {value}");

    static double[] Numbers(string text, string name) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v
                : throw new UsageException($"{name}: not a positive number: '{x}'")).ToArray();
}

/// <summary>The progress bar of long measurements: on a terminal only, so a log or a CI run gets result lines alone.</summary>
static class ProgressBar
{
    public static IProgress<BaselineProgress>? For(TextWriter stderr) => Console.IsErrorRedirected ? null : new Progress<BaselineProgress>(p =>
    {
        var done = (int)Math.Round(Math.Clamp(p.Fraction, 0, 1) * 30);
        stderr.Write($"\r\u001b[K[{new string('#', done)}{new string('-', 30 - done)}] {p.Fraction,4:P0} {p.Stage}");
    });

    public static void Clear(TextWriter stderr, IProgress<BaselineProgress>? bar)
    {
        if (bar is not null) stderr.Write("\r\u001b[K");
    }
}
