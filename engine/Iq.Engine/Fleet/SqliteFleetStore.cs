using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Iq.Rules.Messages;
using Iq.Rules.Runtime;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Iq.Engine.Fleet;

/// <summary>The default results store: one SQLite file, nothing to start. Write-ahead logging, so readers never wait for
/// the writer; a worker waits up to a minute for another's write lock. Several workers on one machine may share the file;
/// a worker is alive while its process is (same host: the pid and its start time), or while its heartbeat is recent.</summary>
public sealed class SqliteFleetStore : SqlFleetStore
{
    readonly string _connectionString;
    readonly string _path;

    /// <summary>A worker on another host is presumed dead once its heartbeat is this old (commits beat it).</summary>
    public static readonly TimeSpan RemoteLease = TimeSpan.FromMinutes(5);

    public SqliteFleetStore(string path)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
    }

    public override string Kind => "sqlite";
    public override string Display => _path;
    protected override string IdColumn => "INTEGER PRIMARY KEY";
    protected override string BlobType => "BLOB";

    protected override void Vet(bool create)
    {
        if (Directory.Exists(_path) || !File.Exists(_path)) return;
        // Read-only and unpooled: this look leaves the file as it was, and holds nothing open after it.
        var readOnly = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        bool hasSchema, hasTables;
        try
        {
            using var c = new SqliteConnection(readOnly);
            c.Open();
            hasSchema = TableExists(c, null, "iq_schema");
            hasTables = HasForeignTables(c, null);
        }
        catch (SqliteException e)
        {
            throw new FleetStoreException(Msg.StoreCannotOpen.With(_path, StoreError.Of(e)), e);
        }
        if (!hasSchema && hasTables) throw new FleetStoreException(Msg.StoreNotIq.With(_path));
        if (!hasSchema && !create) throw new FleetStoreException(Msg.StoreNoRun.With(_path));
    }

    protected override DbConnection OpenConnection()
    {
        if (Directory.Exists(_path)) throw new IOException($"{_path} is a folder; give a file name such as results.db");
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var pragma = c.CreateCommand();
        // WAL persists in the file; synchronous=NORMAL under WAL still never leaves a half-written transaction.
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
        pragma.ExecuteNonQuery();
        return c;
    }

    /// <summary>The head of each stored results file through SQLite's incremental blob I/O, which reads only the pages it
    /// needs: <c>substr</c> would load the whole value first (and <c>length</c> of a blob reads none of it).</summary>
    protected override IReadOnlyList<(long Id, byte[]? Head, bool Complete)> ResultsHeads(DbConnection c, IReadOnlyList<long> ids)
    {
        var idList = string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var stored = new List<(long Id, bool Null)>(ids.Count);
        using (var q = Command(c, null, $"SELECT id, length(results) FROM audits WHERE id IN ({idList}) ORDER BY id"))
        using (var r = q.ExecuteReader())
            while (r.Read()) stored.Add((r.GetInt64(0), r.IsDBNull(1)));
        var heads = new List<(long Id, byte[]? Head, bool Complete)>(stored.Count);
        foreach (var (id, isNull) in stored)
        {
            if (isNull)
            {
                heads.Add((id, null, true));
                continue;
            }
            using var blob = new SqliteBlob((SqliteConnection)c, "audits", "results", id, readOnly: true);
            var head = new byte[Math.Min(blob.Length, ResultsHead)];
            blob.ReadExactly(head);
            heads.Add((id, head, blob.Length <= ResultsHead));
        }
        return heads;
    }

    protected override bool TableExists(DbConnection c, DbTransaction? tx, string table)
    {
        using var q = Command(c, tx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @n", ("@n", table));
        return Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    protected override bool HasForeignTables(DbConnection c, DbTransaction? tx)
    {
        using var q = Command(c, tx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
        return Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    protected override ISet<long> AliveWorkers(DbConnection c, DbTransaction? tx, IReadOnlyCollection<long> workers)
    {
        var alive = new HashSet<long>();
        using var q = Command(c, tx, "SELECT host, pid, process_start, heartbeat FROM workers WHERE id = @id", ("@id", 0L));
        foreach (var id in workers)
        {
            Set(q, "@id", id);
            using var r = q.ExecuteReader();
            if (!r.Read()) continue;
            var (host, pid, start, beat) = (r.GetString(0), r.GetInt64(1), r.GetString(2), ParseT(r.GetString(3)));
            if (host == Environment.MachineName ? ProcessAlive(pid, start) : beat > DateTimeOffset.UtcNow - RemoteLease) alive.Add(id);
        }
        return alive;
    }

    static bool ProcessAlive(long pid, string start)
    {
        try
        {
            using var p = Process.GetProcessById((int)pid);
            return !p.HasExited && StartOf(p) == start;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Microsoft.Data.Sqlite binds every parameter of a command by its name on every execution (the name looked up
    /// in the statement and copied to UTF-8 each time): for ~150 rows a bundle, most of what the store cost. The same
    /// inserts, prepared once per commit on the connection's own handle (so inside its transaction) and bound by position;
    /// text copied to UTF-8 through one reused buffer. The values and their SQLite types are those the commands bound.</summary>
    protected override void InsertRows(DbConnection c, DbTransaction tx, IReadOnlyList<(long Id, FleetRecord Record)> audits)
    {
        var db = ((SqliteConnection)c).Handle ?? throw new InvalidOperationException("the store's connection is not open");
        using var row = Prepare(db, $"INSERT INTO item_results ({RowColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
        using var input = Prepare(db, $"INSERT INTO inputs ({InputColumns}) VALUES (?1, ?2, ?3, ?4, ?5)");
        var text = new Utf8Text();
        foreach (var (id, rec) in audits)
        {
            var seq = 0L;
            foreach (var r in rec.Rows)
            {
                Bind(db, raw.sqlite3_bind_int64(row, 1, id));
                Bind(db, raw.sqlite3_bind_int64(row, 2, seq++));
                text.Bind(db, row, 3, r.RowId);
                text.Bind(db, row, 4, r.ItemId);
                text.Bind(db, row, 5, r.SectionId);
                text.Bind(db, row, 6, r.Title);
                text.Bind(db, row, 7, r.Clause);
                text.Bind(db, row, 8, r.Level);
                text.Bind(db, row, 9, r.Method);
                Bind(db, raw.sqlite3_bind_double(row, 10, r.Weight));
                text.Bind(db, row, 11, r.Outcome.Name());
                Bind(db, raw.sqlite3_bind_int64(row, 12, r.Counted ? 1L : 0L));
                Bind(db, raw.sqlite3_bind_double(row, 13, r.Score));
                text.Bind(db, row, 14, r.Actual);
                text.Bind(db, row, 15, r.Expected);
                text.Bind(db, row, 16, r.Message);
                text.Bind(db, row, 17, r.Sources);
                // Bindings outlive a reset: a row without words binds NULL, not the words of the row before.
                if (r.TitleWords is { } words) text.Bind(db, row, 18, words);
                else Bind(db, raw.sqlite3_bind_null(row, 18));
                Step(db, row);
            }
            seq = 0;
            foreach (var i in rec.Inputs)
            {
                Bind(db, raw.sqlite3_bind_int64(input, 1, id));
                Bind(db, raw.sqlite3_bind_int64(input, 2, seq++));
                text.Bind(db, input, 3, i.Path);
                text.Bind(db, input, 4, i.Kind);
                text.Bind(db, input, 5, i.Sha256);
                Step(db, input);
            }
        }
    }

    static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Bind(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        return stmt;
    }

    static void Step(sqlite3 db, sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        // Reset before throwing, so the statement is not left mid-step when the transaction rolls back.
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
    }

    static void Bind(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>Text bound as UTF-8 from one buffer, grown as needed (SQLite copies what is bound).</summary>
    sealed class Utf8Text
    {
        byte[] _buffer = new byte[4096];

        public void Bind(sqlite3 db, sqlite3_stmt stmt, int index, string value)
        {
            // An empty span is a null pointer, which SQLite binds as NULL: the empty text goes as a string.
            if (value.Length == 0)
            {
                SqliteFleetStore.Bind(db, raw.sqlite3_bind_text(stmt, index, ""));
                return;
            }
            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (max > _buffer.Length) _buffer = new byte[Math.Max(max, _buffer.Length * 2)];
            var n = Encoding.UTF8.GetBytes(value, _buffer);
            SqliteFleetStore.Bind(db, raw.sqlite3_bind_text(stmt, index, _buffer.AsSpan(0, n)));
        }
    }

    public override void Dispose()
    {
        // Pooled connections hold the file open (and its -wal): close them so the file is whole and movable.
        SqliteConnection.ClearAllPools();
        base.Dispose();
    }
}
