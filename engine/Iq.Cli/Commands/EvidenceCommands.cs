using System.Text.Json.Nodes;
using System.CommandLine;
using System.Globalization;
using Iq.Cli.Conventions;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;
using Iq.Engine.Trust;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Cli.Commands;

/// <summary>The evidence analyzers besides logs: <c>iq snapshot</c>, <c>iq tests</c>, <c>iq manifest</c>. Each writes one fact
/// document into a bundle folder.</summary>
static class EvidenceCommands
{
    static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (EvidenceInputException e) { throw new UsageException(Msg.EvidenceInput.With(e.Text)); }
    }

    /// <summary><c>iq snapshot DIR -o F</c>; <c>iq snapshot --compare BEFORE AFTER [--run -- COMMAND…] [--out DIR]</c>: with
    /// <c>--run</c>, iq runs the vendor's rollback command, times it and then compares, so the rollback time is measured;
    /// <c>--rollback-time</c> records a time someone typed in, as declared.</summary>
    public static Command Snapshot(CliContext ctx)
    {
        var dir = new Argument<string?>("folder") { Description = ctx.T(Msg.ArgSnapshotFolder), Arity = ArgumentArity.ZeroOrOne, HelpName = "DIR" };
        var rest = new Argument<string[]>("command") { Description = ctx.T(Msg.ArgRollbackCommand), Arity = ArgumentArity.ZeroOrMore, HelpName = "COMMAND" };
        var output = Opts.Output(ctx, Msg.OptSnapshotFile);
        var compare = new Option<string[]>("--compare") { Description = ctx.T(Msg.OptCompare), HelpName = "BEFORE AFTER", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var run = new Option<bool>("--run") { Description = ctx.T(Msg.OptRollbackRun) };
        var timeout = new Option<string>("--timeout") { Description = ctx.T(Msg.OptRollbackTimeout), HelpName = "DURATION", DefaultValueFactory = _ => "1 h" };
        var rollback = new Option<string?>("--rollback-time") { Description = ctx.T(Msg.OptRollbackTime), HelpName = "DURATION" };
        var outDir = Opts.OutBundle(ctx);
        var sign = new SignKeyOption(ctx);
        var command = new Command("snapshot", ctx.T(Msg.CmdSnapshot));
        command.Arguments.Add(dir);
        command.Arguments.Add(rest);
        command.Options.Add(output);
        command.Options.Add(compare);
        command.Options.Add(run);
        command.Options.Add(timeout);
        command.Options.Add(rollback);
        command.Options.Add(outDir);
        sign.AddTo(command);
        command.SetAction(parse => Guard(() =>
        {
            using var key = sign.Read(parse);
            if (parse.GetValue(compare) is { Length: 2 } pair)
            {
                var origin = new DocumentOrigin { Key = key, Sources = SnapshotSources(pair) };
                RollbackRun? ran = null;
                if (parse.GetValue(run))
                {
                    if (parse.GetValue(rollback) is not null) throw new UsageException(Msg.RunOrRollbackTime.Text);
                    var words = (parse.GetValue(dir) is { } first ? [first] : Array.Empty<string>()).Concat(parse.GetValue(rest) ?? []).ToList();
                    if (words.Count == 0) throw new UsageException(Msg.RunNeedsCommand.Text);
                    // The state after the rollback must be taken after the command ends, by iq: a snapshot file made earlier is not it.
                    if (!Directory.Exists(pair[1]))
                        throw new UsageException(Msg.RunAfterFolder.With(pair[1]));
                    ran = RollbackRun.Run(words, Duration(parse.GetValue(timeout)!, "--timeout"), ctx.Err, ctx.Cancel);
                }
                else if (parse.GetValue(dir) is not null || parse.GetValue(rest) is { Length: > 0 })
                    throw new UsageException(Msg.CompareTakesTwo.Text);
                TimeSpan? time = ran?.Elapsed;
                if (parse.GetValue(rollback) is { } text)
                {
                    time = Duration(text, "--rollback-time");
                    // A number someone typed in is the vendor's word, whatever document it sits in.
                    origin = origin with { Overrides = [new ProvenanceOverride("rollback.duration", Provenance.Declared)] };
                }
                // A snapshot file changed since iq wrote it (or not sealed) makes the comparison the vendor's word too.
                foreach (var (side, problem) in pair.Select(p => (p, SnapshotSealProblem(p))).Where(x => x.Item2 is not null).Take(1))
                {
                    ctx.WarnText(Msg.SnapshotNotAsWritten.With(side, problem));
                    origin = origin with { Overrides = [.. origin.Overrides, .. ComparisonFacts.Select(f => new ProvenanceOverride(f, Provenance.Declared))] };
                }
                var facts = Iq.Engine.Evidence.Snapshot.CompareTimed(pair[0], pair[1], time, ctx.Cancel);
                if (ran is { Succeeded: false } failed)
                    facts["duration"] = Iq.Engine.Probes.Fact.Error(Msg.RollbackFailed.With(failed.Failure, failed.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)));
                if (ran is not null)
                {
                    // What the command left running (or what was stopped with it): the time measured is the command's own.
                    facts["left_running"] = Iq.Engine.Evidence.CommandRun.Facts(ran.LeftRunning);
                    if (ran.LeftRunning.Count > 0)
                        ctx.WarnText((ran.ExitCode is null ? Msg.RollbackStoppedLeft : Msg.RollbackLeftRunning).With(ran.LeftRunning.Count,
                            Iq.Engine.Evidence.CommandRun.Describe(ran.LeftRunning)));
                }
                FactDocuments.Write(parse.GetValue(outDir)!, "rollback", facts, origin);
                var seconds = ran?.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                ILocalized ranText = ran is null ? Localized.Empty : ran.Succeeded ? Msg.RollbackTook.With(seconds) : Msg.RollbackFailedAfter.With(ran.Failure, seconds);
                ctx.Say(Localized.Concat(ranText, Msg.RollbackDone.With(facts["added"]?.ToJsonString(), facts["removed"]?.ToJsonString(), facts["changed"]?.ToJsonString(),
                    facts["permission_changes"]?.ToJsonString(), parse.GetValue(outDir))));
                return ExitCodes.Pass;
            }
            var folder = parse.GetValue(dir) ?? throw new UsageException(Msg.GiveSnapshotInput.Text);
            CommandLineErrors.RejectOptionLike(folder, parse);
            var file = parse.GetValue(output) ?? throw new UsageException(Msg.GiveSnapshotOutput.Text);
            ctx.ClaimStdout(file);
            var entries = Iq.Engine.Evidence.Snapshot.Take(folder, ctx.Cancel);
            var bytes = System.Text.Encoding.UTF8.GetBytes(Iq.Engine.Evidence.Snapshot.ToJson(folder, entries));
            // The snapshot and its seal appear together or not at all (no seal for stdout, a device or a pipe).
            using (var outputs = ctx.Outputs())
            {
                outputs.Add(file, s => s.Write(bytes));
                if (file != "-" && Iq.Rules.Io.FileFacts.Of(file).Kind is Iq.Rules.Io.FileKind.Regular or Iq.Rules.Io.FileKind.Missing)
                    outputs.Add(Seals.PathOf(file), s => s.Write(Seals.Bytes(file, bytes, key)));
                outputs.Commit(ctx.Cancel);
            }
            ctx.Say(Msg.SnapshotDone.With(entries.Count, file));
            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary>The rollback facts that come from comparing the snapshots.</summary>
    static readonly string[] ComparisonFacts =
        ["rollback.added", "rollback.removed", "rollback.changed", "rollback.permission_changes", "rollback.files_before", "rollback.examples"];

    static TimeSpan Duration(string text, string option)
    {
        double ms = Iq.Rules.Syntax.Units.Parse(text, Iq.Rules.Syntax.Units.Durations)
            ?? (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain
                : throw new UsageException(Msg.NotADuration.With(option, text)));
        return ms is > 0 and < 1e12 ? TimeSpan.FromMilliseconds(ms) : throw new UsageException(Msg.NeedsPositive.With(option, text));
    }

    /// <summary>The snapshot files compared, hashed (a folder compared is snapshotted now, and named).</summary>
    static List<SourceArtefact> SnapshotSources(string[] pair) =>
        pair.Where(File.Exists).Select(FactDocuments.Source).ToList();

    /// <summary>Why a snapshot file cannot be taken as iq wrote it (its seal missing or broken), or null.</summary>
    static string? SnapshotSealProblem(string snapshot)
    {
        if (!File.Exists(snapshot)) return null;
        var sha = FactDocuments.Source(snapshot).Sha256;
        var check = Seals.Check(snapshot, sha, needed: true, trusted: []);
        return check.Holds ? null : check.Detail;
    }

    /// <summary><c>iq tests REPORT.xml… [--category SUITE=CATEGORY]… [--out DIR]</c>.</summary>
    public static Command Tests(CliContext ctx)
    {
        var files = new Argument<string[]>("reports") { Description = ctx.T(Msg.ArgJunit), Arity = ArgumentArity.OneOrMore, HelpName = "REPORT" };
        var category = new Option<string[]>("--category") { Description = ctx.T(Msg.OptCategory), HelpName = "SUITE=CATEGORY" };
        var tz = new Option<string?>("--tz") { Description = ctx.T(Msg.OptTestsTz), HelpName = "ZONE" };
        var outDir = Opts.OutBundle(ctx);
        var command = new Command("tests", ctx.T(Msg.CmdTests));
        command.Arguments.Add(files);
        command.Options.Add(category);
        command.Options.Add(tz);
        command.Options.Add(outDir);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        command.SetAction(parse => Guard(() =>
        {
            using var key = sign.Read(parse);
            var reports = parse.GetValue(files)!;
            foreach (var p in reports) CommandLineErrors.RejectOptionLike(p, parse);
            var zoneName = parse.GetValue(tz);
            var zone = zoneName is null ? TimeZoneInfo.Utc : LogAnalyzer.Zone(zoneName) ?? throw new UsageException(Msg.BadTimeZone.With("--tz", zoneName));
            var facts = JunitFacts.Read(reports, CommandLineValues.Pairs(parse.GetValue(category), "--category", "SUITE=CATEGORY"), ctx.Cancel,
                zone, zoneName ?? "UTC");
            FactDocuments.Write(parse.GetValue(outDir)!, "tests", facts,
                new DocumentOrigin { Sources = reports.Select(FactDocuments.Source).ToList(), Key = key });
            if (facts["local_times"]?["suites"] is { } local) ctx.Say(Msg.TestsLocalTimes.With(local.ToJsonString(), zoneName ?? "UTC"));
            ctx.Say(Msg.TestsDone.With(facts["total"]?.ToJsonString(), facts["failed"]?.ToJsonString(), facts["skipped"]?.ToJsonString(), parse.GetValue(outDir)));
            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary><c>iq imports NAME MANIFEST [--root DIR] [--algorithm ALG] [--ignore GLOB]… [--out DIR]</c>: one imported data
    /// set checked against its manifest (6.2.2 f), added to the bundle's data_imports.json under NAME (a set of that name
    /// already there is replaced; the others are kept).</summary>
    public static Command Imports(CliContext ctx)
    {
        var name = new Argument<string>("name") { Description = ctx.T(Msg.ArgImportName), HelpName = "NAME" };
        var file = new Argument<string>("manifest") { Description = ctx.T(Msg.ArgImportManifest), HelpName = "MANIFEST" };
        var root = new Option<string?>("--root") { Description = ctx.T(Msg.OptImportRoot), HelpName = "DIR" };
        var algorithm = new Option<string?>("--algorithm") { Description = ctx.T(Msg.OptAlgorithm), HelpName = "NAME" };
        var ignore = new Option<string[]>("--ignore") { Description = ctx.T(Msg.OptIgnore), HelpName = "GLOB" };
        var outDir = Opts.OutBundle(ctx);
        var sign = new SignKeyOption(ctx);
        var command = new Command("imports", ctx.T(Msg.CmdImports));
        command.Arguments.Add(name);
        command.Arguments.Add(file);
        command.Options.Add(root);
        command.Options.Add(algorithm);
        command.Options.Add(ignore);
        command.Options.Add(outDir);
        sign.AddTo(command);
        command.SetAction(parse => Guard(() =>
        {
            var set = parse.GetValue(name)!;
            if (set.Trim().Length == 0 || set.Any(char.IsControl)) throw new UsageException(Msg.ImportNameVisible.Text);
            CommandLineErrors.RejectOptionLike(parse.GetValue(file)!, parse);
            using var key = sign.Read(parse);
            if (parse.GetValue(root) is { } hashed) Iq.Rules.Io.InputLedger.NoteFolder(hashed);
            FactDocuments.CheckWritable(parse.GetValue(outDir)!, "data_imports");
            var facts = DataImportReader.Read(parse.GetValue(file)!, parse.GetValue(root), parse.GetValue(algorithm), parse.GetValue(ignore) ?? []);
            var dir = parse.GetValue(outDir)!;
            var all = ExistingImports(Path.Combine(dir, "data_imports.json"));
            all[set] = facts;
            FactDocuments.Write(dir, "data_imports", all, new DocumentOrigin { Key = key });
            static string Names(JsonNode? n) => n is JsonArray a && a.Count > 0 ? ": " + string.Join(", ", a.Take(10).Select(x => (string?)x)) + (a.Count > 10 ? ", …" : "") : "";
            var verified = facts["files_verified"] is JsonObject o ? Msg.ImportNoneVerified.With(Iq.Engine.Probes.Fact.Reason(o)) : Msg.ImportVerified.With(facts["files_verified"]?.ToJsonString());
            ctx.Say(Msg.ImportSummary.With(set, facts["files_listed"]?.ToJsonString(), facts["format"]?.ToString(), verified,
                facts["files_missing"]?.ToJsonString(), Names(facts["missing_files"]), facts["files_changed"]?.ToJsonString(), Names(facts["changed_files"]),
                facts["rejected_files"]!.AsArray().Count, Names(facts["rejected_files"]), facts["files_extra"]?.ToJsonString(), Names(facts["extra_files"])));
            ctx.Say(Msg.ImportsWritten.With($"{dir}/data_imports.json", all.Count));
            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary>The data sets already in the bundle's data_imports.json, to add one to; a file that is not such a document
    /// is an error (it is never overwritten).</summary>
    static JsonObject ExistingImports(string path)
    {
        if (Iq.Rules.Io.FileFacts.Of(path, followLinks: false).Kind == Iq.Rules.Io.FileKind.Missing) return [];
        // Read as every JSON input is: a FIFO or a device is refused unopened; bad UTF-8 and a member named twice are errors.
        using var parsed = Iq.Rules.Io.JsonInput.Read(path, Iq.Rules.Io.InputKind.FactDocument, out _, out var problem);
        if (parsed is null)
            throw new EvidenceInputException(Msg.ImportsDocUnread.With($"{problem!.Span.File}:{problem.Span.Line}:{problem.Span.Column}", problem.Text));
        var doc = JsonNode.Parse(parsed.RootElement.GetRawText());
        // The kind read only if it is a string: casting a number or true to string throws.
        if (doc is not JsonObject o || !(o["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind == "data_imports") || o["facts"] is not JsonObject facts)
            throw new EvidenceInputException(Msg.ImportsDocWrongKind.With(path));
        // Added to only as iq wrote it (as iq logs does): the sets already there would otherwise be written back under a new
        // seal, so that a hand-edited count would pass as measured.
        var seal = Iq.Engine.Trust.Seals.Check(path, FactDocuments.Source(path).Sha256, needed: true, trusted: []);
        if (!seal.Holds)
            throw new EvidenceInputException(Msg.ImportsDocUnsealed.With(path, seal.Detail));
        // Read to be written back with one data set more: not an input the output must not replace.
        Iq.Rules.Io.InputLedger.Release(path);
        Iq.Rules.Io.InputLedger.Release(path + Iq.Engine.Trust.Seals.Extension);
        return (JsonObject)facts.DeepClone();
    }

    /// <summary><c>iq manifest FILE [--root DIR] [--ignore GLOB]… [--pattern REGEX] [--out DIR]</c>.</summary>
    public static Command Manifest(CliContext ctx)
    {
        var file = new Argument<string>("manifest") { Description = ctx.T(Msg.ArgManifest), HelpName = "MANIFEST" };
        var root = new Option<string?>("--root") { Description = ctx.T(Msg.OptManifestRoot), HelpName = "DIR" };
        var ignore = new Option<string[]>("--ignore") { Description = ctx.T(Msg.OptIgnore), HelpName = "GLOB" };
        var pattern = new Option<string?>("--pattern") { Description = ctx.T(Msg.OptPattern), HelpName = "REGEX" };
        var outDir = Opts.OutBundle(ctx);
        var command = new Command("manifest", ctx.T(Msg.CmdManifest));
        command.Arguments.Add(file);
        command.Options.Add(root);
        command.Options.Add(ignore);
        command.Options.Add(pattern);
        command.Options.Add(outDir);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        command.SetAction(parse => Guard(() =>
        {
            using var key = sign.Read(parse);
            CommandLineErrors.RejectOptionLike(parse.GetValue(file)!, parse);
            // Checked before the root is hashed (minutes for a large tree): a bad --out, or one inside the root, is refused now.
            if (parse.GetValue(root) is { } hashed) Iq.Rules.Io.InputLedger.NoteFolder(hashed);
            FactDocuments.CheckWritable(parse.GetValue(outDir)!, "manifest");
            var facts = ManifestReader.Read(parse.GetValue(file)!, parse.GetValue(root), parse.GetValue(pattern), parse.GetValue(ignore) ?? [], out var manifest, ctx.Cancel);
            FactDocuments.Write(parse.GetValue(outDir)!, "manifest", facts, ManifestReader.Origin(manifest, parse.GetValue(file)!, parse.GetValue(root)) with { Key = key });
            static object Count(JsonNode? n) => n is JsonObject o && o["$absent"] is not null ? Msg.NotChecked.With(Iq.Engine.Probes.Fact.Reason(o)) : n?.ToJsonString() ?? "0";
            static string Names(JsonNode? n) => n is JsonArray a && a.Count > 0 ? ": " + string.Join(", ", a.Take(10).Select(x => (string?)x)) + (a.Count > 10 ? ", …" : "") : "";
            static string Value(JsonNode? n) => n is JsonValue v ? v.ToString() : "(none)";
            ctx.Say(Msg.ManifestSummary.With(Value(facts["package"]!["id"]), Value(facts["package"]!["version"]), facts["format"]?.ToString(), facts["format_version"]?.ToString(),
                facts["components"]!.AsArray().Count, facts["files_listed"]?.ToJsonString(), Count(facts["files_verified"])));
            if (parse.GetValue(root) is not null)
                ctx.Say(Msg.ManifestFiles.With(facts["files_missing"]?.ToJsonString(), Names(facts["missing_files"]), facts["files_changed"]?.ToJsonString(), Names(facts["changed_files"]),
                    facts["rejected_files"]!.AsArray().Count, Names(facts["rejected_files"]), facts["files_extra"]?.ToJsonString(), Names(facts["extra_files"])));
            ctx.Say(Msg.WrittenTo.With($"{parse.GetValue(outDir)}/manifest.json"));
            return ExitCodes.Pass;
        }));
        return command;
    }
}
