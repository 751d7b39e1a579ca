using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Threading.Channels;
using Iq.Engine.Audit;
using Iq.Engine.Facts;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports;
using Iq.Scoring.Scoring;

namespace Iq.Engine.Fleet;

/// <summary>How far a run is: bundles found so far (and the total once the tree has been counted), done, and how.</summary>
public sealed record FleetProgress(long Found, long? Total, long Done, long Evaluated, long Skipped, long Failed, TimeSpan Elapsed);

/// <summary>What a run did, and the exit code its bundles add up to.</summary>
public sealed record FleetOutcome(long RunId, FleetCounts Counts, long Passed, long NotPassed, long NotEvaluable, TimeSpan Elapsed, bool Cancelled,
    long NotEvaluableStored = 0)
{
    /// <summary>The bundle folders under the roots that are symbolic links, each refused (recorded as not evaluable).</summary>
    public IReadOnlyList<string> Linked { get; init; } = [];

    /// <summary>2 when some bundle could not be evaluated (it is recorded), else 1 when some verdict is fail or incomplete,
    /// else 0 — over every bundle under the roots, skipped ones by their stored audit.</summary>
    public int ExitCode => NotEvaluable > 0 ? 2 : NotPassed > 0 ? 1 : 0;
}

/// <summary><c>iq fleet run</c> as a library call. Streams: bundle folders are found lazily, hashed into their keys, claimed
/// in batches, audited in parallel with one compiled checklist (<see cref="AuditPipeline.Run"/> each), and written in
/// batches by one writer; every stage hands on through a bounded channel, so memory does not grow with the fleet.</summary>
public static class FleetRunner
{
    // What is held between the stages is kept small: a bundle read ahead (~42 KiB of documents) or a record waiting for its
    // commit (~100 KiB: rows and gzipped results) lives long enough to be promoted to gen2, where it stays as garbage until
    // a full collection; with 128 bundles ahead and up to 768 records queued the run held some 30 MiB more than the audits
    // themselves (helper fleetperf3's note). Claims and commits in batches of 16 and 64 still cost a transaction per batch.
    const int ClaimBatch = 16;
    const int CommitBatch = 64;
    static readonly TimeSpan CommitEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>At most this many bundles are held with their documents read (keyed, being claimed, queued for an auditor,
    /// being audited) and at most this many records wait for their commit (queued, in the batch being written), whatever
    /// the fleet's size.</summary>
    public static (int BundlesRead, int RecordsQueued) HeldAtMost(int parallelism)
    {
        var c = Capacities.Of(parallelism);
        return (c.Hashers + c.Keyed + ClaimBatch + c.Work + parallelism, c.Records + CommitBatch);
    }

    /// <summary>The channels' capacities and the hashing tasks, for <paramref name="parallelism"/> auditors.</summary>
    readonly record struct Capacities(int Hashers, int Keyed, int Work, int Records)
    {
        public static Capacities Of(int parallelism) => new(Math.Max(1, parallelism / 2), ClaimBatch * 2, parallelism * 2, CommitBatch);
    }

    public static FleetOutcome Run(FleetRequest request, SqlFleetStore store, IProgress<FleetProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var config = FleetConfig.Of(request, started);
        var model = request.Checklist.Model;
        var checklist = AuditChecklist.Of(request.Checklist);
        var parallelism = request.Parallelism > 0 ? request.Parallelism : Environment.ProcessorCount;
        if (store.WorkerId == 0) store.RegisterWorker();
        var run = store.BeginRun(new SqlFleetStore.RunStart(request.Roots.Select(Path.GetFullPath).ToList(), config, model.Id, model.Version,
            model.Sources[0].Sha256, AuditReport.CurrentEngineVersion, request.AsOf, request.Force), started);

        long found = 0, done = 0, evaluated = 0, skipped = 0, failed = 0, busy = 0, lost = 0, passed = 0, notPassed = 0, notEvaluable = 0, notEvaluableStored = 0;
        long? total = null;
        void Report() => progress?.Report(new FleetProgress(Interlocked.Read(ref found), total, Interlocked.Read(ref done),
            Interlocked.Read(ref evaluated), Interlocked.Read(ref skipped), Interlocked.Read(ref failed), clock.Elapsed));
        void Tally(Verdict? v, bool failedBundle)
        {
            if (failedBundle) Interlocked.Increment(ref notEvaluable);
            else if (v == Verdict.Pass) Interlocked.Increment(ref passed);
            else Interlocked.Increment(ref notPassed);
        }

        // Two ways to stop: the caller's (a signal) stops finding, hashing, claiming and auditing, but what is audited is
        // still committed, so the run ends with its claims either done or given back; a failure of a stage (broken)
        // stops everything, the writer too.
        using var broken = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, broken.Token);
        var token = linked.Token;
        var folders = Channel.CreateBounded<(string Root, string Folder)>(new BoundedChannelOptions(1024) { SingleWriter = true });
        // A keyed bundle carries its documents, read once for the hash and audited from memory: so few are kept ahead of the
        // claimer (two claim batches), and what a skipped or cancelled bundle holds goes back to the pool.
        var capacity = Capacities.Of(parallelism);
        var keyed = Channel.CreateBounded<Keyed>(new BoundedChannelOptions(capacity.Keyed) { SingleReader = true });
        var work = Channel.CreateBounded<Keyed>(new BoundedChannelOptions(capacity.Work) { SingleWriter = true });
        var records = Channel.CreateBounded<FleetRecord>(new BoundedChannelOptions(capacity.Records) { SingleReader = true });
        var errors = new List<Exception>();
        var linkedFolders = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Task Guard(Func<Task> body) => Task.Run(async () =>
        {
            try { await body(); }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (Exception e)
            {
                lock (errors) errors.Add(e);
                broken.Cancel();
            }
        });

        // The count of bundles, for the ETA: a second walk of the tree that keeps only a number.
        var counting = Task.Run(() =>
        {
            long n = 0;
            foreach (var root in request.Roots)
                foreach (var _ in FleetBundles.Under(root))
                {
                    if (token.IsCancellationRequested) return;
                    n++;
                }
            total = n;
        });

        var discover = Guard(async () =>
        {
            try
            {
                foreach (var root in request.Roots)
                    foreach (var folder in FleetBundles.Under(root))
                    {
                        await folders.Writer.WriteAsync((root, folder), token);
                        Interlocked.Increment(ref found);
                    }
            }
            finally { folders.Writer.TryComplete(); }
        });

        var hashing = Enumerable.Range(0, capacity.Hashers).Select(_ => Guard(async () =>
        {
            await foreach (var (root, folder) in folders.Reader.ReadAllAsync(token))
            {
                string hash;
                BundleDocuments? documents = null;
                try
                {
                    if (FleetBundles.LinkOf(folder) is { } target)
                    {
                        // Refused, not followed: keyed by its path and where it points, recorded as not evaluable.
                        hash = LinkedPrefix + target;
                        linkedFolders.Enqueue(folder);
                    }
                    else
                    {
                        documents = ReadAlone(folder);
                        hash = FleetBundles.Hash(documents);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Unreadable: keyed by its path and the error, recorded as not evaluable.
                    hash = "unreadable:" + e.Message;
                }
                try { await keyed.Writer.WriteAsync(new Keyed(folder, documents, hash, config.KeyOf(FleetBundles.RelativeName(root, folder), hash)), token); }
                catch
                {
                    documents?.Dispose();
                    throw;
                }
            }
        })).ToList();
        var hashed = Task.WhenAll(hashing).ContinueWith(_ => keyed.Writer.TryComplete(), TaskScheduler.Default);

        var claimer = Guard(async () =>
        {
            try
            {
                var batch = new List<Keyed>(ClaimBatch);
                while (await keyed.Reader.WaitToReadAsync(token))
                {
                    batch.Clear();
                    while (batch.Count < ClaimBatch && keyed.Reader.TryRead(out var item)) batch.Add(item);
                    var answers = store.Claim(batch.Select(b => (b.Key, b.Path)).ToList(), run, started, request.Force);
                    foreach (var (item, answer) in batch.Zip(answers))
                    {
                        if (answer.Key != item.Key) throw new InvalidOperationException("the store answered claims out of order");
                        switch (answer.State)
                        {
                            case ClaimState.Claimed:
                                await work.Writer.WriteAsync(item, token);
                                break;
                            case ClaimState.Done:
                                item.Documents?.Dispose();
                                Interlocked.Increment(ref skipped);
                                Interlocked.Increment(ref done);
                                Tally(answer.Verdict, answer.Failed);
                                if (answer.Failed) Interlocked.Increment(ref notEvaluableStored);
                                break;
                            case ClaimState.Busy:
                                item.Documents?.Dispose();
                                Interlocked.Increment(ref busy);
                                Interlocked.Increment(ref done);
                                break;
                        }
                    }
                    Report();
                }
            }
            finally { work.Writer.TryComplete(); }
        });

        var auditors = Enumerable.Range(0, parallelism).Select(_ => Guard(async () =>
        {
            await foreach (var item in work.Reader.ReadAllAsync(token))
            {
                FleetRecord record;
                using (item.Documents) record = Audit(request, checklist, model.Sources[0].Sha256, item.Path, item.Hash, item.Key, item.Documents);
                // Handed on even when the run is being stopped: the writer commits it (its claim done, not given back).
                await records.Writer.WriteAsync(record, broken.Token);
            }
        })).ToList();
        var audited = Task.WhenAll(auditors).ContinueWith(_ => records.Writer.TryComplete(), TaskScheduler.Default);

        var writer = Guard(async () =>
        {
            var batch = new List<FleetRecord>(CommitBatch);
            var since = Stopwatch.StartNew();
            void Flush()
            {
                var taken = store.Commit(batch, run);
                foreach (var r in batch)
                {
                    Interlocked.Increment(ref done);
                    // A claim another worker took over is its audit to write: this one is not stored, so it is counted
                    // as taken over, not as evaluated (its verdict still counts for the bundle: same key, same inputs).
                    if (taken.Contains(r.Key)) Interlocked.Increment(ref lost);
                    else if (r.Failed) Interlocked.Increment(ref failed);
                    else Interlocked.Increment(ref evaluated);
                    Tally(r.Verdict, r.Failed);
                }
                batch.Clear();
                since.Restart();
                Report();
            }
            // Drained until the auditors stop (a signal stops them after their audit in flight): broken stops it at once.
            while (await records.Reader.WaitToReadAsync(broken.Token))
            {
                while (batch.Count < CommitBatch && records.Reader.TryRead(out var r)) batch.Add(r);
                if (batch.Count >= CommitBatch || since.Elapsed >= CommitEvery) Flush();
            }
            Flush();
        });

        var all = new List<Task> { discover, hashed, claimer, audited, writer };
        all.AddRange(hashing);
        all.AddRange(auditors);
        try { Task.WaitAll(all.ToArray(), CancellationToken.None); }
        catch (AggregateException) { }
        try { counting.Wait(CancellationToken.None); } catch (AggregateException) { }
        if (errors.Count > 0)
        {
            SafeRelease(store);
            store.EndRun(run, Counts(), SqlFleetStore.RunFailed);
            if (errors[0] is FleetStoreException) throw errors[0];
            throw new AggregateException("the fleet run failed", errors);
        }
        var cancelled = cancel.IsCancellationRequested;
        if (cancelled) SafeRelease(store);
        store.EndRun(run, Counts(), cancelled ? SqlFleetStore.RunInterrupted : SqlFleetStore.RunFinished);
        Report();
        return new FleetOutcome(run, Counts(), passed, notPassed, notEvaluable, clock.Elapsed, cancelled, notEvaluableStored)
        {
            Linked = [.. linkedFolders.Order(StringComparer.Ordinal)],
        };

        FleetCounts Counts() => new(found, evaluated, skipped, failed, busy, lost);
    }

    /// <summary>The start of the hash of a bundle folder that is a symbolic link: then where it points.</summary>
    const string LinkedPrefix = "linked:";

    /// <summary>A bundle folder and its documents as read for its key (null when it could not be read: the hash then says why).</summary>
    readonly record struct Keyed(string Path, BundleDocuments? Documents, string Hash, string Key);

    /// <summary>A bundle's documents, read once for its hash and its audit, its files noted in a ledger of its own (as
    /// <see cref="Audit"/> does): in the process's ledger every document of the fleet would be kept, a path and its file
    /// facts per document, until the run ends.</summary>
    static BundleDocuments ReadAlone(string folder)
    {
        using var ledger = Rules.Io.InputLedger.Begin();
        return BundleDocuments.Read(folder);
    }

    static void SafeRelease(SqlFleetStore store)
    {
        try { store.ReleaseClaims(); }
        catch (FleetStoreException) { }
    }

    /// <summary>One bundle through the audit pipeline, flattened into what the store keeps. <paramref name="documents"/>: the
    /// bundle's documents as read for <paramref name="hash"/> (<see cref="FleetBundles.Hash(BundleDocuments)"/>), audited
    /// without reading them again; null: read from the folder, and checked against the hash.</summary>
    public static FleetRecord Audit(FleetRequest request, AuditChecklist checklist, string checklistSha, string path, string hash, string key,
        BundleDocuments? documents = null)
    {
        var clock = Stopwatch.StartNew();
        var model = request.Checklist.Model;
        var site = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var record = new FleetRecord
        {
            Key = key,
            BundlePath = path,
            BundleSha256 = hash,
            Site = site,
            ChecklistId = model.Id,
            ChecklistVersion = model.Version,
            ChecklistSha256 = checklistSha,
            EngineVersion = AuditReport.CurrentEngineVersion,
            AsOf = request.AsOf,
            EvaluatedAt = DateTimeOffset.UtcNow,
        };
        // A bundle's error is kept as words, worded in a report's language when it is shown (fresh eyes 6, F-C5).
        if (hash.StartsWith("unreadable:", StringComparison.Ordinal))
            return record with { Error = Words(Msg.FleetBundleUnreadable.With(path, hash["unreadable:".Length..])), ElapsedMs = clock.Elapsed.TotalMilliseconds };
        if (hash.StartsWith(LinkedPrefix, StringComparison.Ordinal))
            return record with { Error = Words(Msg.FleetBundleLinked.With(path, hash[LinkedPrefix.Length..])), ElapsedMs = clock.Elapsed.TotalMilliseconds };
        AuditResult result;
        // The files of one bundle are noted in a ledger of its own, dropped with the audit: in the process's ledger they
        // would add up over the whole fleet (a run writes only to its store, never over a bundle's documents).
        using var ledger = Rules.Io.InputLedger.Begin();
        try
        {
            result = AuditPipeline.Run(new AuditRequest
            {
                Checklist = checklist,
                FactBundles = [path],
                ReadAhead = documents,
                AsOf = request.AsOf,
                ScoringModel = request.ScoringModel,
                AttestationFiles = request.AttestationFiles,
                WaiverFiles = request.WaiverFiles,
                TrustKeys = request.TrustKeys,
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One bundle's surprise is recorded with it; the fleet goes on.
            return record with { Error = Words(Msg.FleetBundleInternalError.With(path, $"{e.GetType().Name}: {e.Message}")), ElapsedMs = clock.Elapsed.TotalMilliseconds };
        }
        record = record with
        {
            Host = result.Documents.FirstOrDefault(d => d.Kind == "environment")?.Header.Host
                   ?? result.Documents.Select(d => d.Header.Host).FirstOrDefault(h => !string.IsNullOrEmpty(h)) ?? "",
            CollectedAt = result.Documents.Select(d => d.Header.CollectedAt).Max(),
            Site = SiteOf(result.Facts) ?? site,
        };
        if (result.Report is not { } report)
        {
            // Each diagnostic as the CLI prints it (Diagnostic.Render), one a line: its position and code, then its words.
            var errors = result.Errors.SelectMany((d, i) => new object[]
                { (i > 0 ? "\n" : "") + d.Prefix, d.Text }).ToList();
            return record with
            {
                Error = errors.Count > 0 ? MixedText.Of(errors) : Words(Msg.FleetBundleNoReport.Text),
                Inputs = [],
                ElapsedMs = clock.Elapsed.TotalMilliseconds,
            };
        }
        var prefix = Path.Combine(path, "x")[..^1].Replace('\\', '/');
        var read = report.Inputs.Where(i => i.Path.StartsWith(prefix, StringComparison.Ordinal) && !i.Path[prefix.Length..].Contains('/'))
            .Select(i => (i.Path, i.Sha256)).ToList();
        if (FleetBundles.OfInputs(read) != hash)
            return record with { Error = Words(Msg.FleetBundleChanged.With(path)), ElapsedMs = clock.Elapsed.TotalMilliseconds };

        var document = ResultsDocument.From(report, request.Language);
        var gzip = Gzipped(document);
        var product = report.Info.Product;
        return record with
        {
            ProductName = product.Name,
            ProductModel = product.Model,
            ProductVersion = product.Version,
            Verdict = report.Score.Verdict,
            Score = report.Score.Root.Score,
            Inputs = report.Inputs,
            Rows = report.Results.Select(r => Row(r, document.Sources.GetValueOrDefault(r.ItemId) ?? [])).ToList(),
            ResultsGzip = gzip,
            ElapsedMs = clock.Elapsed.TotalMilliseconds,
        };
    }

    static MixedText Words(MessageText message) => new([message]);

    // Per auditor thread, reused for every bundle it audits: the results JSON (some hundred KB) and its gzip. Written
    // compact: the store indents it on export (ResultsJson.Indent), byte for byte what iq audit --json writes.
    [ThreadStatic] static ArrayBufferWriter<byte>? _json;
    [ThreadStatic] static MemoryStream? _gzip;

    static byte[] Gzipped(ResultsDocument document)
    {
        var json = _json ??= new ArrayBufferWriter<byte>(512 * 1024);
        var gzip = _gzip ??= new MemoryStream(128 * 1024);
        json.ResetWrittenCount();
        gzip.SetLength(0);
        ResultsJson.Write(document, json, indented: false);
        using (var z = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true)) z.Write(json.WrittenSpan);
        // A buffer grown by one very large audit is not kept for the rest of the run.
        if (json.Capacity > 8 * 1024 * 1024) _json = null;
        var bytes = gzip.ToArray();
        if (gzip.Capacity > 8 * 1024 * 1024) _gzip = null;
        return bytes;
    }

    static FleetRow Row(ItemResult r, IReadOnlyList<string> sources) => new(r.Id, r.ItemId, r.SectionId, r.Title, r.Clause,
        r.Level.ToString().ToLowerInvariant(), r.Automated ? "automatic" : "manual", r.Weight, r.Outcome, ResultsDocument.Counted(r.Outcome),
        Math.Round(r.Score, 4), string.Join("; ", r.Evidence.Select(e => e.Actual)), string.Join("; ", r.Evidence.Select(e => e.Expected)),
        r.Message, string.Join(", ", sources))
    {
        TitleWords = r.TitleWords is { } words ? ReasonJson.WordsJson(words) : null,
    };

    /// <summary>The plan's <c>site</c>, when it gives one.</summary>
    static string? SiteOf(FactValues? facts) =>
        facts?.Roots.GetValueOrDefault("plan") is FactObject plan && plan.TryGet("site", out var s) && s is string site && !string.IsNullOrWhiteSpace(site)
            ? site.Trim() : null;
}
