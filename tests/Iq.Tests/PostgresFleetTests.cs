using System.Diagnostics;
using System.Text.RegularExpressions;
using Iq.Engine.Fleet;
using Iq.Engine.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Iq.Tests;

/// <summary>A throwaway PostgreSQL cluster for the tests (Debian's postgresql: initdb and pg_ctl in a temporary folder,
/// run as the postgres user through setpriv, trust authentication, only a Unix socket in the folder). Outside CI, where
/// it is not installed or we are not root, the tests skip naming what to install; in CI they fail instead.</summary>
public sealed class PostgresCluster : IDisposable
{
    public string Folder { get; }
    public string? Problem { get; }
    const int Port = 54329;
    int _databases;

    public PostgresCluster()
    {
        Folder = Directory.CreateTempSubdirectory("iq-pg-").FullName;
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null) { Problem = "PostgreSQL is not installed (.ci/run installs the Debian package postgresql)"; return; }
        if (Environment.UserName != "root") { Problem = "starting a PostgreSQL cluster as the postgres user needs root (setpriv)"; return; }
        Run("chmod", "755", Folder);
        Run("chown", "postgres:postgres", Folder);
        var data = Path.Combine(Folder, "data");
        Postgres(Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        Postgres(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(Folder, "log"), "-w", "-t", "60", "-o",
            $"-k {Folder} -c listen_addresses='' -p {Port} -c fsync=off -c max_connections=200", "start");
    }

    /// <summary>A new, empty database; its store URL.</summary>
    public string NewDatabase()
    {
        var name = $"iq{Interlocked.Increment(ref _databases)}";
        using var c = new NpgsqlConnection($"Host={Folder};Port={Port};Username=postgres;Database=postgres;Pooling=false");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = $"CREATE DATABASE {name}";
        q.ExecuteNonQuery();
        return $"postgres://postgres@localhost:{Port}/{name}?host={Uri.EscapeDataString(Folder)}";
    }

    public void Require()
    {
        if (Problem is null) return;
        if (Requires.InCi) Assert.Fail(Problem);
        Skip.If(true, Problem + "; skipped");
    }

    void Postgres(string tool, params string[] args) =>
        Run("setpriv", ["--reuid=postgres", "--regid=postgres", "--clear-groups", tool, .. args]);

    static void Run(string tool, params string[] args)
    {
        var (code, stdout, stderr) = Requires.Run(tool, args);
        if (code != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {code}: {stdout}{stderr}");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        var data = Path.Combine(Folder, "data");
        var bin = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).FirstOrDefault(File.Exists) : null;
        if (Problem is null && bin is not null && Directory.Exists(data))
            Requires.Run("setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", bin, "-D", data, "-m", "immediate", "-w", "stop");
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The fleet on a real PostgreSQL: the same rows as SQLite, two workers splitting one fleet without evaluating a
/// bundle twice, a killed worker's claims finished by the next run, migrations applied once.</summary>
public sealed class PostgresFleetTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>, IDisposable
{
    const string AsOf = "2026-12-01";
    readonly string _dir = Directory.CreateTempSubdirectory("iq-pgfleet-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>n bundles: every third the failing sample, one in ten with its plan cut short; each with its own site.</summary>
    string Fleet(int n)
    {
        var root = Path.Combine(_dir, "fleet");
        for (var i = 0; i < n; i++)
        {
            var folder = FleetTests.CopyBundle(i % 3 == 0 ? "failing" : "compliant", Path.Combine(root, $"region-{i % 4}", $"site-{i:D4}"));
            if (i % 10 == 7) File.WriteAllText(Path.Combine(folder, "plan.json"), "{ \"kind\": \"plan\", \"schema\": 1, \"facts\": { \"site\": 42 } }");
        }
        return root;
    }

    static long Scalar(string url, string sql)
    {
        var location = StoreLocation.Parse(url, out _);
        using var c = new NpgsqlConnection($"Host={location.Host};Port={location.Port};Username={location.User};Database={location.Database};Pooling=false");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = sql;
        return Convert.ToInt64(q.ExecuteScalar());
    }

    static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "iq.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    [SkippableFact]
    public void The_same_fleet_gives_the_same_rows_in_SQLite_and_PostgreSQL()
    {
        cluster.Require();
        var root = Fleet(12);
        var db = Path.Combine(_dir, "results.db");
        var url = cluster.NewDatabase();
        var lite = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", AsOf);
        var pg = CliRunner.InProcess("fleet", "run", root, "--store", url, "--as-of", AsOf);
        Assert.True(pg.ExitCode == 2, pg.Stdout + pg.Stderr);
        Assert.Equal(lite.ExitCode, pg.ExitCode);
        Assert.Contains("evaluated 11, skipped 0", pg.Stdout);

        using var sqlite = new SqliteFleetStore(db);
        using var postgres = new PostgresFleetStore(StoreLocation.Parse(url, out _));
        var a = sqlite.Snapshot();
        var b = postgres.Snapshot();
        Assert.True(a.Count > 12 * 50, $"{a.Count} rows");
        Assert.Equal(a, b);
        Assert.Equal(sqlite.SchemaVersions(), postgres.SchemaVersions());

        // The reports read the same from both.
        var fromLite = CliRunner.InProcess("fleet", "report", "--store", db, "--json", Path.Combine(_dir, "lite.json"));
        var fromPg = CliRunner.InProcess("fleet", "report", "--store", url, "--json", Path.Combine(_dir, "pg.json"));
        Assert.Equal(fromLite.ExitCode, fromPg.ExitCode);
        // Apart from where the store is, ids (assigned in the order parallel audits finished) and times.
        string Body(string f) => string.Join("\n", File.ReadAllLines(f).Where(l => !Regex.IsMatch(l, @"""(store|host|audit|previous_audit)"":|_at"":|""id"": \d")));
        Assert.Equal(Body(Path.Combine(_dir, "lite.json")), Body(Path.Combine(_dir, "pg.json")));

        // And an exported audit is the same file.
        var e1 = Path.Combine(_dir, "e1.json");
        var e2 = Path.Combine(_dir, "e2.json");
        Assert.Equal(0, CliRunner.InProcess("fleet", "export", "--store", db, "--site", "site-0001", "-o", e1).ExitCode);
        Assert.Equal(0, CliRunner.InProcess("fleet", "export", "--store", url, "--site", "site-0001", "-o", e2).ExitCode);
        Assert.Equal(File.ReadAllBytes(e1), File.ReadAllBytes(e2));

        // Rerun: everything skipped, the migrations not applied again.
        var again = CliRunner.InProcess("fleet", "run", root, "--store", url, "--as-of", AsOf);
        Assert.Contains("evaluated 0, skipped 12", again.Stdout);
        Assert.Equal(FleetSchema.Latest, Scalar(url, "SELECT COUNT(*) FROM iq_schema"));
    }

    /// <summary>--force evaluates every bundle again: each earlier audit is replaced with its rows and inputs (PostgreSQL
    /// deletes a commit's earlier audits together and copies the new ones with ids drawn at once), no row left without its
    /// audit, and both stores hold the same rows again.</summary>
    [SkippableFact]
    public void Forced_runs_replace_every_audit_whole_in_SQLite_and_PostgreSQL()
    {
        cluster.Require();
        var root = Fleet(12);
        var db = Path.Combine(_dir, "forced.db");
        var url = cluster.NewDatabase();
        foreach (var store in new[] { db, url })
        {
            CliRunner.InProcess("fleet", "run", root, "--store", store, "--as-of", AsOf);
            var forced = CliRunner.InProcess("fleet", "run", root, "--store", store, "--as-of", AsOf, "--force");
            Assert.Contains("evaluated 11, skipped 0", forced.Stdout);
        }
        Assert.Equal(12, Scalar(url, "SELECT COUNT(*) FROM audits"));
        Assert.Equal(12, Scalar(url, "SELECT COUNT(*) FROM audits a JOIN runs r ON r.id = a.run_id WHERE r.forced = 1"));
        Assert.Equal(0, Scalar(url, "SELECT COUNT(*) FROM item_results i WHERE NOT EXISTS (SELECT 1 FROM audits a WHERE a.id = i.audit_id)"));
        Assert.Equal(0, Scalar(url, "SELECT COUNT(*) FROM inputs i WHERE NOT EXISTS (SELECT 1 FROM audits a WHERE a.id = i.audit_id)"));
        Assert.Equal(Scalar(url, "SELECT SUM(item_count) FROM audits"), Scalar(url, "SELECT COUNT(*) FROM item_results"));
        using var sqlite = new SqliteFleetStore(db);
        using var postgres = new PostgresFleetStore(StoreLocation.Parse(url, out _));
        Assert.Equal(sqlite.Snapshot(), postgres.Snapshot());
    }

    [SkippableFact]
    public void PostgreSQL_stores_results_compact_exports_them_byte_identical_to_iq_audit_json_and_migrates_a_schema_one_store()
    {
        cluster.Require();
        var fleet = FleetTests.MixedFleet(_dir);
        var url = cluster.NewDatabase();
        var run = CliRunner.InProcess("fleet", "run", fleet.Root, "--store", url, "--as-of", AsOf);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("evaluated 5", run.Stdout);
        Assert.Equal(5, Scalar(url, "SELECT COUNT(*) FROM audits WHERE results_form = 'compact' AND results IS NOT NULL"));
        FleetTests.ExportsAreAuditJson(fleet, url, _dir);

        // The same store as schema 1 wrote it: migrated on first use, its indented files exported as they are.
        var location = StoreLocation.Parse(url, out _);
        using (var store = new PostgresFleetStore(location))
        using (var c = new NpgsqlConnection($"Host={location.Host};Port={location.Port};Username={location.User};Database={location.Database};Pooling=false"))
        {
            c.Open();
            FleetTests.MakeSchemaOne(store, c);
        }
        Assert.Equal(1, Scalar(url, "SELECT MAX(version) FROM iq_schema"));
        FleetTests.ExportsAreAuditJson(fleet, url, _dir);
        Assert.Equal(FleetSchema.Latest, Scalar(url, "SELECT MAX(version) FROM iq_schema"));
        Assert.Equal(5, Scalar(url, "SELECT COUNT(*) FROM audits WHERE results_form = 'indented' AND results IS NOT NULL"));
    }

    [SkippableFact]
    public void Two_workers_on_one_PostgreSQL_evaluate_every_bundle_exactly_once()
    {
        cluster.Require();
        const int n = 120;
        var root = Fleet(n);
        var url = cluster.NewDatabase();
        using var first = Start("fleet", "run", root, "--store", url, "--as-of", AsOf, "--jobs", "2");
        using var second = Start("fleet", "run", root, "--store", url, "--as-of", AsOf, "--jobs", "2");
        var outputs = new[] { first, second }.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        foreach (var p in new[] { first, second }) Assert.True(p.WaitForExit(300_000), "a worker did not finish in 300 s");
        var text = string.Join("\n", outputs.Select(o => o.Out.Result + o.Err.Result));
        Assert.True(first.ExitCode == 2 && second.ExitCode == 2, text);

        Assert.Equal(n, Scalar(url, "SELECT COUNT(*) FROM audits"));
        Assert.Equal(n, Scalar(url, "SELECT COUNT(DISTINCT bundle_path) FROM audits"));
        // Exactly once: the runs' evaluated and failed add up to the fleet, and each audit's claim was finished once.
        Assert.Equal(n, Scalar(url, "SELECT SUM(evaluated + failed) FROM runs"));
        Assert.Equal(2, Scalar(url, "SELECT COUNT(*) FROM runs WHERE status = 'finished'"));
        Assert.Equal(n, Scalar(url, "SELECT COUNT(*) FROM claims WHERE state = 'done'"));
        Assert.Equal(0, Scalar(url, "SELECT COUNT(*) FROM audits a WHERE a.item_count <> (SELECT COUNT(*) FROM item_results i WHERE i.audit_id = a.id)"));
        // Both took part (each claims in batches as it goes; with 120 bundles neither finishes before the other starts).
        Assert.Equal(2, Scalar(url, "SELECT COUNT(DISTINCT worker_id) FROM audits"));
    }

    [SkippableFact]
    public void A_killed_worker_leaves_nothing_half_written_and_the_next_run_finishes_its_bundles()
    {
        cluster.Require();
        const int n = 300;
        var root = Fleet(n);
        var url = cluster.NewDatabase();
        using (var p = Start("fleet", "run", root, "--store", url, "--as-of", AsOf, "--jobs", "1"))
        {
            var clock = Stopwatch.StartNew();
            long Done() { try { return Scalar(url, "SELECT COUNT(*) FROM audits"); } catch (PostgresException) { return 0; } }
            while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120) && Done() < 10) Thread.Sleep(50);
            if (p.HasExited) Assert.Fail("the run ended before it could be killed: " + p.StandardError.ReadToEnd());
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        var written = Scalar(url, "SELECT COUNT(*) FROM audits");
        Assert.InRange(written, 10, n - 1);
        Assert.Equal(0, Scalar(url, "SELECT COUNT(*) FROM audits a WHERE a.item_count <> (SELECT COUNT(*) FROM item_results i WHERE i.audit_id = a.id)"));
        Assert.Equal(written, Scalar(url, "SELECT COUNT(*) FROM claims WHERE state = 'done'"));
        var orphaned = Scalar(url, "SELECT COUNT(*) FROM claims WHERE state = 'claimed'");
        Assert.True(orphaned > 0, "the killed worker held no claims");

        // The next worker sees the dead one's claims at once (its advisory lock went with its connection) and takes them over.
        var next = CliRunner.InProcess("fleet", "run", root, "--store", url, "--as-of", AsOf);
        Assert.True(next.ExitCode == 2, next.Stdout + next.Stderr);
        var counts = Regex.Match(next.Stdout, @"evaluated (\d+), skipped (\d+) .*could not be evaluated (\d+)");
        Assert.True(counts.Success, next.Stdout);
        Assert.Equal(written, long.Parse(counts.Groups[2].Value));
        Assert.Equal(n - written, long.Parse(counts.Groups[1].Value) + long.Parse(counts.Groups[3].Value));
        Assert.Equal(n, Scalar(url, "SELECT COUNT(*) FROM audits"));
        Assert.Equal(0, Scalar(url, "SELECT COUNT(*) FROM claims WHERE state <> 'done'"));
    }
}
