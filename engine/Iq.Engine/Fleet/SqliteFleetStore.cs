using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Iq.Rules.Messages;
using Microsoft.Data.Sqlite;

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
            throw new FleetStoreException(Msg.StoreCannotOpen.With(_path, e.Message), e);
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

    protected override ISet<long> AliveWorkers(DbConnection c, DbTransaction tx, IReadOnlyCollection<long> workers)
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
            return !p.HasExited && T(p.StartTime.ToUniversalTime()) == start;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        // Pooled connections hold the file open (and its -wal): close them so the file is whole and movable.
        SqliteConnection.ClearAllPools();
        base.Dispose();
    }
}
