using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Engine.Facts;
using Microsoft.Data.Sqlite;

namespace Iq.Tests;

/// <summary>A fact document collected after the audit's as-of day (after now, beyond the declared clock-skew tolerance, when
/// there is no --as-of) is refused, whatever its kind: the audit would state what the system was before its evidence existed.
/// The oracle is each sample document's own <c>collected_at</c>, read here.</summary>
public sealed class CollectedAtTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("iq-collected-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");

    static string Doc(string kind, string collectedAt) =>
        $"{{\n  \"kind\": \"{kind}\",\n  \"schema\": 1,\n  \"collected_at\": \"{collectedAt}\",\n  \"facts\": {{}}\n}}\n";

    static IReadOnlyList<string> Load(string dir, DateTimeOffset? asOf) =>
        FactBundleReader.Load([dir], FactSchema.Default, asOf: asOf).Diagnostics
            .Select(d => $"{Path.GetFileName(d.Span.File)}:{d.Span.Line}:{d.Span.Column} {d.Code} {d.Message}").ToList();

    [Fact]
    public void Every_kind_collected_after_the_as_of_day_is_refused_at_its_collected_at_and_its_own_day_is_not()
    {
        var asOf = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        foreach (var root in FactSchema.Default.Roots)
        {
            var late = Path.Combine(_dir, root.Kind + "-late");
            Directory.CreateDirectory(late);
            File.WriteAllText(Path.Combine(late, "d.json"), Doc(root.Kind, "2026-11-23T00:00:00Z"));
            Assert.Contains($"d.json:4:19 IQ4003 collected 2026-11-23T00:00:00Z, after the audit's as-of day 2026-11-22: an audit cannot "
                + "state what the system was before its evidence existed at $.collected_at", Load(late, asOf));

            // The last second of the as-of day, and a time in a zone ahead of UTC that is still that day in UTC, are on it.
            var onTheDay = Path.Combine(_dir, root.Kind + "-day");
            Directory.CreateDirectory(onTheDay);
            File.WriteAllText(Path.Combine(onTheDay, "d.json"), Doc(root.Kind, "2026-11-22T23:59:59Z"));
            File.WriteAllText(Path.Combine(onTheDay, "e.json"), Doc(root.Kind, "2026-11-23T07:00:00+08:00"));
            Assert.DoesNotContain(Load(onTheDay, asOf), d => d.Contains("collected_at", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Without_as_of_a_document_collected_after_now_beyond_the_tolerance_is_refused()
    {
        var now = DateTimeOffset.UtcNow;
        var late = now + FactBundleReader.ClockSkewTolerance + TimeSpan.FromHours(1);
        var stamp = late.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(_dir, "env.json"), Doc("environment", stamp));
        var refused = Assert.Single(Load(_dir, null));
        Assert.StartsWith($"env.json:4:19 IQ4003 collected {stamp}, after now (", refused);
        Assert.EndsWith("): evidence not yet collected is no evidence (--as-of sets the audit's day) at $.collected_at", refused);

        // A clock a minute ahead of this one's is within the tolerance.
        var skewed = (now + TimeSpan.FromMinutes(1)).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(_dir, "env.json"), Doc("environment", skewed));
        Assert.Empty(Load(_dir, null));
    }

    [Fact]
    public void An_audit_as_of_a_day_before_some_of_its_evidence_exits_2_naming_each_later_document()
    {
        // The oracle: the sample's own times. As of 2026-11-20, every document collected after that day is refused.
        var asOf = new DateOnly(2026, 11, 20);
        var later = Directory.GetFiles(Compliant, "*.json")
            .Where(f => DateOnly.FromDateTime(DateTimeOffset.Parse((string)JsonNode.Parse(File.ReadAllText(f))!["collected_at"]!,
                CultureInfo.InvariantCulture).UtcDateTime) > asOf)
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(later);
        var json = Path.Combine(_dir, "r.json");
        var run = CliRunner.InProcess("audit", "--facts", Compliant, "--as-of", "2026-11-20", "--json", json);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.False(File.Exists(json));
        Assert.DoesNotContain("   at ", run.Stderr);
        foreach (var file in Directory.GetFiles(Compliant, "*.json"))
        {
            var line = run.Stderr.Split('\n').Where(l => l.Contains(Path.GetFileName(file) + ":", StringComparison.Ordinal)
                && l.Contains("$.collected_at", StringComparison.Ordinal)).ToList();
            if (later.Contains(file)) Assert.Single(line);
            else Assert.Empty(line);
        }

        // As of the day of the latest document, the same bundle is audited, and passes.
        var ok = CliRunner.InProcess("audit", "--facts", Compliant, "--as-of", "2026-11-21", "--json", json);
        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
    }

    [Fact]
    public void A_fleet_records_a_bundle_with_a_later_document_as_failed_with_its_error_and_goes_on()
    {
        var root = Path.Combine(_dir, "fleet");
        FleetTests.CopyBundle("compliant", Path.Combine(root, "hospital-a"));
        var late = FleetTests.CopyBundle("compliant", Path.Combine(root, "hospital-b"));
        var plan = Path.Combine(late, "plan.json");
        File.WriteAllText(plan, File.ReadAllText(plan).Replace("\"2026-11-20T09:00:00Z\"", "\"2026-11-23T09:00:00Z\"", StringComparison.Ordinal));
        var db = Path.Combine(_dir, "results.db");

        var run = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-11-22");
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains("evaluated 1", run.Stdout);
        Assert.Contains("could not be evaluated 1", run.Stdout);
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT site, status, COALESCE(verdict, ''), COALESCE(error, '') FROM audits ORDER BY site";
        using var r = q.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(("hospital-a", "evaluated", "pass"), (r.GetString(0), r.GetString(1), r.GetString(2)));
        Assert.True(r.Read());
        Assert.Equal(("hospital-b", "failed"), (r.GetString(0), r.GetString(1)));
        var error = r.GetString(3);
        Assert.Contains(plan, error);
        Assert.Contains("$.collected_at", error);
        Assert.Contains("2026-11-23T09:00:00Z", error);
        Assert.Contains("2026-11-22", error);
        Assert.False(r.Read());
    }
}
