using System.CommandLine;
using Iq.Cli.Conventions;
using System.Runtime.InteropServices;
using Iq.Engine.Fleet;
using Iq.Engine.Postgres;
using Iq.Scoring.Reports;

namespace Iq.Cli.Commands;

/// <summary><c>iq fleet run|report|export</c>: many bundles into a results store, the fleet's reports from the store, and
/// any stored audit back out as a results file.</summary>
static class FleetCommand
{
    public static Command Create(CliContext ctx)
    {
        var (stdout, stderr) = (ctx.Out, ctx.Err);
        var fleet = new Command("fleet", "Audit many fact bundles into a results store (SQLite file or PostgreSQL), report on the fleet, export audits");
        fleet.Subcommands.Add(Run(ctx, stdout, stderr));
        fleet.Subcommands.Add(FleetReportCommand.Create(stdout));
        fleet.Subcommands.Add(Export(stdout));
        return fleet;
    }

    internal static Option<string> StoreOption(bool forWriting) => new("--store")
    {
        Description = forWriting
            ? "The results store: a SQLite file (created when new), or postgres://USER@HOST:PORT/DATABASE (default: results.db)"
            : "The results store: a SQLite file or postgres://USER@HOST:PORT/DATABASE (default: results.db)",
        DefaultValueFactory = _ => "results.db",
    };

    /// <summary>Opens the store (migrating it on first use); a bad location or unusable store is a usage error. Reading
    /// commands never create a SQLite file.</summary>
    internal static SqlFleetStore OpenStore(string spec, bool create)
    {
        var location = StoreLocation.Parse(spec, out var error);
        if (error is not null) throw new UsageException(error);
        if (!location.IsPostgres && !create && !File.Exists(location.File))
            throw new UsageException($"No results store at {location.File} (iq fleet run writes one)");
        SqlFleetStore store = location.IsPostgres ? new PostgresFleetStore(location) : new SqliteFleetStore(location.File!);
        try
        {
            store.Migrate();
            return store;
        }
        catch (FleetStoreException e)
        {
            store.Dispose();
            throw new UsageException(e.Message);
        }
    }

    static Command Run(CliContext ctx, TextWriter stdout, TextWriter stderr)
    {
        var roots = new Argument<string[]>("roots") { Description = "Folders under which every bundle folder (a folder with *.json documents) is audited", Arity = ArgumentArity.OneOrMore };
        var checklist = new Option<string?>("--checklist") { Description = "The checklist (.iq); the bundled IQ checklist when omitted" };
        var store = StoreOption(forWriting: true);
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this date/time (ISO 8601); part of each bundle's key" };
        var scoring = new Option<string?>("--scoring") { Description = "Scoring model: weighted, default, flat, flat-unweighted or absolute" };
        scoring.AcceptOnlyFromAmong([.. Iq.Rules.Model.ScoringSpec.Models]);
        var attestations = new Option<string[]>("--attestations") { Description = "Manual judgments applied to every bundle: YAML, CSV or a filled manual-review .xlsx (repeatable)" };
        var waivers = new Option<string[]>("--waivers") { Description = "Waivers applied to every bundle: YAML or CSV (repeatable)" };
        var force = new Option<bool>("--force") { Description = "Evaluate again bundles the store holds already with the same inputs" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Audits at once (default: one per core)" };
        var compile = new CompileOptionGroup(ctx);
        var command = new Command("run", "Audit every bundle under the roots with one compiled checklist, in parallel, into the store; " +
                                         "bundles already evaluated with the same inputs are skipped. Exit 0 all pass, 1 some fail or incomplete, 2 some bundle could not be evaluated (recorded)");
        command.Arguments.Add(roots);
        command.Options.Add(checklist);
        command.Options.Add(store);
        command.Options.Add(asOf);
        command.Options.Add(scoring);
        command.Options.Add(attestations);
        command.Options.Add(waivers);
        command.Options.Add(force);
        command.Options.Add(jobs);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var given = parse.GetValue(roots) ?? [];
            foreach (var root in given)
            {
                if (root.StartsWith('-')) throw new UsageException($"unknown option '{root}'");
                if (!Directory.Exists(root)) throw new UsageException(File.Exists(root) ? $"{root} is a file; give a folder of bundles" : $"Folder not found: {root}");
            }
            var full = given.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList();
            foreach (var a in full)
                foreach (var b in full.Where(b => b != a && (b + Path.DirectorySeparatorChar).StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                    throw new UsageException($"{b} lies under {a}: give each folder once");
            if (full.Distinct().Count() != full.Count) throw new UsageException("a root is given twice");
            if (parse.GetValue(jobs) is < 0 or > 1024) throw new UsageException("--jobs needs a number from 1 to 1024");
            foreach (var f in (parse.GetValue(attestations) ?? []).Concat(parse.GetValue(waivers) ?? []))
                if (!File.Exists(f)) throw new UsageException($"File not found: {f}");
            var compiled = compile.Compile(parse.GetValue(checklist) ?? Bundled.DefaultChecklist, compile.Read(parse));
            var request = new FleetRequest
            {
                Roots = given,
                Checklist = compiled,
                AsOf = parse.GetValue(asOf) is { } at ? CommandLineValues.AsOf(at) : null,
                ScoringModel = parse.GetValue(scoring),
                AttestationFiles = parse.GetValue(attestations) ?? [],
                WaiverFiles = parse.GetValue(waivers) ?? [],
                Force = parse.GetValue(force),
                Parallelism = parse.GetValue(jobs),
            };
            using var target = OpenStore(parse.GetValue(store)!, create: true);
            using var cancel = new CancellationTokenSource();
            var signal = 0;
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; signal = 130; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; signal = 143; cancel.Cancel(); });
            var bar = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ProgressLine(stderr) : null;
            FleetOutcome outcome;
            try { outcome = FleetRunner.Run(request, target, bar, cancel.Token); }
            catch (FleetStoreException e) { throw new UsageException(e.Message); }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                bar?.Clear();
            }
            var n = outcome.Counts;
            var secs = Math.Max(outcome.Elapsed.TotalSeconds, 1e-3);
            stdout.WriteLine($"Fleet run {outcome.RunId} into {target.Display}: {n.Seen} bundles in {secs:0.0} s ({n.Evaluated / secs:0} audits/s) — " +
                             $"evaluated {n.Evaluated}, skipped {n.Skipped} (evaluated before with the same inputs), could not be evaluated {n.Failed}" +
                             (n.Busy > 0 ? $", left to other workers {n.Busy}" : "") + (n.Lost > 0 ? $", taken over by others {n.Lost}" : ""));
            stdout.WriteLine($"Verdicts: pass {outcome.Passed}, fail or incomplete {outcome.NotPassed}, not evaluable {outcome.NotEvaluable}");
            if (outcome.NotEvaluable > 0) stdout.WriteLine($"Bundles that could not be evaluated are recorded with their errors: iq fleet report --store {target.Display}");
            if (outcome.Cancelled) return signal == 0 ? 130 : signal;
            return outcome.ExitCode;
        });
        return command;
    }

    static Command Export(TextWriter stdout)
    {
        var store = StoreOption(forWriting: false);
        var audit = new Option<long?>("--audit") { Description = "The audit's id (iq fleet report lists them)" };
        var site = new Option<string?>("--site") { Description = "The latest audit of this site" };
        var bundle = new Option<string?>("--bundle") { Description = "The latest audit of this bundle folder (as the run named it)" };
        var output = new Option<string>("--output", "-o") { Description = "The results file to write (- for stdout)", Required = true };
        var command = new Command("export", "Write a stored audit back out as the results file iq audit --json writes (iq report renders it)");
        command.Options.Add(store);
        command.Options.Add(audit);
        command.Options.Add(site);
        command.Options.Add(bundle);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var chosen = new object?[] { parse.GetValue(audit), parse.GetValue(site), parse.GetValue(bundle) }.Count(v => v is not null);
            if (chosen != 1) throw new UsageException("name one audit: --audit ID, --site SITE or --bundle PATH");
            using var source = OpenStore(parse.GetValue(store)!, create: false);
            var found = source.FindAudit(parse.GetValue(audit), parse.GetValue(site), parse.GetValue(bundle))
                        ?? throw new UsageException($"No such audit in {source.Display}");
            if (found.Error is { } error) throw new UsageException($"Audit {found.Id} ({found.BundlePath}) could not be evaluated; it has no results: {error}");
            var bytes = source.ResultsOf(found.Id) ?? throw new UsageException($"Audit {found.Id} has no results stored");
            var target = parse.GetValue(output)!;
            if (target == "-") { using var o = Console.OpenStandardOutput(); o.Write(bytes); }
            else
            {
                AtomicFile.Write(target, s => s.Write(bytes));
                stdout.WriteLine($"Written: {target} (audit {found.Id}, {found.BundlePath})");
            }
            return ExitCodes.Pass;
        });
        return command;
    }
}

/// <summary>A progress bar on a terminal: bundles done of the total, bundles/s and the time left.</summary>
sealed class ProgressLine(TextWriter stderr) : IProgress<FleetProgress>
{
    readonly object _gate = new();
    long _lastTicks;
    bool _drawn;

    public void Report(FleetProgress p)
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (now - _lastTicks < 100) return;
            _lastTicks = now;
            var rate = p.Done / Math.Max(p.Elapsed.TotalSeconds, 1e-3);
            var total = p.Total ?? Math.Max(p.Found, p.Done);
            var share = total > 0 ? Math.Min(1.0, (double)p.Done / total) : 0;
            const int width = 30;
            var filled = (int)(share * width);
            var eta = p.Total is { } t && rate > 0 ? TimeSpan.FromSeconds((t - p.Done) / rate).ToString(@"hh\:mm\:ss") : "--:--:--";
            stderr.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {p.Done}/{(p.Total is null ? "?" : total)} {rate:0} bundles/s ETA {eta}  ");
            _drawn = true;
        }
    }

    public void Clear()
    {
        lock (_gate)
            if (_drawn) stderr.Write("\r" + new string(' ', 90) + "\r");
    }
}
