using System.CommandLine;
using System.Globalization;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Cli.Conventions;
using System.Runtime.InteropServices;
using Iq.Engine.Fleet;
using Iq.Engine.Postgres;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Fleet;

namespace Iq.Cli.Commands;

/// <summary><c>iq fleet run|report|export</c>: many bundles into a results store, the fleet's reports from the store, and
/// any stored audit back out as a results file.</summary>
static class FleetCommand
{
    public static Command Create(CliContext ctx)
    {
        var fleet = new Command("fleet", ctx.T(Msg.CmdFleet));
        fleet.Subcommands.Add(Run(ctx));
        fleet.Subcommands.Add(FleetReportCommand.Create(ctx));
        fleet.Subcommands.Add(Export(ctx));
        return fleet;
    }

    internal static Option<string> StoreOption(CliContext ctx, bool forWriting) => new("--store")
    {
        Description = ctx.T(forWriting ? Msg.OptStoreWrite : Msg.OptStoreRead),
        HelpName = "STORE",
        DefaultValueFactory = _ => "results.db",
    };

    /// <summary>Opens the store (migrating it on first use); a bad location or unusable store is a usage error. Reading
    /// commands never create a SQLite file.</summary>
    internal static SqlFleetStore OpenStore(string spec, bool create)
    {
        var location = StoreLocation.Parse(spec, out var error);
        if (error is not null) throw new UsageException(error);
        if (!location.IsPostgres && !create && !File.Exists(location.File))
            throw new UsageException(Msg.NoStore.With(location.File));
        SqlFleetStore store = location.IsPostgres ? new PostgresFleetStore(location) : new SqliteFleetStore(location.File!);
        try
        {
            store.Migrate(create);
            // SQLite opens the file itself, so the run's ledger learns of it here: an output named as the store (or its
            // write-ahead log) is then refused as an input of the run, instead of replacing the whole store with one file.
            if (!location.IsPostgres)
                foreach (var file in new[] { location.File!, location.File + "-wal", location.File + "-shm" })
                    InputLedger.Note(file, FileFacts.Of(file));
            return store;
        }
        catch (FleetStoreException e)
        {
            store.Dispose();
            throw new UsageException(e.Text);
        }
    }

    static Command Run(CliContext ctx)
    {
        var stderr = ctx.Err;
        var roots = new Argument<string[]>("roots") { Description = ctx.T(Msg.ArgFleetRoots), Arity = ArgumentArity.OneOrMore, HelpName = "ROOT" };
        var checklist = new Option<string?>("--checklist") { Description = ctx.T(Msg.OptChecklist), HelpName = "FILE" };
        var store = StoreOption(ctx, forWriting: true);
        var asOf = new Option<string?>("--as-of") { Description = ctx.T(Msg.OptFleetAsOf), HelpName = "DATE" };
        var scoring = new Option<string?>("--scoring") { Description = ctx.T(Msg.OptScoring), HelpName = "MODEL" };
        scoring.AcceptOnlyFromAmong([.. Iq.Rules.Model.ScoringSpec.Models]);
        var attestations = new Option<string[]>("--attestations") { Description = ctx.T(Msg.OptFleetAttestations), HelpName = "FILE" };
        var waivers = new Option<string[]>("--waivers") { Description = ctx.T(Msg.OptFleetWaivers), HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = ctx.T(Msg.OptFleetForce) };
        var jobs = new Option<int>("--jobs", "-j") { Description = ctx.T(Msg.OptFleetJobs), HelpName = "N" };
        var trust = new TrustKeyOption(ctx);
        var compile = new CompileOptionGroup(ctx);
        var command = new Command("run", ctx.T(Msg.CmdFleetRun));
        command.Arguments.Add(roots);
        command.Options.Add(checklist);
        command.Options.Add(store);
        command.Options.Add(asOf);
        command.Options.Add(scoring);
        command.Options.Add(attestations);
        command.Options.Add(waivers);
        command.Options.Add(force);
        command.Options.Add(jobs);
        trust.AddTo(command);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var given = parse.GetValue(roots) ?? [];
            foreach (var root in given)
            {
                CommandLineErrors.RejectOptionLike(root, parse);
                if (!Directory.Exists(root)) throw new UsageException(File.Exists(root) ? Msg.FleetRootIsFile.With(root) : Msg.FleetRootNotFound.With(root));
            }
            var full = given.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToList();
            foreach (var a in full)
                foreach (var b in full.Where(b => b != a && (b + Path.DirectorySeparatorChar).StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                    throw new UsageException(Msg.FleetRootNested.With(b, a));
            if (full.Distinct().Count() != full.Count) throw new UsageException(Msg.FleetRootTwice.Text);
            if (parse.GetValue(jobs) is < 0 or > 1024) throw new UsageException(Msg.FleetJobsRange.Text);
            foreach (var f in (parse.GetValue(attestations) ?? []).Concat(parse.GetValue(waivers) ?? []))
                if (!File.Exists(f)) throw new UsageException(Msg.FileNotFound.With(f));
            // A fleet evaluates the checklist once per bundle, thousands of times: its conditions compiled to IL, not interpreted
            // as a one-off command's are (interpreted, iq fleet run spent ~40% more CPU than the same audits compiled).
            var compiled = compile.Compile(parse.GetValue(checklist) ?? Bundled.DefaultChecklist,
                compile.Read(parse) with { Expressions = Iq.Rules.Compilation.ExpressionMode.Compiled });
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
                TrustKeys = trust.Read(parse),
                // The results files' language, as iq audit picks it (--lang, else Chinese): part of each bundle's key.
                Language = ctx.ReportLang.Name(),
            };
            if (request.SharedInputErrors() is { Count: > 0 } shared) throw new UsageException(shared);
            // The roots are read whole: a store file among them would sit with the bundles it records (exit 2, nothing created).
            foreach (var root in given) InputLedger.NoteFolder(root);
            if (StoreLocation.Parse(parse.GetValue(store)!, out _) is { IsPostgres: false, File: { } storeFile }
                && InputLedger.Current?.FolderHolding(storeFile) is { } holding)
                throw new OutputException(storeFile, Msg.OutInsideInput.With(holding));
            using var target = OpenStore(parse.GetValue(store)!, create: true);
            // After SIGINT/SIGTERM the run lets its audits in flight finish, commits them, gives back its other claims and
            // marks itself interrupted: the CLI's watchdog would otherwise end the process 0.4 s after the signal, before
            // that, and the run would stay "running" in the store (the report then shows it interrupted by its dead worker).
            ctx.AllowFinishing(FinishAfterSignal);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ctx.Cancel);
            var signal = 0;
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; signal = ExitCodes.Interrupted; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; signal = ExitCodes.Terminated; cancel.Cancel(); });
            var bar = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ProgressLine(stderr, ctx.Lang) : null;
            FleetOutcome outcome;
            try { outcome = FleetRunner.Run(request, target, bar, cancel.Token); }
            catch (FleetStoreException e) { throw new UsageException(e.Text); }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                bar?.Clear();
            }
            var n = outcome.Counts;
            var secs = Math.Max(outcome.Elapsed.TotalSeconds, 1e-3);
            var secsText = secs.ToString("0.0", CultureInfo.InvariantCulture);
            var rateText = (n.Evaluated / secs).ToString("0", CultureInfo.InvariantCulture);
            ctx.Say(Localized.Concat(Msg.FleetRunDone.With(outcome.RunId, target.Display, n.Seen, secsText, rateText, n.Evaluated, n.Skipped, n.Failed),
                n.Busy > 0 ? Msg.FleetRunBusy.With(n.Busy) : Localized.Empty, n.Lost > 0 ? Msg.FleetRunLost.With(n.Lost) : Localized.Empty));
            ctx.Say(Localized.Concat(Msg.FleetVerdicts.With(n.Seen, outcome.Passed, outcome.NotPassed, outcome.NotEvaluable),
                n.Busy > 0 ? Msg.FleetVerdictsBusy.With(n.Busy) : Localized.Empty));
            // A linked bundle folder is named here, not only counted: it is not a bundle the operator may know is there.
            if (outcome.Linked.Count > 0) ctx.Say(Msg.FleetRunLinked.With(outcome.Linked.Count, string.Join(ctx.Lang == Lang.En ? ", " : "、", outcome.Linked)));
            if (outcome.NotEvaluable > 0) ctx.Say(Msg.FleetFailuresRecorded.With(target.Display));
            if (outcome.Cancelled)
            {
                var code = signal == 0 ? ExitCodes.Interrupted : signal;
                ctx.Say(Msg.FleetRunStopped.With(outcome.RunId, code == ExitCodes.Terminated ? "SIGTERM" : "SIGINT", n.Evaluated + n.Failed, code));
                return code;
            }
            // The exit code said in words, with where its bundles come from: a skipped bundle counts by its stored audit.
            ctx.Say(outcome.ExitCode switch
            {
                2 => Msg.FleetExitNotEvaluable.With(outcome.NotEvaluable, outcome.NotEvaluableStored),
                1 => Msg.FleetExitNotPassed.With(outcome.NotPassed),
                _ => Msg.FleetExitPass.With(outcome.Passed),
            });
            return outcome.ExitCode;
        });
        return command;
    }

    /// <summary>How long a run stopped by a signal has to commit its audits in flight and mark itself interrupted before
    /// the process is ended all the same (a store locked by another worker could hold it up to its busy timeout).</summary>
    static readonly TimeSpan FinishAfterSignal = TimeSpan.FromSeconds(10);

    static Command Export(CliContext ctx)
    {
        var store = StoreOption(ctx, forWriting: false);
        var audit = new Option<long?>("--audit") { Description = ctx.T(Msg.OptAuditId), HelpName = "ID" };
        var site = new Option<string?>("--site") { Description = ctx.T(Msg.OptSite), HelpName = "SITE" };
        var bundle = new Option<string?>("--bundle") { Description = ctx.T(Msg.OptBundle), HelpName = "PATH" };
        var output = new Option<string>("--output", "-o") { Description = ctx.T(Msg.OptExportOutput), Required = true, HelpName = "FILE" };
        var command = new Command("export", ctx.T(Msg.CmdFleetExport));
        command.Options.Add(store);
        command.Options.Add(audit);
        command.Options.Add(site);
        command.Options.Add(bundle);
        command.Options.Add(output);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            var chosen = new object?[] { parse.GetValue(audit), parse.GetValue(site), parse.GetValue(bundle) }.Count(v => v is not null);
            if (chosen != 1) throw new UsageException(Msg.NameOneAudit.Text);
            // Read before anything is written: a key that does not load is a usage error with nothing created.
            using var key = sign.Read(parse);
            using var source = OpenStore(parse.GetValue(store)!, create: false);
            // A site's audit is the one that stands for it, as the fleet report decides; several at its latest collection time
            // (the report's clash) are refused, named, rather than settled by which was stored last.
            var (id, bundlePath) = (parse.GetValue(audit), parse.GetValue(bundle));
            if (parse.GetValue(site) is { } siteName)
            {
                var (at, current) = source.CurrentOfSite(siteName);
                if (current.Count > 1)
                    throw new UsageException(Msg.SiteSeveralAudits.With(siteName, current.Count, at ?? "?",
                        string.Join(ctx.Lang == Lang.En ? "; " : "；", current.Select(a => Msg.SiteAuditChoice.With(a.Id, a.BundlePath, FleetConsoleReport.VerdictWord(a.Verdict, ctx.Lang)).Render(ctx.Lang)))));
                id = current.Count == 1 ? current[0].Id : -1;
            }
            var found = source.FindAudit(id, bundlePath)
                        ?? throw new UsageException(Msg.NoSuchAudit.With(source.Display));
            if (found.Error is { } error) throw new UsageException(Msg.AuditNotEvaluated.With(found.Id, found.BundlePath, error));
            var bytes = source.ResultsOf(found.Id) ?? throw new UsageException(Msg.AuditNoResults.With(found.Id));
            var target = parse.GetValue(output)!;
            ctx.ClaimStdout(target);
            using var files = ctx.Outputs();
            files.Add(target, s => s.Write(bytes));
            // Sealed as iq audit seals the results it writes, with the same helper and the same --sign-key (none for standard
            // output): iq report of the export then says the file is the one iq wrote, and iq verify --trust-key accepts it.
            ReportOutputGroup.Seal([(target, bytes)], key, files);
            files.Commit(ctx.Cancel);
            if (target != "-")
                ctx.Say(Localized.Concat(Msg.FleetExported.With(target, found.Id, found.BundlePath),
                    found.TrustKeys.Count > 0 ? Msg.FleetExportedSigned.With(string.Join(", ", found.TrustKeys)) : Msg.FleetExportedUnsigned.With()));
            return ExitCodes.Pass;
        });
        return command;
    }
}

/// <summary>A progress bar on a terminal: bundles done of the total, bundles/s and the time left.</summary>
sealed class ProgressLine(TextWriter stderr, Lang lang) : IProgress<FleetProgress>
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
            var counts = Msg.FleetProgress.With(p.Done, p.Total is null ? "?" : total.ToString(CultureInfo.InvariantCulture), rate.ToString("0", CultureInfo.InvariantCulture), eta).Render(lang);
            stderr.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {counts}  ");
            _drawn = true;
        }
    }

    public void Clear()
    {
        lock (_gate)
            if (_drawn) stderr.Write("\r" + new string(' ', 90) + "\r");
    }
}
