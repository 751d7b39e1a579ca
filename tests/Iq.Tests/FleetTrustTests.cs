using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Iq.Tests;

/// <summary>What a fleet run may take on trust, and what it must not (fresheyes7): the clock it judged dates by, the keys
/// a seal must be signed with, the operator's shared inputs, and a site's identity.</summary>
public sealed class FleetTrustTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("iq-fleettrust-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    string P(string name) => Path.Combine(_dir, name);

    static string OutcomeOfLatest(string db, string row) =>
        FleetTests.Scalar(db, $"SELECT COUNT(*) FROM item_results WHERE row_id = '{row}' AND outcome = 'waived' AND audit_id = (SELECT MAX(id) FROM audits)") == 1
            ? "waived" : "not waived";

    /// <summary>fresheyes7 F-B4: without <c>--as-of</c> the audits judge a waiver's expiry by the wall clock, so the run's day
    /// is in the bundle's key: a run after the waiver expired evaluates the bundle again (the row no longer waived) instead
    /// of skipping it and keeping "waived". The clock is moved with faketime, as an operator's cron would meet it; with
    /// <c>--as-of</c> before and after the expiry the same holds by the date given.</summary>
    [SkippableFact]
    public void Without_as_of_a_run_on_a_later_day_evaluates_again_so_an_expired_waiver_is_not_kept()
    {
        var faketime = Oracles.Which("faketime");
        Oracles.Require(faketime is not null, "faketime (Debian package faketime)");
        var root = P("fleet");
        FleetTests.CopyBundle("failing", Path.Combine(root, "site-w"));
        var waivers = P("w.yaml");
        File.WriteAllText(waivers, "- item: 6.1.1a.sw[Docker]\n  justification: next maintenance window\n  approved_by: QA\n  expires: 2026-12-15\n");
        const string row = "6.1.1a.sw[Docker]";

        var dated = P("dated.db");
        Assert.Contains("evaluated 1", CliRunner.InProcess("fleet", "run", root, "--store", dated, "--waivers", waivers, "--as-of", "2026-12-10").Stdout);
        Assert.Equal("waived", OutcomeOfLatest(dated, row));
        Assert.Contains("evaluated 1", CliRunner.InProcess("fleet", "run", root, "--store", dated, "--waivers", waivers, "--as-of", "2026-12-20").Stdout);
        Assert.Equal("not waived", OutcomeOfLatest(dated, row));

        var db = P("clock.db");
        (int Exit, string Stdout, string Stderr) At(string when) =>
            Oracles.Run(faketime!, [when, "dotnet", CliRunner.IqDll, "fleet", "run", root, "--store", db, "--waivers", waivers, "--lang", "en"]);
        var before = At("2026-12-10 12:00:00");
        Assert.Contains("evaluated 1, skipped 0", before.Stdout + before.Stderr);
        Assert.Equal("waived", OutcomeOfLatest(db, row));
        var after = At("2026-12-20 12:00:00");
        Assert.Contains("evaluated 1, skipped 0", after.Stdout + after.Stderr);
        Assert.Equal("not waived", OutcomeOfLatest(db, row));
        // The same day again: the same key, skipped.
        var sameDay = At("2026-12-20 18:00:00");
        Assert.Contains("evaluated 0, skipped 1", sameDay.Stdout + sameDay.Stderr);
        Assert.Equal(2, FleetTests.Scalar(db, "SELECT COUNT(*) FROM audits"));
    }
}
