using Iq.Rules.Messages;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Engine.Fleet;

/// <summary>A store that cannot be used (not a store, newer schema, unreachable server): a message for the user, exit 2.</summary>
public sealed class FleetStoreException(MessageText text, Exception? inner = null) : Exception(text.ToString(), inner)
{
    /// <summary>The message in the reader's language (<see cref="Exception.Message"/> is its English).</summary>
    public MessageText Text { get; } = text;
}

/// <summary>The results store over ADO.NET, one schema (<see cref="FleetSchema"/>) for SQLite and PostgreSQL. Work is
/// split through <c>claims</c>: a worker inserts a bundle key's claim (a conflict means someone has it), writes the
/// audit and marks the claim done in one transaction, so a killed worker leaves complete audits and claims only; a claim
/// whose worker is dead (<see cref="AliveWorkers"/>) is taken over by the next worker that meets it.</summary>
public abstract partial class SqlFleetStore : IDisposable
{
    /// <summary>"sqlite" or "postgresql".</summary>
    public abstract string Kind { get; }

    /// <summary>Where it is, for messages (a password never shown).</summary>
    public abstract string Display { get; }

    protected abstract DbConnection OpenConnection();
    protected abstract string IdColumn { get; }
    protected abstract string BlobType { get; }

    /// <summary>Serialises migrations between workers starting at once (inside the migration's transaction).</summary>
    protected virtual void LockForMigration(DbConnection c, DbTransaction tx) { }

    /// <summary>Keeps this worker visibly alive to the others for as long as the process lives (PostgreSQL: an advisory
    /// lock held by a connection of its own).</summary>
    protected virtual void Hold(long workerId) { }

    /// <summary>Of the given workers, those still running.</summary>
    protected abstract ISet<long> AliveWorkers(DbConnection c, DbTransaction? tx, IReadOnlyCollection<long> workers);

    /// <summary>The tables exist but nothing says they are ours: refuse rather than write into someone's database.</summary>
    protected abstract bool HasForeignTables(DbConnection c, DbTransaction? tx);

    public long WorkerId { get; private set; }

    internal static string T(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    internal static DateTimeOffset? ParseT(object? o) =>
        o is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;

    protected DbConnection Connect()
    {
        try { return OpenConnection(); }
        catch (Exception e) when (e is DbException or InvalidOperationException or ArgumentException or IOException
                                       or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new FleetStoreException(Msg.StoreCannotOpen.With(Display, StoreError.Of(e)), e);
        }
    }

    protected internal static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    protected internal static void Set(DbCommand cmd, string name, object? value) => cmd.Parameters[name].Value = value ?? DBNull.Value;

    /// <summary>Applies the migrations not yet applied; refuses a database that is not a fleet store, or whose schema is
    /// newer than this iq knows. A reading command (<paramref name="create"/> false) refuses a database without a store in
    /// it instead of making one there. Either refusal leaves the database as it was (<see cref="Vet"/>).</summary>
    public void Migrate(bool create = true)
    {
        try
        {
            Vet(create);
            using var c = Connect();
            using (var tx = c.BeginTransaction())
            {
                LockForMigration(c, tx);
                var hasSchema = TableExists(c, tx, "iq_schema");
                if (!hasSchema && HasForeignTables(c, tx))
                    throw new FleetStoreException(Msg.StoreNotIq.With(Display));
                if (!hasSchema && !create)
                    throw new FleetStoreException(Msg.StoreNoRun.With(Display));
                if (!hasSchema)
                    using (var schema = Command(c, tx, "CREATE TABLE iq_schema (version BIGINT PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"))
                        schema.ExecuteNonQuery();
                var applied = 0L;
                using (var q = Command(c, tx, "SELECT COALESCE(MAX(version), 0) FROM iq_schema"))
                    applied = Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (applied > FleetSchema.Latest)
                    throw new FleetStoreException(Msg.StoreTooNew.With(Display, applied, FleetSchema.Latest));
                foreach (var m in FleetSchema.Migrations.Where(m => m.Version > applied))
                {
                    foreach (var statement in FleetSchema.Statements(m, IdColumn, BlobType))
                        using (var cmd = Command(c, tx, statement)) cmd.ExecuteNonQuery();
                    using var record = Command(c, tx, "INSERT INTO iq_schema (version, description, applied_at) VALUES (@v, @d, @t)",
                        ("@v", (long)m.Version), ("@d", m.Description), ("@t", T(DateTimeOffset.UtcNow)));
                    record.ExecuteNonQuery();
                }
                tx.Commit();
            }
        }
        catch (DbException e)
        {
            throw new FleetStoreException(Msg.StoreUnusable.With(Display, StoreError.Of(e)), e);
        }
    }

    protected abstract bool TableExists(DbConnection c, DbTransaction? tx, string table);

    /// <summary>Refuses, without writing to it, a database that is not a fleet store (someone else's tables) or, for a
    /// reading command, holds none yet: checked before <see cref="OpenConnection"/> may change the file (SQLite's
    /// journal mode is written into the file itself).</summary>
    protected virtual void Vet(bool create) { }

    /// <summary>The applied schema versions, in order.</summary>
    public IReadOnlyList<long> SchemaVersions()
    {
        using var c = Connect();
        using var q = Command(c, null, "SELECT version FROM iq_schema ORDER BY version");
        using var r = q.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }

    /// <summary>When a process started, as a worker is told from a later process with its pid: on Linux the kernel's own
    /// count (/proc/PID/stat field 22, clock ticks since boot), the same whoever reads it. .NET's StartTime there adds that
    /// count to a boot time it computes on each call, so two processes read a live worker's start differently in the last
    /// digits and took its claims as a dead one's (fresheyes7: three runs, 69 audits for 30 bundles). Elsewhere StartTime,
    /// to the second.</summary>
    internal static string StartOf(Process p)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{p.Id}/stat");
            // The command name (field 2) is in parentheses and may hold spaces or ')': the fields after it follow the last ')'.
            var after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (after.Length > 19 && long.TryParse(after[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return "linux-ticks " + ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return p.StartTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Registers this process as a worker and keeps it visibly alive.</summary>
    public long RegisterWorker()
    {
        using var c = Connect();
        using var p = Process.GetCurrentProcess();
        var now = T(DateTimeOffset.UtcNow);
        using var cmd = Command(c, null,
            "INSERT INTO workers (host, pid, process_start, started_at, heartbeat) VALUES (@h, @p, @s, @t, @t) RETURNING id",
            ("@h", Environment.MachineName), ("@p", (long)Environment.ProcessId), ("@s", StartOf(p)), ("@t", now));
        WorkerId = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        Hold(WorkerId);
        return WorkerId;
    }

    /// <summary>A run's state in <c>runs.status</c>: running until it ends finished, interrupted (a signal: what it audited
    /// is written, its other claims given back) or failed (a stage failed). A run still "running" whose worker is gone is
    /// reported as interrupted.</summary>
    public const string RunRunning = "running", RunFinished = "finished", RunInterrupted = "interrupted", RunFailed = "failed";

    public sealed record RunStart(IReadOnlyList<string> Roots, FleetConfig Config, string ChecklistId, string ChecklistVersion,
        string ChecklistSha256, string EngineVersion, DateTimeOffset? AsOf, bool Forced);

    public long BeginRun(RunStart s, DateTimeOffset startedAt)
    {
        using var c = Connect();
        using var cmd = Command(c, null, """
            INSERT INTO runs (worker_id, host, roots, started_at, status, checklist_id, checklist_version, checklist_sha256,
                              config_key, config, engine_version, as_of, forced)
            VALUES (@w, @h, @roots, @t, @running, @cid, @cv, @cs, @ck, @cfg, @e, @asof, @f) RETURNING id
            """,
            ("@w", WorkerId), ("@h", Environment.MachineName), ("@roots", string.Join("\n", s.Roots)), ("@t", T(startedAt)), ("@running", RunRunning),
            ("@cid", s.ChecklistId), ("@cv", s.ChecklistVersion), ("@cs", s.ChecklistSha256), ("@ck", s.Config.Key), ("@cfg", s.Config.Text),
            ("@e", s.EngineVersion), ("@asof", s.AsOf is { } a ? T(a) : null), ("@f", s.Forced ? 1L : 0L));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void EndRun(long run, FleetCounts n, string status)
    {
        using var c = Connect();
        using var cmd = Command(c, null, """
            UPDATE runs SET finished_at = @t, status = @s, seen = @seen, evaluated = @ev, skipped = @sk, failed = @fa, busy = @bu, lost = @lo
            WHERE id = @id
            """, ("@t", T(DateTimeOffset.UtcNow)), ("@s", status), ("@seen", n.Seen), ("@ev", n.Evaluated), ("@sk", n.Skipped),
            ("@fa", n.Failed), ("@bu", n.Busy), ("@lo", n.Lost), ("@id", run));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Claims a batch of bundle keys for this worker, in one transaction. Each key is claimed (insert; or taken
    /// over from a dead worker), done already (skipped; with <paramref name="force"/>, re-claimed when it was finished
    /// before <paramref name="runStart"/>), or busy (a live worker has it).</summary>
    public IReadOnlyList<ClaimAnswer> Claim(IReadOnlyList<(string Key, string Path)> batch, long run, DateTimeOffset runStart, bool force)
    {
        // One answer per entry, in the batch's order (the caller pairs them by position).
        var answers = new ClaimAnswer[batch.Count];
        using var c = Connect();
        using var tx = c.BeginTransaction();
        var now = T(DateTimeOffset.UtcNow);
        var inserted = InsertClaims(c, tx, batch, run, now);
        using var read = Command(c, tx, "SELECT state, worker_id, finished_at FROM claims WHERE key = @k", ("@k", ""));
        using var retake = Command(c, tx, """
            UPDATE claims SET state = 'claimed', worker_id = @w, run_id = @r, bundle_path = @p, claimed_at = @t, finished_at = NULL
            WHERE key = @k AND state = @state AND worker_id = @old
            """, ("@w", WorkerId), ("@r", run), ("@p", ""), ("@t", now), ("@k", ""), ("@state", ""), ("@old", 0L));
        using var verdict = Command(c, tx, "SELECT status, verdict FROM audits WHERE key = @k", ("@k", ""));
        var pending = new List<(int Index, string Key, string Path, long Worker)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (key, path) = batch[i];
            // A key twice in one batch: its first entry claimed it, the second finds it this worker's (busy).
            if (inserted.Remove(key))
            {
                answers[i] = new ClaimAnswer(key, ClaimState.Claimed);
                continue;
            }
            Set(read, "@k", key);
            string state;
            long worker;
            DateTimeOffset? finished;
            using (var r = read.ExecuteReader())
            {
                if (!r.Read())
                {
                    // Finished and gone between our insert and this read cannot happen (claims are never deleted) ;
                    // treat as busy and let a later run see it.
                    answers[i] = new ClaimAnswer(key, ClaimState.Busy);
                    continue;
                }
                state = r.GetString(0);
                worker = r.GetInt64(1);
                finished = r.IsDBNull(2) ? null : ParseT(r.GetString(2));
            }
            if (state == "done")
            {
                answers[i] = force && finished < runStart && Retake(key, path, "done", worker) ? new ClaimAnswer(key, ClaimState.Claimed) : Done(key);
            }
            else if (worker == WorkerId) answers[i] = new ClaimAnswer(key, ClaimState.Busy);
            else pending.Add((i, key, path, worker));
        }
        if (pending.Count > 0)
        {
            var alive = AliveWorkers(c, tx, pending.Select(p => p.Worker).Distinct().ToList());
            foreach (var (index, key, path, worker) in pending)
                answers[index] = (!alive.Contains(worker) && Retake(key, path, "claimed", worker)
                    ? new ClaimAnswer(key, ClaimState.Claimed)
                    : new ClaimAnswer(key, ClaimState.Busy));
        }
        tx.Commit();
        return answers;

        bool Retake(string key, string path, string state, long old)
        {
            Set(retake, "@k", key);
            Set(retake, "@p", path);
            Set(retake, "@state", state);
            Set(retake, "@old", old);
            return retake.ExecuteNonQuery() == 1;
        }

        ClaimAnswer Done(string key)
        {
            Set(verdict, "@k", key);
            using var r = verdict.ExecuteReader();
            if (!r.Read()) return new ClaimAnswer(key, ClaimState.Done);
            var failed = r.GetString(0) != "evaluated";
            Verdict? v = r.IsDBNull(1) ? null : Enum.Parse<Verdict>(r.GetString(1), ignoreCase: true);
            return new ClaimAnswer(key, ClaimState.Done, v, failed);
        }
    }

    /// <summary>Inserts a claim for each key of the batch that nobody has claimed yet (<c>ON CONFLICT DO NOTHING</c>), in the
    /// claim's transaction; returns the keys inserted. One prepared insert per key (PostgreSQL inserts the batch in one
    /// statement: a round trip per key was most of its claim's cost).</summary>
    protected virtual HashSet<string> InsertClaims(DbConnection c, DbTransaction tx, IReadOnlyList<(string Key, string Path)> batch, long run, string now)
    {
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        using var insert = Command(c, tx, """
            INSERT INTO claims (key, state, worker_id, run_id, bundle_path, claimed_at) VALUES (@k, 'claimed', @w, @r, @p, @t)
            ON CONFLICT (key) DO NOTHING
            """, ("@k", ""), ("@w", WorkerId), ("@r", run), ("@p", ""), ("@t", now));
        foreach (var (key, path) in batch)
        {
            Set(insert, "@k", key);
            Set(insert, "@p", path);
            if (insert.ExecuteNonQuery() == 1) inserted.Add(key);
        }
        return inserted;
    }

    /// <summary>Writes a batch of audits in one transaction: for each, the claim is marked done (only while it is still
    /// this worker's: a claim taken over is the new owner's to write), any earlier audit of the same key replaced, the
    /// audit, its rows and inputs inserted. Returns the keys whose claims had been lost (taken over by another worker,
    /// which writes their audits): those records are not written.</summary>
    public IReadOnlySet<string> Commit(IReadOnlyList<FleetRecord> records, long run)
    {
        if (records.Count == 0) return new HashSet<string>();
        using var c = Connect();
        using var tx = c.BeginTransaction();
        var now = T(DateTimeOffset.UtcNow);
        var written = WriteAudits(c, tx, records, run, now);
        InsertRows(c, tx, written);
        using (var beat = Command(c, tx, "UPDATE workers SET heartbeat = @t WHERE id = @w", ("@t", now), ("@w", WorkerId)))
            beat.ExecuteNonQuery();
        tx.Commit();
        var lost = records.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        lost.ExceptWith(written.Select(w => w.Record.Key));
        return lost;
    }

    /// <summary>The columns of <c>audits</c> an audit is inserted with, in the order of <see cref="AuditValues"/>.</summary>
    protected const string AuditColumns = """
        key, run_id, worker_id, bundle_path, bundle_sha256, site, host, collected_at, product_name, product_model, product_version,
        checklist_id, checklist_version, checklist_sha256, engine_version, as_of, status, verdict, score, error, evaluated_at,
        elapsed_ms, item_count, results, results_form, error_words
        """;

    /// <summary>An audit's values for <see cref="AuditColumns"/> (null for SQL NULL): text, 64-bit integers, doubles and the
    /// gzipped results.</summary>
    protected object?[] AuditValues(FleetRecord rec, long run) =>
    [
        rec.Key, run, WorkerId, rec.BundlePath, rec.BundleSha256, rec.Site, rec.Host, rec.CollectedAt is { } ca ? T(ca) : null,
        rec.ProductName, rec.ProductModel, rec.ProductVersion, rec.ChecklistId, rec.ChecklistVersion, rec.ChecklistSha256,
        rec.EngineVersion, rec.AsOf is { } a ? T(a) : null, rec.Failed ? "failed" : "evaluated", rec.Verdict?.ToString().ToLowerInvariant(),
        rec.Score, rec.Error?.Render(Lang.En), T(rec.EvaluatedAt), rec.ElapsedMs, (long)rec.Rows.Count, rec.ResultsGzip, "compact",
        rec.Error is { } error ? FleetErrorWords.Json(error) : null,
    ];

    /// <summary>For each record, in order: marks its claim done (only while it is still this worker's: a claim taken over is
    /// the new owner's to write, and the record is lost), replaces any earlier audit of the same key, inserts the audit.
    /// Returns the audits written with their ids. One statement at a time here (SQLite runs in process, so a statement costs
    /// no round trip); PostgreSQL does each step for the whole batch at once.</summary>
    protected virtual IReadOnlyList<(long Id, FleetRecord Record)> WriteAudits(DbConnection c, DbTransaction tx, IReadOnlyList<FleetRecord> records,
        long run, string now)
    {
        using var finish = Command(c, tx, "UPDATE claims SET state = 'done', finished_at = @t WHERE key = @k AND worker_id = @w AND state = 'claimed'",
            ("@t", now), ("@k", ""), ("@w", WorkerId));
        using var old = Command(c, tx, "SELECT id FROM audits WHERE key = @k", ("@k", ""));
        var names = Enumerable.Range(0, AuditValues(records[0], run).Length).Select(i => $"@a{i}").ToList();
        using var audit = Command(c, tx, $"INSERT INTO audits ({AuditColumns}) VALUES ({string.Join(", ", names)}) RETURNING id",
            names.Select(n => (n, (object?)null)).ToArray());
        var written = new List<(long Id, FleetRecord Record)>(records.Count);
        foreach (var rec in records)
        {
            Set(finish, "@k", rec.Key);
            if (finish.ExecuteNonQuery() != 1) continue;
            Set(old, "@k", rec.Key);
            if (old.ExecuteScalar() is { } previous and not DBNull) DeleteAudit(c, tx, Convert.ToInt64(previous, CultureInfo.InvariantCulture));
            var values = AuditValues(rec, run);
            for (var i = 0; i < values.Length; i++) audit.Parameters[i].Value = values[i] ?? DBNull.Value;
            written.Add((Convert.ToInt64(audit.ExecuteScalar(), CultureInfo.InvariantCulture), rec));
        }
        return written;
    }

    protected static void DeleteAudit(DbConnection c, DbTransaction tx, long id)
    {
        foreach (var sql in new[] { "DELETE FROM item_results WHERE audit_id = @id", "DELETE FROM inputs WHERE audit_id = @id", "DELETE FROM audits WHERE id = @id" })
            using (var cmd = Command(c, tx, sql, ("@id", id))) cmd.ExecuteNonQuery();
    }

    /// <summary>The columns of <c>item_results</c> and of <c>inputs</c>, in the order every writer gives them.</summary>
    protected const string RowColumns =
        "audit_id, seq, row_id, item_id, section_id, title, clause, level, method, weight, outcome, counted, score, actual, expected, message, sources, title_words";
    protected const string InputColumns = "audit_id, seq, path, kind, sha256";

    /// <summary>The rows and inputs of the audits just inserted, in the commit's transaction (each store writes them its
    /// fastest way: SQLite by statements prepared once and bound by position, PostgreSQL by binary COPY).</summary>
    protected abstract void InsertRows(DbConnection c, DbTransaction tx, IReadOnlyList<(long Id, FleetRecord Record)> audits);

    /// <summary>Gives back this worker's unfinished claims (an interrupted run), so the next run need not wait to see it dead.</summary>
    public void ReleaseClaims()
    {
        using var c = Connect();
        using var cmd = Command(c, null, "DELETE FROM claims WHERE worker_id = @w AND state = 'claimed'", ("@w", WorkerId));
        cmd.ExecuteNonQuery();
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
