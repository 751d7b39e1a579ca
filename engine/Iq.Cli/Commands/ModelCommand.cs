using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Iq.Engine.Baseline;
using Iq.Engine.Facts;
using Iq.Engine.Model;
using Iq.Cli.Conventions;
using Iq.Rules.Binding;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary><c>iq model MODEL.onnx [--description F] [--cases DIR --labels CSV] [--suite …] --out DIR [--run -- CMD…]</c>:
/// the pre-trained model (001) into one bundle: <c>model.json</c> (the file inspected, measured), <c>model_description.json</c>
/// (the vendor's description, declared) and <c>model_measurements.json</c> (the model run on the cases, measured).
/// <c>iq model-template</c> prints a description to fill in.</summary>
static class ModelCommand
{
    public static Command Create(CliContext ctx)
    {
        var model = new Argument<string>("model") { Description = ctx.T(Msg.ArgOnnxModel), HelpName = "MODEL" };
        var trainCommand = new Argument<string[]>("train-command") { Description = ctx.T(Msg.ArgTrainCommand), Arity = ArgumentArity.ZeroOrMore, HelpName = "COMMAND" };
        var description = new Option<string?>("--description") { Description = ctx.T(Msg.OptModelDescription), HelpName = "FILE" };
        var cases = new Option<string?>("--cases") { Description = ctx.T(Msg.OptModelCases), HelpName = "DIR" };
        var labels = new Option<string?>("--labels") { Description = ctx.T(Msg.OptModelLabels), HelpName = "FILE" };
        var task = new Option<string>("--task") { Description = ctx.T(Msg.OptTask), HelpName = "TASK", DefaultValueFactory = _ => "classification" };
        var suites = new Option<string?>("--suite") { Description = ctx.T(Msg.OptSuite.With(string.Join(", ", ModelMeasureOptions.AllSuites))), HelpName = "SUITES" };
        var device = new Option<string>("--device") { Description = ctx.T(Msg.OptDevice), HelpName = "DEVICE", DefaultValueFactory = _ => "cpu" };
        var bind = new Option<string[]>("--bind") { Description = ctx.T(Msg.OptBind), HelpName = "NAME=VALUE" };
        var seed = new Option<ulong>("--seed") { Description = ctx.T(Msg.OptSeed), HelpName = "N", DefaultValueFactory = _ => 20261122 };
        var resamples = new Option<int>("--resamples") { Description = ctx.T(Msg.OptResamples), HelpName = "N", DefaultValueFactory = _ => 1000 };
        var iterations = new Option<int>("--iterations") { Description = ctx.T(Msg.OptModelIterations), HelpName = "N", DefaultValueFactory = _ => 200 };
        var queries = new Option<int>("--queries") { Description = ctx.T(Msg.OptQueries), HelpName = "N", DefaultValueFactory = _ => 100 };
        var attackCases = new Option<int>("--attack-cases") { Description = ctx.T(Msg.OptAttackCases), HelpName = "N", DefaultValueFactory = _ => 100 };
        var epsilons = new Option<string?>("--epsilons") { Description = ctx.T(Msg.OptEpsilons), HelpName = "LIST" };
        var run = new Option<bool>("--run") { Description = ctx.T(Msg.OptTrainRun) };
        var trained = new Option<string?>("--trained") { Description = ctx.T(Msg.OptTrained), HelpName = "FILE" };
        var outDir = Opts.OutBundle(ctx, Msg.OptModelOut);
        var command = new Command("model", ctx.T(Msg.CmdModel));
        command.Arguments.Add(model);
        command.Arguments.Add(trainCommand);
        foreach (var o in new Option[] { description, cases, labels, task, suites, device, bind, seed, resamples, iterations, queries, attackCases, epsilons, run, trained, outDir })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            CommandLineErrors.RejectOptionLike(path, parse);
            var dir = parse.GetValue(outDir)!;
            var taskName = Opts.OneOf("--task", parse.GetValue(task)!, ["classification", "segmentation"]);
            var deviceName = Opts.OneOf("--device", parse.GetValue(device)!, ["cpu", "cuda", "auto"]);
            var bindings = CommandLineValues.Pairs(parse.GetValue(bind), "--bind").ToDictionary(p => p.Key,
                p => long.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
                    : throw new UsageException(Msg.BindNeedsPositive.With(p.Key, p.Value)));
            var command = parse.GetValue(trainCommand) ?? [];
            if (parse.GetValue(run) != command.Length > 0)
                throw new UsageException(parse.GetValue(run) ? Msg.RunNeedsTrainCommand.Text : Msg.UnexpectedArgument.With(command[0]));
            if (parse.GetValue(trained) is not null && command.Length == 0) throw new UsageException(Msg.TrainedNeedsRun.Text);
            var chosen = parse.GetValue(suites) is { } s
                ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => ModelMeasureOptions.AllSuites.Contains(x) ? x
                    : throw new UsageException(Msg.NotOneOf.With("--suite", x, Localized.OrList(ModelMeasureOptions.AllSuites)))).ToArray()
                : ModelMeasureOptions.AllSuites;

            // The output folder is checked before the model is read or anything measured (a training run, minutes of inference):
            // a bad --out, or one inside the cases folder, is refused now, not after the work.
            if (parse.GetValue(cases) is { } casesFolder) Iq.Rules.Io.InputLedger.NoteFolder(casesFolder);
            FactDocuments.CheckWritable(dir, ["model", .. parse.GetValue(description) is null ? Array.Empty<string>() : ["model_description"],
                .. parse.GetValue(cases) is null ? Array.Empty<string>() : ["model_measurements"]]);
            // Everything is read and checked before anything is written.
            JsonObject inspected;
            try { inspected = OnnxInspector.Inspect(path, bindings); }
            catch (ModelInputException e) { throw new UsageException(Msg.EvidenceInput.With(e.Text)); }
            JsonObject? declared = null;
            if (parse.GetValue(description) is { } d)
            {
                var (facts, diagnostics) = DescriptionReader.Read(d);
                declared = facts ?? throw new UsageException(diagnostics);
                try { ModelMeasurer.CheckReferences(declared, Path.GetDirectoryName(Path.GetFullPath(d))!); }
                catch (BaselineInputException e) { throw new UsageException(Msg.EvidenceInput.With(e.Text)); }
                // A claimed robustness condition is measured as claimed: a level its perturbation cannot take (a box_blur of
                // 2.5 or 10⁵) is refused here, at its JSON path, before anything is measured or written.
                if ((declared["claims"] as JsonObject)?["robustness"] is JsonObject robustness && robustness["conditions"] is JsonArray conditions)
                    for (var i = 0; i < conditions.Count; i++)
                        if (conditions[i] is JsonObject c && c["perturbation"] is JsonValue p && p.TryGetValue<string>(out var name)
                            && c["level"] is JsonValue l && l.TryGetValue<double>(out var level) && Perturbations.Unusable(name, level) is { } why)
                            throw new UsageException(Msg.JsonAtPath.With(d, why, $"$.claims.robustness.conditions[{i}].level"));
            }
            JsonObject? measured = null;
            IReadOnlyList<SourceArtefact> vendorFiles = [];
            if (parse.GetValue(cases) is { } casesDir)
            {
                var options = new ModelMeasureOptions
                {
                    Model = path, Cases = casesDir, Labels = parse.GetValue(labels), Task = taskName, Suites = chosen,
                    Device = deviceName, Description = declared,
                    DescriptionFolder = parse.GetValue(description) is { } df ? Path.GetDirectoryName(Path.GetFullPath(df)) : null,
                    Seed = parse.GetValue(seed), Resamples = CommandLineValues.Positive(parse.GetValue(resamples), "--resamples"),
                    Iterations = CommandLineValues.Positive(parse.GetValue(iterations), "--iterations"),
                    QueryBudget = CommandLineValues.Positive(parse.GetValue(queries), "--queries"),
                    AttackCases = CommandLineValues.Positive(parse.GetValue(attackCases), "--attack-cases"),
                    Epsilons = parse.GetValue(epsilons) is { } eps ? Epsilons(eps) : new ModelMeasureOptions { Model = "", Cases = "" }.Epsilons,
                    RunCommand = command.Length > 0 ? command : null,
                    TrainedModel = parse.GetValue(trained) is { } t ? Path.GetFullPath(t) : null,
                };
                // SIGINT/SIGTERM stop the measurement at its next step; nothing is written (exit 130/143).
                try
                {
                    var progress = ProgressBar.For(ctx);
                    var measurer = new ModelMeasurer(options);
                    measured = measurer.Measure(progress, ctx.Cancel);
                    vendorFiles = measurer.VendorFiles;
                    ProgressBar.Clear(ctx, progress);
                }
                catch (BaselineInputException e) { throw new UsageException(Msg.EvidenceInput.With(e.Text)); }
            }
            else if (command.Length > 0) throw new UsageException(Msg.RunNeedsCases.Text);

            // The documents and their seals appear together or not at all.
            using (var outputs = new Iq.Rules.Io.Outputs())
            {
                FactDocuments.Add(outputs, dir, "model", inspected);
                if (declared is not null) FactDocuments.Add(outputs, dir, "model_description", declared);
                if (measured is not null)
                    FactDocuments.Add(outputs, dir, "model_measurements", measured, new DocumentOrigin { Overrides = ModelMeasurer.DeclaredFacts(measured), Sources = vendorFiles });
                outputs.Commit(ctx.Cancel);
            }
            var graph = inspected["graph"]!;
            ctx.Say(Msg.ModelSummary.With(inspected["file"]!["name"]?.ToString(), graph["node_count"]?.ToJsonString(), graph["parameter_count"]?.ToJsonString(),
                inspected["opsets"]!["ai.onnx"]?.ToString() ?? "?", inspected["macs"]!["total"]?.ToJsonString()));
            if (measured?["performance"]?["metrics"]?["accuracy"] is JsonObject { } accuracy && accuracy["value"] is JsonValue acc)
                ctx.Say(Msg.ModelAccuracy.With(acc.ToJsonString(), accuracy["ci_low"]?.ToJsonString(), accuracy["ci_high"]?.ToJsonString()));
            if (measured?["timings"] is JsonObject timings)
                ctx.Say(Msg.ModelSuites.With(string.Join(", ", timings.Select(t => $"{t.Key} {t.Value} ms"))));
            // What could not be measured (a training log or manifest not found beside the description) is no reason to stop,
            // but it is said where the assessor looks now, not only in the document: one line per reason.
            // What the training command left running is said now too (as for a rollback), not only in the document.
            if (measured?["training_run"]?["left_running"] is JsonArray { Count: > 0 } left)
                ctx.WarnText(Msg.ModelRunLeftRunning.With(left.Count, string.Join("; ", left.Select(p => $"{p!["pid"]} {p["command"]}"))));
            if (measured is not null)
                foreach (var (reason, facts) in NotMeasured(measured, "measured"))
                    ctx.WarnText(Msg.ModelNotMeasured.With(string.Join(", ", facts.Take(5)) + (facts.Count > 5 ? ", …" : ""), reason));
            var written = new List<string> { "model.json" };
            if (declared is not null) written.Add("model_description.json");
            if (measured is not null) written.Add("model_measurements.json");
            ctx.Say(Msg.WrittenTo.With($"{dir}/: {string.Join(", ", written)}"));
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>The facts a measurement document marks <c>$error</c> (iq could not measure them; a <c>$absent</c> is a fact
    /// that has no value by nature, such as no OOD cases given), grouped by their reason (as the catalog words it in the
    /// command's language; its English text where it has no code), in document order.</summary>
    static List<(ILocalized Reason, List<string> Facts)> NotMeasured(JsonNode node, string path)
    {
        var groups = new List<(ILocalized Reason, List<string> Facts)>();
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string at)
        {
            switch (n)
            {
                case JsonObject o when o.ContainsKey("$error"):
                    // The same reason for several facts (a training log read by five): one line naming them all.
                    var key = o["$error"]?.ToJsonString() + o["$code"]?.ToJsonString() + o["$args"]?.ToJsonString();
                    if (!byText.TryGetValue(key, out var i)) { byText[key] = i = groups.Count; groups.Add((Iq.Engine.Probes.Fact.Reason(o), [])); }
                    groups[i].Facts.Add(at);
                    break;
                case JsonObject o:
                    foreach (var (name, value) in o) Walk(value, at.Length == 0 ? name : $"{at}.{name}");
                    break;
                case JsonArray a:
                    for (var k = 0; k < a.Count; k++) Walk(a[k], $"{at}[{k}]");
                    break;
            }
        }
        Walk(node, path);
        return groups;
    }

    /// <summary><c>iq model-template</c>: a description with every field of the schema, each with its meaning, to fill in.</summary>
    public static Command Template(CliContext ctx)
    {
        var output = Opts.Output(ctx, Msg.OptTemplateOutput);
        var command = new Command("model-template", ctx.T(Msg.CmdModelTemplate));
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var sb = new StringBuilder();
            // The header in the message language; the fields' meanings are the schema's (docs/model.md).
            foreach (var line in ctx.T(Msg.ModelTemplateHeader).Split('\n'))
                sb.Append("# ").Append(line).Append('\n');
            Yaml(sb, (ObjectType)DescriptionReader.Root.Type, 0);
            var file = parse.GetValue(output) ?? "-";
            ctx.ClaimStdout(file);
            ctx.Write(file, s => s.Write(Encoding.UTF8.GetBytes(sb.ToString())));
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

    /// <summary>L∞ budgets: positive numbers.</summary>
    static double[] Epsilons(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v
                : throw new UsageException(Msg.NotAPositiveNumber.With("--epsilons", x))).ToArray();
}

/// <summary>The progress bar of long measurements: on a terminal only, so a log or a CI run gets result lines alone.</summary>
static class ProgressBar
{
    public static IProgress<BaselineProgress>? For(CliContext ctx) =>
        !ctx.ErrStyle.Enabled || ctx.Verbosity == Iq.Scoring.Reports.Verbosity.Quiet ? null : new Progress<BaselineProgress>(p =>
        {
            var done = (int)Math.Round(Math.Clamp(p.Fraction, 0, 1) * 30);
            ctx.Err.Write($"\r\u001b[K[{new string('#', done)}{new string('-', 30 - done)}] {p.Fraction,4:P0} {p.Stage}");
        });

    public static void Clear(CliContext ctx, IProgress<BaselineProgress>? bar)
    {
        if (bar is not null) ctx.Err.Write("\r\u001b[K");
    }
}
