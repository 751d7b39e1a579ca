using System.Text.Json;
using Microsoft.Data.Sqlite;
using Iq.Engine.Fleet;

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

    /// <summary>The documents of a bundle (all but plan.json, which carries no seal) sealed again by <c>iq seal</c>, as a
    /// vendor who edited them would: with <paramref name="signKey"/>, signed by that key; without, unsigned.</summary>
    static void Reseal(string folder, string? signKey)
    {
        var files = Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "plan.json").Order(StringComparer.Ordinal).ToList();
        var run = CliRunner.InProcess([.. new[] { "seal" }, .. files, .. signKey is null ? [] : new[] { "--sign-key", signKey }]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
    }

    /// <summary>fresheyes7 F-C1: <c>iq fleet run --trust-key</c> (the option <c>iq audit</c> takes) requires every seal signed
    /// by the lab's key, as <c>iq audit --trust-key</c> does: a bundle sealed again without the key (a forger's re-seal)
    /// passes without the option and not with it, in the fleet as in <c>iq audit</c>; one signed with the lab's key passes
    /// both ways. The key is part of each bundle's key (the run with it evaluates again), and the report and the export say
    /// which key's fingerprint was required: the SHA-256 of the key's DER SubjectPublicKeyInfo, as openssl and sha256sum
    /// compute it.</summary>
    [SkippableFact]
    public void A_fleet_run_with_trust_key_requires_signed_seals_as_iq_audit_does_and_the_report_names_the_key()
    {
        var openssl = Oracles.Which("openssl");
        Oracles.Require(openssl is not null, "openssl (Debian package openssl)");
        void Ok((int Exit, string Stdout, string Stderr) run) => Assert.True(run.Exit == 0, run.Stderr);
        Ok(Oracles.Run(openssl!, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("lab.key")]));
        Ok(Oracles.Run(openssl!, ["pkey", "-in", P("lab.key"), "-pubout", "-out", P("lab.pub")]));
        Ok(Oracles.Run(openssl!, ["pkey", "-pubin", "-in", P("lab.pub"), "-outform", "DER", "-out", P("lab.der")]));
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(P("lab.der"))));

        var root = P("fleet");
        var forged = FleetTests.BundleOfSite("compliant", Path.Combine(root, "site-forged"), "site-forged");
        Reseal(forged, null);
        var signed = FleetTests.BundleOfSite("compliant", Path.Combine(root, "site-signed"), "site-signed");
        Reseal(signed, P("lab.key"));
        var db = P("results.db");

        var open = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01");
        Assert.True(open.ExitCode == 0, open.Stdout + open.Stderr);
        var trusted = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01", "--trust-key", P("lab.pub"));
        Assert.Contains("evaluated 2, skipped 0", trusted.Stdout);
        Assert.Equal(1, trusted.ExitCode);

        string VerdictOf(string site, bool withKey) => FleetTests.Scalar(db,
            $"SELECT COUNT(*) FROM audits a JOIN runs r ON r.id = a.run_id WHERE a.site = '{site}' AND a.verdict = 'pass' AND (r.config LIKE '%trust-key%') = {(withKey ? 1 : 0)}") == 1
            ? "pass" : "not pass";
        Assert.Equal(("pass", "pass"), (VerdictOf("site-forged", false), VerdictOf("site-signed", false)));
        Assert.Equal(("not pass", "pass"), (VerdictOf("site-forged", true), VerdictOf("site-signed", true)));
        // iq audit of the same folder with the same key says the same.
        var audit = CliRunner.InProcess("audit", "--facts", forged, "--as-of", "2026-12-01", "--trust-key", P("lab.pub"), "--json", P("forged.json"));
        using (var results = JsonDocument.Parse(File.ReadAllBytes(P("forged.json"))))
            Assert.NotEqual("pass", results.RootElement.GetProperty("verdict").GetString());
        Assert.NotEqual(0, audit.ExitCode);

        var json = P("fleet.json");
        var report = CliRunner.InProcess("fleet", "report", "--store", db, "--json", json);
        Assert.Contains("seals had to be signed by a trusted key: " + fingerprint, report.Stdout);
        Assert.Contains("seals were not required to be signed (no --trust-key)", report.Stdout);
        using (var fleet = JsonDocument.Parse(File.ReadAllBytes(json)))
        {
            var runs = fleet.RootElement.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal([fingerprint], runs[0].GetProperty("trust_keys").EnumerateArray().Select(k => k.GetString()!).ToList());
            Assert.Empty(runs[1].GetProperty("trust_keys").EnumerateArray());
        }
        var export = CliRunner.InProcess("fleet", "export", "--store", db, "--site", "site-signed", "-o", P("signed.json"));
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains("evaluated with seals required signed by a trusted key: " + fingerprint, export.Stdout);
    }

    static string Sha256Of(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>fleet9 #4: a waiver or attestation for an item the checklist cannot have (neither an item nor a row of one) is
    /// said once per run, with its file and line, before any bundle is claimed (exit 2, no store made). Before, each
    /// bundle's audit failed on it: three bundles, three "not evaluable" audits with the same error. A waiver for a row
    /// of a foreach item (which only a bundle's facts make) is still the bundles' to judge.</summary>
    [Theory]
    [InlineData("--waivers", "w.yaml", "- item: 6.1.1a.nosuch\n  justification: next window\n  approved_by: QA\n  expires: 2027-01-31\n", "Waiver for unknown item '6.1.1a.nosuch'")]
    [InlineData("--attestations", "a.yaml", "- item: 6.1.2a.nosuch\n  status: pass\n  assessor: QA\n  date: 2026-11-20\n  justification: seen on site\n", "Attestation for unknown item '6.1.2a.nosuch'")]
    public void A_judgment_for_an_item_the_checklist_lacks_is_said_once_per_run_before_any_bundle(string option, string name, string text, string said)
    {
        var root = P("fleet");
        foreach (var site in new[] { "site-a", "site-b", "site-c" }) FleetTests.CopyBundle("compliant", Path.Combine(root, site));
        var file = P(name);
        File.WriteAllText(file, text);
        var db = P("results.db");
        var run = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01", option, file, "--lang", "en");
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        var all = run.Stdout + run.Stderr;
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(all, System.Text.RegularExpressions.Regex.Escape(said)));
        Assert.Contains(file + ":1:", run.Stderr);
        Assert.False(File.Exists(db));
        // A row of a foreach item is not refused up front.
        File.WriteAllText(file, text.Replace(option == "--waivers" ? "6.1.1a.nosuch" : "6.1.2a.nosuch", "6.1.1a.sw[Docker]"));
        Assert.DoesNotContain(new FleetRequest
        {
            Roots = [root],
            Checklist = Iq.Engine.Audit.Checklists.Compile(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), new Iq.Rules.Compilation.CompileOptions()).Checklist!,
            WaiverFiles = option == "--waivers" ? [file] : [],
            AttestationFiles = option == "--attestations" ? [file] : [],
        }.SharedInputErrors(), d => d.Text.Render(Iq.Rules.Messages.Lang.En).Contains("unknown item", StringComparison.Ordinal));
    }

    /// <summary>fresheyes7 F-B1: a waivers or attestations file that does not read is the operator's, shared by every bundle:
    /// refused before any bundle is claimed (exit 2, the file, line and column as <c>iq audit</c> names them), the store's
    /// bytes unchanged and a store not yet there not created. Before, every bundle was stored "not evaluable" with that
    /// file's error and became every site's current audit.</summary>
    [Theory]
    [InlineData("--waivers", "w.yaml", "waivers:\n  - item: 6.1.1a.storage\n    reason: PO 4711\n    expires: 2027-01-31\n    approved_by: QA\n", ":2:5:")]
    [InlineData("--attestations", "a.yaml", "- item: 6.1.2a.staffed\n  status: passs\n  assessor: QA\n  date: 2026-11-20\n", ":2:")]
    public void A_malformed_shared_judgment_file_is_refused_before_any_bundle_with_the_store_unchanged(string option, string name, string text, string where)
    {
        var root = P("fleet");
        FleetTests.CopyBundle("compliant", Path.Combine(root, "site-a"));
        FleetTests.CopyBundle("failing", Path.Combine(root, "site-b"));
        var db = P("results.db");
        Assert.Equal(1, CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01").ExitCode);
        SqliteConnection.ClearAllPools();
        var before = Sha256Of(db);
        var file = P(name);
        File.WriteAllText(file, text);

        var bad = CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-02", option, file);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains(file + where, bad.Stderr);
        Assert.DoesNotContain("Fleet run", bad.Stdout);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Sha256Of(db));
        Assert.Equal(2, FleetTests.Scalar(db, "SELECT COUNT(*) FROM audits"));

        var fresh = P("fresh.db");
        Assert.Equal(2, CliRunner.InProcess("fleet", "run", root, "--store", fresh, option, file).ExitCode);
        Assert.False(File.Exists(fresh));
        // iq audit refuses the same file the same way.
        var audit = CliRunner.InProcess("audit", "--facts", Path.Combine(root, "site-a"), option, file);
        Assert.Equal(2, audit.ExitCode);
        Assert.Contains(file + where, audit.Stderr);
    }

    /// <summary>fresheyes7 F-C3: a site is what a bundle's unsealed plan declares, so a bundle in another folder (another
    /// root) naming a site with a later collection time becomes its current audit (here fail → pass). The report names it:
    /// the site's current audit comes from a folder none of its previous audits came from, and (its documents headed
    /// with another host) was measured on another host — console, --json. The same folder collected again is no such
    /// change.</summary>
    [Fact]
    public void A_site_taken_over_by_a_bundle_in_another_folder_or_from_another_host_is_named_in_the_report()
    {
        var root = P("root");
        var real = FleetTests.BundleOfSite("failing", Path.Combine(root, "site-03"), "site-03");
        var other = FleetTests.BundleOfSite("compliant", Path.Combine(root, "site-04"), "site-04");
        var db = P("results.db");
        CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01");

        // site-04 collected again in its own folder: a later collection, same folder, same host.
        var plan4 = Path.Combine(other, "plan.json");
        File.WriteAllText(plan4, File.ReadAllText(plan4).Replace("\"collected_at\": \"2026-11-20T09:00:00Z\"", "\"collected_at\": \"2026-11-30T09:00:00Z\"", StringComparison.Ordinal));
        var root2 = P("root2");
        var fake = FleetTests.BundleOfSite("compliant", Path.Combine(root2, "zz-fake"), "site-03");
        var plan = Path.Combine(fake, "plan.json");
        File.WriteAllText(plan, File.ReadAllText(plan).Replace("\"collected_at\": \"2026-11-20T09:00:00Z\"", "\"collected_at\": \"2026-11-30T09:00:00Z\"", StringComparison.Ordinal));
        var env = Path.Combine(fake, "environment.json");
        File.WriteAllText(env, File.ReadAllText(env).Replace("\"host\": \"gpu-node-01\"", "\"host\": \"vendor-laptop\"", StringComparison.Ordinal));
        Assert.Equal(0, CliRunner.InProcess("seal", env).ExitCode);
        CliRunner.InProcess("fleet", "run", root, root2, "--store", db, "--as-of", "2026-12-01");

        var json = P("fleet.json");
        var report = CliRunner.InProcess("fleet", "report", "--store", db, "--json", json);
        Assert.Contains($"site-03: current audit from {fake} (was {real}); host changed: vendor-laptop (was gpu-node-01)", report.Stdout);
        Assert.DoesNotContain("site-04: current audit", report.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var moved = Assert.Single(doc.RootElement.GetProperty("site_moved").EnumerateArray());
        Assert.Equal("site-03", moved.GetProperty("site").GetString());
        Assert.Equal([fake], moved.GetProperty("bundles").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal([real], moved.GetProperty("previous_bundles").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.True(moved.GetProperty("folder_changed").GetBoolean());
        Assert.True(moved.GetProperty("host_changed").GetBoolean());

        // fleet9 #5: the HTML and the workbook name it too, with the console's words (before: console and JSON only).
        foreach (var lang in new[] { "en", "zh" })
        {
            var (html, xlsx) = (P($"fleet-{lang}.html"), P($"fleet-{lang}.xlsx"));
            var files = CliRunner.InProcess("fleet", "report", "--store", db, "--html", html, "--xlsx", xlsx, "--lang", lang);
            Assert.True(File.Exists(html) && File.Exists(xlsx), files.Stdout + files.Stderr);
            var heading = lang == "en" ? "Sites whose current audit comes from another folder or host" : "当前审核来自另一文件夹或另一主机的站点";
            var page = File.ReadAllText(html);
            Assert.Contains(heading, page);
            var row = System.Text.RegularExpressions.Regex.Match(page, "<tr data-site=\"site-03\" data-folder-changed=\"true\" data-host-changed=\"true\">(.*?)</tr>").Groups[1].Value;
            foreach (var cell in new[] { "site-03", fake, real, "vendor-laptop", "gpu-node-01" }) Assert.Contains($"<td>{cell}</td>", row);
            Assert.DoesNotContain("data-site=\"site-04\" data-folder-changed", page);
            using var book = new XlsxReader(xlsx);
            var rows = book.Rows(lang == "en" ? "Moved" : "来源改变").Skip(1).Where(r => r.Length > 0).ToList();
            var only = Assert.Single(rows);
            Assert.Equal(["site-03", fake, real, "vendor-laptop", "gpu-node-01"], only[..5]);
        }
    }

    /// <summary>fresheyes7 F-C4: a bundle folder's name reaches the console report made visible: an <c>ESC[2K CR</c> in it
    /// cannot erase the line and write "ALL GOOD" over it.</summary>
    [Fact]
    public void A_folder_name_with_terminal_escapes_is_shown_escaped_in_the_console_report()
    {
        var root = P("root5");
        var name = "x\u001b[2K\rALL GOOD\u001b[8m";
        var broken = FleetTests.CopyBundle("compliant", Path.Combine(root, name));
        File.WriteAllText(Path.Combine(broken, "plan.json"), "not json");
        var db = P("results.db");
        CliRunner.InProcess("fleet", "run", root, "--store", db, "--as-of", "2026-12-01");
        var report = CliRunner.InProcess("fleet", "report", "--store", db);
        Assert.DoesNotContain('\u001b', report.Stdout);
        Assert.DoesNotContain('\r', report.Stdout);
        Assert.Contains("x\\u001B[2K\\u000DALL GOOD\\u001B[8m", report.Stdout);
    }

    /// <summary>fresheyes7 F-B2: three workers started together on one SQLite store each take what the others have not
    /// claimed, and never a live worker's claim: every bundle evaluated once over the three runs, no work lost. Before,
    /// a worker compared another's process start time at 100 ns, which .NET on Linux computes from a boot time it works
    /// out on each call: the live worker looked dead and its claims were taken (69 audits for 30 bundles).</summary>
    [Fact]
    public async Task Three_concurrent_runs_on_one_store_evaluate_each_bundle_once()
    {
        var root = P("fleet");
        for (var i = 0; i < 12; i++) FleetTests.BundleOfSite(i % 2 == 0 ? "compliant" : "failing", Path.Combine(root, $"site-{i:00}"), $"site-{i:00}");
        var db = P("results.db");
        var runs = Enumerable.Range(0, 3).Select(_ => Task.Run(() => CliRunner.Process("fleet", "run", root, "--store", db, "--as-of", "2026-12-01", "--jobs", "2", "--lang", "en"))).ToArray();
        foreach (var r in await Task.WhenAll(runs)) Assert.True(r.ExitCode is 0 or 1, r.Stdout + r.Stderr);
        Assert.Equal(0, FleetTests.Scalar(db, "SELECT COALESCE(SUM(lost), 0) FROM runs"));
        Assert.Equal(12, FleetTests.Scalar(db, "SELECT SUM(evaluated) FROM runs"));
        Assert.Equal(12, FleetTests.Scalar(db, "SELECT COUNT(*) FROM audits"));
    }
}
