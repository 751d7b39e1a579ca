using System.Text.Json.Nodes;
using System.CommandLine;
using System.Globalization;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;
using Iq.Engine.Trust;
using Iq.Rules.Model;
using Iq.Scoring.Reports;

namespace Iq.Cli.Commands;

/// <summary>The evidence analyzers besides logs: <c>iq snapshot</c>, <c>iq tests</c>, <c>iq manifest</c>. Each writes one fact
/// document into a bundle folder.</summary>
static class EvidenceCommands
{
    static Option<string> Out() => new("--out") { Description = "The bundle folder to write into", DefaultValueFactory = _ => "iq-facts" };

    static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (EvidenceInputException e) { throw new UsageException(e.Message); }
    }

    /// <summary><c>iq snapshot DIR -o F</c>; <c>iq snapshot --compare BEFORE AFTER [--run -- COMMAND…] [--out DIR]</c>: with
    /// <c>--run</c>, iq runs the vendor's rollback command, times it and then compares, so the rollback time is measured;
    /// <c>--rollback-time</c> records a time someone typed in, as declared.</summary>
    public static Command Snapshot(TextWriter stdout)
    {
        var dir = new Argument<string?>("folder") { Description = "The folder to snapshot", Arity = ArgumentArity.ZeroOrOne };
        var rest = new Argument<string[]>("command") { Description = "After --run --: the rollback command and its arguments", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "The snapshot file to write" };
        var compare = new Option<string[]>("--compare") { Description = "BEFORE AFTER: two snapshot files or folders", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var run = new Option<bool>("--run") { Description = "Run the rollback command given after --, time it, then compare (the rollback time is then measured)" };
        var timeout = new Option<string>("--timeout") { Description = "How long the rollback command may take", DefaultValueFactory = _ => "1 h" };
        var rollback = new Option<string?>("--rollback-time") { Description = "How long the rollback took, typed in (e.g. \"12 min\"): recorded as declared, not measured" };
        var outDir = Out();
        var sign = new SignKeyOption();
        var command = new Command("snapshot", "Snapshot a folder (SHA-256 of every file), or compare two snapshots into rollback facts (IQ 5.2.2, 6.3.2)");
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
                    if (parse.GetValue(rollback) is not null) throw new UsageException("--run measures the rollback time; --rollback-time types one in: give one of them");
                    var words = (parse.GetValue(dir) is { } first ? [first] : Array.Empty<string>()).Concat(parse.GetValue(rest) ?? []).ToList();
                    if (words.Count == 0) throw new UsageException("--run: give the rollback command after --, e.g. --run -- /opt/vendor/rollback.sh --yes");
                    // The state after the rollback must be taken after the command ends, by iq: a snapshot file made earlier is not it.
                    if (!Directory.Exists(pair[1]))
                        throw new UsageException($"--run: AFTER must be the folder the rollback restores (iq snapshots it when the command ends), not '{pair[1]}'");
                    ran = RollbackRun.Run(words, Duration(parse.GetValue(timeout)!, "--timeout"), Console.Error);
                }
                else if (parse.GetValue(dir) is not null || parse.GetValue(rest) is { Length: > 0 })
                    throw new UsageException("--compare takes BEFORE AFTER; a command to run goes after --run --");
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
                    Console.Error.WriteLine($"iq: warning: {side}: {problem}; the comparison is recorded as declared");
                    origin = origin with { Overrides = [.. origin.Overrides, .. ComparisonFacts.Select(f => new ProvenanceOverride(f, Provenance.Declared))] };
                }
                var facts = Iq.Engine.Evidence.Snapshot.CompareTimed(pair[0], pair[1], time);
                if (ran is { Succeeded: false } failed)
                    facts["duration"] = new JsonObject { ["$error"] = $"the rollback command {failed.Failure} after {failed.Elapsed.TotalSeconds:0.###} s" };
                FactDocuments.Write(parse.GetValue(outDir)!, "rollback", facts, origin);
                stdout.WriteLine((ran is null ? "" : $"rollback {(ran.Succeeded ? "took" : ran.Failure + " after")} {ran.Elapsed.TotalSeconds:0.###} s; ") +
                                 $"{facts["added"]} added, {facts["removed"]} removed, {facts["changed"]} changed, {facts["permission_changes"]} permission changes; " +
                                 $"written to {parse.GetValue(outDir)}/rollback.json");
                return ExitCodes.Pass;
            }
            var folder = parse.GetValue(dir) ?? throw new UsageException("give a folder to snapshot, or --compare BEFORE AFTER");
            var file = parse.GetValue(output) ?? throw new UsageException("give -o FILE for the snapshot");
            var entries = Iq.Engine.Evidence.Snapshot.Take(folder);
            var bytes = System.Text.Encoding.UTF8.GetBytes(Iq.Engine.Evidence.Snapshot.ToJson(folder, entries));
            AtomicFile.Write(file, s => s.Write(bytes));
            Seals.Write(file, bytes, key);
            stdout.WriteLine($"{entries.Count} files snapshotted to {file}");
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
                : throw new UsageException($"{option}: not a duration: '{text}'"));
        return ms is > 0 and < 1e12 ? TimeSpan.FromMilliseconds(ms) : throw new UsageException($"{option}: must be positive, got '{text}'");
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
    public static Command Tests(TextWriter stdout)
    {
        var files = new Argument<string[]>("reports") { Description = "JUnit XML reports", Arity = ArgumentArity.OneOrMore };
        var category = new Option<string[]>("--category") { Description = "SUITE=CATEGORY (interface, data-interface, main-flow); * wildcards allowed" };
        var outDir = Out();
        var command = new Command("tests", "Functional confirmation test results (JUnit XML) to tests facts (IQ 4.3.1)");
        command.Arguments.Add(files);
        command.Options.Add(category);
        command.Options.Add(outDir);
        var sign = new SignKeyOption();
        sign.AddTo(command);
        command.SetAction(parse => Guard(() =>
        {
            using var key = sign.Read(parse);
            var reports = parse.GetValue(files)!;
            var facts = JunitFacts.Read(reports, CommandLineValues.Pairs(parse.GetValue(category), "--category"));
            FactDocuments.Write(parse.GetValue(outDir)!, "tests", facts,
                new DocumentOrigin { Sources = reports.Select(FactDocuments.Source).ToList(), Key = key });
            stdout.WriteLine($"{facts["total"]} tests, {facts["failed"]} failed, {facts["skipped"]} skipped; written to {parse.GetValue(outDir)}/tests.json");
            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary><c>iq imports NAME MANIFEST [--root DIR] [--algorithm ALG] [--ignore GLOB]… [--out DIR]</c>: one imported data
    /// set checked against its manifest (6.2.2 f), added to the bundle's data_imports.json under NAME (a set of that name
    /// already there is replaced; the others are kept).</summary>
    public static Command Imports(TextWriter stdout)
    {
        var name = new Argument<string>("name") { Description = "The data set's name, as the plan's data_imports list it" };
        var file = new Argument<string>("manifest") { Description = "Its manifest: a checksum list (sha256sum, sha512sum, with or without --tag) or a manifest iq manifest reads (CycloneDX, SPDX, iq)" };
        var root = new Option<string?>("--root") { Description = "The folder the data was imported into (default: the manifest's folder, as sha256sum -c)" };
        var algorithm = new Option<string?>("--algorithm") { Description = "The hash algorithm of an untagged checksum list whose file name does not name it (sha256, sha512 …)" };
        var ignore = new Option<string[]>("--ignore") { Description = "GLOB: files under the root not to report as extra (* within a folder, ** across folders)" };
        var outDir = Out();
        var command = new Command("imports", "An imported data set checked against its manifest (checksum list or SBOM) into data_imports facts (IQ 6.2.2 f)");
        command.Arguments.Add(name);
        command.Arguments.Add(file);
        command.Options.Add(root);
        command.Options.Add(algorithm);
        command.Options.Add(ignore);
        command.Options.Add(outDir);
        command.SetAction(parse => Guard(() =>
        {
            var set = parse.GetValue(name)!;
            if (set.Trim().Length == 0 || set.Any(char.IsControl)) throw new UsageException("the data set's name must be visible text");
            var facts = DataImportReader.Read(parse.GetValue(file)!, parse.GetValue(root), parse.GetValue(algorithm), parse.GetValue(ignore) ?? []);
            var dir = parse.GetValue(outDir)!;
            var all = ExistingImports(Path.Combine(dir, "data_imports.json"));
            all[set] = facts;
            FactDocuments.Write(dir, "data_imports", all);
            static string Names(JsonNode? n) => n is JsonArray a && a.Count > 0 ? ": " + string.Join(", ", a.Take(10).Select(x => (string?)x)) + (a.Count > 10 ? ", …" : "") : "";
            var verified = facts["files_verified"] is JsonObject o ? $"none verified ({o["$absent"]})" : $"{facts["files_verified"]} verified";
            stdout.WriteLine($"{set}: {facts["files_listed"]} files listed ({facts["format"]}), {verified}; {facts["files_missing"]} missing{Names(facts["missing_files"])}; " +
                             $"{facts["files_changed"]} changed{Names(facts["changed_files"])}; {facts["rejected_files"]!.AsArray().Count} rejected{Names(facts["rejected_files"])}; " +
                             $"{facts["files_extra"]} extra{Names(facts["extra_files"])}");
            stdout.WriteLine($"written to {dir}/data_imports.json ({all.Count} data sets)");
            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary>The data sets already in the bundle's data_imports.json, to add one to; a file that is not such a document
    /// is an error (it is never overwritten).</summary>
    static JsonObject ExistingImports(string path)
    {
        if (!File.Exists(path)) return [];
        JsonNode? doc;
        try { doc = JsonNode.Parse(File.ReadAllText(path)); }
        catch (System.Text.Json.JsonException e)
        {
            throw new EvidenceInputException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not JSON, so no data set can be added to it: {e.Message}");
        }
        if (doc is not JsonObject o || (string?)(o["kind"] as JsonValue) != "data_imports" || o["facts"] is not JsonObject facts)
            throw new EvidenceInputException($"{path}:1:1: not a data_imports fact document (kind \"data_imports\" with facts): not overwritten");
        return (JsonObject)facts.DeepClone();
    }

    /// <summary><c>iq manifest FILE [--root DIR] [--ignore GLOB]… [--pattern REGEX] [--out DIR]</c>.</summary>
    public static Command Manifest(TextWriter stdout)
    {
        var file = new Argument<string>("manifest") { Description = "The manifest: iq's own JSON format, CycloneDX 1.4–1.7 (JSON or XML), or SPDX 2.1–2.3 (JSON or tag-value)" };
        var root = new Option<string?>("--root") { Description = "Hash every file the manifest gives a hash for under this folder and compare; list files not in the manifest" };
        var ignore = new Option<string[]>("--ignore") { Description = "GLOB: files under --root not to report as extra (* within a folder, ** across folders)" };
        var pattern = new Option<string?>("--pattern") { Description = "The version naming rule as a regex (default: SemVer)" };
        var outDir = Out();
        var command = new Command("manifest", "Version manifest or SBOM to manifest facts, every listed file hash checked on disk (IQ 5.5.1, 6.2.2 f, 6.6.1)");
        command.Arguments.Add(file);
        command.Options.Add(root);
        command.Options.Add(ignore);
        command.Options.Add(pattern);
        command.Options.Add(outDir);
        var sign = new SignKeyOption();
        sign.AddTo(command);
        command.SetAction(parse => Guard(() =>
        {
            using var key = sign.Read(parse);
            var facts = ManifestReader.Read(parse.GetValue(file)!, parse.GetValue(root), parse.GetValue(pattern), parse.GetValue(ignore) ?? [], out var manifest);
            FactDocuments.Write(parse.GetValue(outDir)!, "manifest", facts, ManifestReader.Origin(manifest, parse.GetValue(file)!, parse.GetValue(root)) with { Key = key });
            static string Count(JsonNode? n) => n is JsonObject o && o["$absent"] is { } why ? $"not checked ({why})" : n?.ToJsonString() ?? "0";
            static string Names(JsonNode? n) => n is JsonArray a && a.Count > 0 ? ": " + string.Join(", ", a.Take(10).Select(x => (string?)x)) + (a.Count > 10 ? ", …" : "") : "";
            static string Value(JsonNode? n) => n is JsonValue v ? v.ToString() : "(none)";
            stdout.WriteLine($"{Value(facts["package"]!["id"])} {Value(facts["package"]!["version"])} ({facts["format"]} {facts["format_version"]}): " +
                             $"{facts["components"]!.AsArray().Count} components, {facts["files_listed"]} files with hashes; verified {Count(facts["files_verified"])}");
            if (parse.GetValue(root) is not null)
                stdout.WriteLine($"{facts["files_missing"]} missing{Names(facts["missing_files"])}; {facts["files_changed"]} changed{Names(facts["changed_files"])}; " +
                                 $"{facts["rejected_files"]!.AsArray().Count} rejected{Names(facts["rejected_files"])}; {facts["files_extra"]} extra{Names(facts["extra_files"])}");
            stdout.WriteLine($"written to {parse.GetValue(outDir)}/manifest.json");
            return ExitCodes.Pass;
        }));
        return command;
    }
}
