using System.Text.Json;
using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>Provenance and seals: a row shows where each fact came from; a sealed document edited afterwards, or a measured
/// one with no seal, counts as declared and fails <c>requires measured</c>; seals signed with a key openssl made verify
/// with openssl itself; <c>iq snapshot --run</c> measures a rollback; documents whose times or hosts disagree are findings.</summary>
public class TrustTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    /// <summary>A copy of a sample bundle, seals included.</summary>
    static string Copy(TempDir dir, string sample = "compliant")
    {
        var bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Sample(sample), "*.json*")) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        return bundle;
    }

    static (int Exit, JsonElement Results) Audit(TempDir dir, string bundle, params string[] extra)
    {
        var json = Path.Combine(dir.Path, $"r{Guid.NewGuid():N}.json");
        var run = CliRunner.InProcess(["audit", Checklist, "--facts", bundle, "--json", json, "--as-of", TestClock.AsOfFor(bundle), .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        return (run.ExitCode, JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.Clone());
    }

    /// <summary>Seals an edited document again, as a lab vouching for it would (iq seal): its provenance holds, so what a
    /// test sees is the finding about its content, not the seal (unsealed, a row that requires its provenance is an error
    /// for that alone).</summary>
    static void Reseal(string file)
    {
        File.Delete(file + ".seal");
        var run = CliRunner.InProcess("seal", file);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    static Dictionary<string, JsonElement> Rows(JsonElement results) =>
        results.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);

    static IEnumerable<string> Kinds(JsonElement row) =>
        row.GetProperty("provenance").GetProperty("kinds").EnumerateArray().Select(k => k.GetString()!);

    static IEnumerable<JsonElement> FactsFrom(JsonElement row, string document) =>
        row.GetProperty("provenance").GetProperty("facts").EnumerateArray().Where(f => Path.GetFileName(f.GetProperty("document").GetString()) == document);

    [Fact]
    public void Every_row_of_the_sealed_sample_shows_where_its_facts_came_from()
    {
        using var dir = new TempDir();
        var (exit, results) = Audit(dir, Sample("compliant"));
        Assert.Equal(0, exit);
        var rows = Rows(results);
        // Probed facts are measured, the plan declared, JUnit imported, attestations reviewed; passes carry them too.
        Assert.Equal(["measured", "declared"], Kinds(rows["6.1.1a.cpu"]));
        Assert.Equal("pass", rows["6.1.1a.cpu"].GetProperty("outcome").GetString());
        Assert.Contains("imported", Kinds(rows["6.1.3a.passed"]));
        Assert.Equal(["reviewed"], Kinds(rows["6.1.2a.competence"]));
        Assert.Equal(["measured"], FactsFrom(rows["6.3.2b.time"], "rollback.json").Select(f => f.GetProperty("provenance").GetString()).Distinct());
        // Nothing decided on the vendor's word alone passes silently: such rows are counted apart.
        var declaredOnly = rows.Values.Where(r => r.GetProperty("provenance").GetProperty("declared_only").GetBoolean()).ToList();
        Assert.All(declaredOnly, r => Assert.Equal(["declared"], Kinds(r)));
        Assert.Equal(declaredOnly.Count, results.GetProperty("declared_only").EnumerateObject().Sum(o => o.Value.GetInt32()));
        Assert.Empty(results.GetProperty("findings").EnumerateArray());
        // Each fact document's seal is recorded with its input: the plan needs none, the others hold.
        var seals = results.GetProperty("inputs").EnumerateArray().ToDictionary(i => Path.GetFileName(i.GetProperty("path").GetString()!),
            i => i.GetProperty("seal").GetProperty("state").GetString());
        Assert.Equal("notneeded", seals["plan.json"]);
        Assert.All(seals.Where(x => x.Key != "plan.json"), x => Assert.Equal("intact", x.Value));
    }

    [Fact]
    public void Editing_one_number_in_a_sealed_measured_document_turns_its_rows_declared_and_requires_measured_into_error()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var file = Path.Combine(bundle, "baseline.json");
        var text = File.ReadAllText(file);
        var at = text.IndexOf("\"errors\": 0", StringComparison.Ordinal);
        Assert.True(at > 0);
        var edited = text[..at] + "\"errors\": 1" + text[(at + "\"errors\": 0".Length)..];
        File.WriteAllText(file, edited);

        var (exit, results) = Audit(dir, bundle);
        Assert.Equal(1, exit);
        var rows = Rows(results);
        // 6.1.3 b) asks whether the baseline results are 客观准确: its rows require the figures measured, so they are errors
        // now (they passed as "declared only" before, beside 6.4.2's errors on the same file), and each fact says why.
        var latency = rows["6.1.3b.latency"];
        Assert.Equal("error", latency.GetProperty("outcome").GetString());
        Assert.Equal("provenance_not_met", latency.GetProperty("reason").GetProperty("kind").GetString());
        var fact = Assert.Single(FactsFrom(latency, "baseline.json"), f => f.GetProperty("path").GetString() == "baseline.single_stream.mean");
        Assert.Equal("declared", fact.GetProperty("provenance").GetString());
        Assert.StartsWith("seal broken (changed after it was sealed: SHA-256 ", fact.GetProperty("why").GetString());
        Assert.Equal("broken", results.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("path").GetString()!.EndsWith("baseline.json"))
            .GetProperty("seal").GetProperty("state").GetString());
        var seal = Assert.Single(latency.GetProperty("provenance").GetProperty("seals").EnumerateArray());
        Assert.Equal(("baseline.json", "broken"), (Path.GetFileName(seal.GetProperty("document").GetString()), seal.GetProperty("state").GetString()));
        // The stress test of 6.4.2 requires measured figures: every one of its rows is now an error naming the document.
        var stress = rows.Where(r => r.Key.StartsWith("6.4.2", StringComparison.Ordinal) && r.Value.GetProperty("method").GetString() == "automatic").Select(r => r.Value).ToList();
        Assert.NotEmpty(stress);
        Assert.All(stress, r =>
        {
            Assert.Equal("error", r.GetProperty("outcome").GetString());
            Assert.Equal("provenance_not_met", r.GetProperty("reason").GetProperty("kind").GetString());
            Assert.StartsWith("measured evidence required: baseline.", r.GetProperty("message").GetString());
            Assert.Contains("seal broken", r.GetProperty("message").GetString());
        });
        // Untouched documents keep their word.
        Assert.Equal("pass", rows["6.3.2b.time"].GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_measured_document_without_its_seal_counts_as_declared()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        File.Delete(Path.Combine(bundle, "rollback.json.seal"));
        var (_, results) = Audit(dir, bundle);
        var time = Rows(results)["6.3.2b.time"];
        Assert.Equal("error", time.GetProperty("outcome").GetString());
        Assert.Equal("pass", time.GetProperty("reason").GetProperty("was").GetString());
        Assert.Matches(@"rollback\.duration is declared \(\S*rollback\.json: not sealed \(no rollback\.json\.seal beside it\)\)", time.GetProperty("message").GetString());
    }

    [Fact]
    public void The_failing_sample_types_in_its_rollback_time_and_6_3_2b_is_an_error_not_a_pass()
    {
        using var dir = new TempDir();
        var (_, results) = Audit(dir, Sample("failing"));
        var time = Rows(results)["6.3.2b.time"];
        Assert.Equal("error", time.GetProperty("outcome").GetString());
        var unmet = Assert.Single(time.GetProperty("reason").GetProperty("facts").EnumerateArray());
        Assert.Equal(("rollback.duration", "declared", "fact_provenance in the document"),
            (unmet.GetProperty("path").GetString(), unmet.GetProperty("provenance").GetString(), unmet.GetProperty("why").GetString()));
    }

    static string Openssl()
    {
        var openssl = Oracles.Which("openssl");
        Oracles.Require(openssl is not null, "openssl (Debian package openssl)");
        return openssl!;
    }

    static void Ok((int Exit, string Stdout, string Stderr) run) => Assert.True(run.Exit == 0, run.Stderr);

    [SkippableFact]
    public void Seals_signed_with_an_openssl_key_verify_with_openssl_itself_and_with_iq_verify()
    {
        var openssl = Openssl();
        using var dir = new TempDir();
        string P(string name) => Path.Combine(dir.Path, name);
        Ok(Oracles.Run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("lab.key")]));
        Ok(Oracles.Run(openssl, ["pkey", "-in", P("lab.key"), "-pubout", "-out", P("lab.pub")]));
        Ok(Oracles.Run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("other.key")]));
        Ok(Oracles.Run(openssl, ["pkey", "-in", P("other.key"), "-pubout", "-out", P("other.pub")]));
        var bundle = Copy(dir);
        foreach (var seal in Directory.GetFiles(bundle, "*.seal")) File.Delete(seal);
        var sealedRun = CliRunner.InProcess("seal", bundle, "--sign-key", P("lab.key"));
        Assert.Equal(0, sealedRun.ExitCode);

        // openssl checks the signature over the payload docs/trust.md defines, rebuilt here from the seal's fields.
        var s = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "baseline.json.seal")))!;
        Assert.Equal((0, "Verified OK\n"), Oracles.OpensslVerifiesSeal(openssl, s, P("lab.pub"), dir.Path));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle, "baseline.json")))),
            s["sha256"]!.GetValue<string>());
        // The key id is what openssl prints for the DER public key's SHA-256.
        var der = Oracles.Run(openssl, ["pkey", "-pubin", "-in", P("lab.pub"), "-outform", "DER", "-out", P("lab.der")]);
        Ok(der);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(P("lab.der")))), s["signature"]!["key_id"]!.GetValue<string>());

        var ok = CliRunner.InProcess("verify", bundle, "--trust-key", P("lab.pub"));
        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
        Assert.Contains("signatures checked against 1 trusted key(s)", ok.Stdout);
        var other = CliRunner.InProcess("verify", bundle, "--trust-key", P("other.pub"));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("which is not a trusted key", other.Stdout);

        // One digit changed: openssl and iq both see it.
        var file = Path.Combine(bundle, "environment.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"logical_cores\": 128", "\"logical_cores\": 129"));
        var tampered = CliRunner.InProcess("verify", bundle, "--trust-key", P("lab.pub"));
        Assert.Equal(1, tampered.ExitCode);
        Assert.Matches(@"broken\s+\S*environment\.json\s+environment \(measured\): changed after it was sealed", tampered.Stdout);

        // The audit with the lab's key trusts only signed seals: the tampered probe's rows are declared, the rest measured.
        var (_, results) = Audit(dir, bundle, "--trust-key", P("lab.pub"));
        var rows = Rows(results);
        Assert.Equal(["declared"], Kinds(rows["6.1.1a.cores"]).Distinct());
        Assert.Equal(["measured"], FactsFrom(rows["6.3.2b.time"], "rollback.json").Select(f => f.GetProperty("provenance").GetString()).Distinct());
        // An unsigned seal is not enough once keys are trusted.
        var unsignedBundle = Copy(new TempDir());
        var (_, unsigned) = Audit(dir, unsignedBundle, "--trust-key", P("lab.pub"));
        var time = Rows(unsigned)["6.3.2b.time"];
        Assert.Equal("error", time.GetProperty("outcome").GetString());
        Assert.Contains("not signed, and trusted keys were given", time.GetProperty("message").GetString());
    }

    /// <summary><c>iq probe</c> and <c>iq redact</c> seal every document they write, signed with the lab's key: openssl
    /// verifies a probe seal's signature, <c>iq verify</c> with the lab's public key accepts both bundles, and a redacted
    /// document edited afterwards is seen as changed.</summary>
    [SkippableFact]
    public void Probe_and_redact_seal_what_they_write_with_the_labs_key()
    {
        var openssl = Openssl();
        using var dir = new TempDir();
        string P(string name) => Path.Combine(dir.Path, name);
        Ok(Oracles.Run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("lab.key")]));
        Ok(Oracles.Run(openssl, ["pkey", "-in", P("lab.key"), "-pubout", "-out", P("lab.pub")]));
        var machine = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines", "security-host");
        var probe = CliRunner.InProcess("probe", "--root", machine, "--out", P("probe"), "--sign-key", P("lab.key"));
        Assert.True(probe.ExitCode == 0, probe.Stderr);
        var documents = Directory.GetFiles(P("probe"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(P("probe/security.json"), documents);
        Assert.Equal(documents.Select(d => d + ".seal"), Directory.GetFiles(P("probe"), "*.seal").Order(StringComparer.Ordinal));

        // openssl checks one probe seal's signature over the payload docs/trust.md defines.
        var s = JsonNode.Parse(File.ReadAllText(P("probe/security.json.seal")))!;
        Assert.Equal((0, "Verified OK\n"), Oracles.OpensslVerifiesSeal(openssl, s, P("lab.pub"), dir.Path));
        var probed = CliRunner.InProcess("verify", P("probe"), "--trust-key", P("lab.pub"));
        Assert.True(probed.ExitCode == 0, probed.Stdout + probed.Stderr);

        // The probe's seals held, so its redacted copies are sealed again, with the same key.
        var redact = CliRunner.InProcess("redact", P("probe"), "--out", P("redacted"), "--salt-file", P("salt"), "--sign-key", P("lab.key"));
        Assert.True(redact.ExitCode == 0, redact.Stderr);
        Assert.Equal(documents.Select(d => Path.GetFileName(d) + ".seal"),
            Directory.GetFiles(P("redacted"), "*.seal").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var redacted = CliRunner.InProcess("verify", P("redacted"), "--trust-key", P("lab.pub"));
        Assert.True(redacted.ExitCode == 0, redacted.Stdout + redacted.Stderr);
        Assert.NotEqual(File.ReadAllBytes(P("probe/security.json")), File.ReadAllBytes(P("redacted/security.json")));

        File.AppendAllText(P("redacted/security.json"), " ");
        var edited = CliRunner.InProcess("verify", P("redacted"), "--trust-key", P("lab.pub"));
        Assert.Equal(1, edited.ExitCode);
        Assert.Matches(@"broken\s+\S*security\.json\s+security \(measured\): changed after it was sealed", edited.Stdout);
    }

    [Fact]
    public void Audit_seals_its_results_and_verify_sees_them_changed()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "results.json");
        Assert.Equal(0, CliRunner.InProcess("audit", Checklist, "--facts", Sample("compliant"), "--json", json, "--as-of", "2026-11-22").ExitCode);
        Assert.True(File.Exists(json + ".seal"));
        Assert.Equal(0, CliRunner.InProcess("verify", json).ExitCode);
        File.AppendAllText(json, " ");
        var run = CliRunner.InProcess("verify", json);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("changed after it was sealed", run.Stdout);
    }

    [Fact]
    public void Snapshot_run_times_the_rollback_command_and_records_it_as_measured()
    {
        using var dir = new TempDir();
        var (app, before) = RollbackLeftRunningTests.SnapshottedApp(dir);
        Assert.True(File.Exists(before + ".seal"));
        // The installation adds a file; the vendor's rollback removes it, slowly.
        File.WriteAllText(Path.Combine(app, "new.bin"), "x");
        var bundle = Copy(dir);
        // The rollback is measured on this machine, not on the sample's host: without the sample's probe document no host
        // disagrees (a rollback measured on another host than the probe's is contradicted, and its pass an error).
        foreach (var probe in Directory.GetFiles(bundle, "environment.json*")) File.Delete(probe);
        var run = CliRunner.InProcess("snapshot", "--compare", before, app, "--out", bundle, "--run", "--", "/bin/sh", "-c", $"sleep 0.3; rm '{app}/new.bin'");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("rollback took ", run.Stdout);
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "rollback.json")))!;
        Assert.Null(doc["fact_provenance"]);
        Assert.Equal(0, (int)doc["facts"]!["added"]!);
        Assert.InRange((double)doc["facts"]!["duration"]!, 300, 60_000);
        Assert.Equal(64, ((string)doc["sources"]![0]!["sha256"]!).Length);
        var (_, results) = Audit(dir, bundle);
        var time = Rows(results)["6.3.2b.time"];
        Assert.Equal("pass", time.GetProperty("outcome").GetString());
        Assert.Equal(["measured"], FactsFrom(time, "rollback.json").Select(f => f.GetProperty("provenance").GetString()).Distinct());

        // Typed in, the same time is declared, and 6.3.2 b) does not pass on it.
        var typed = CliRunner.InProcess("snapshot", "--compare", before, app, "--out", bundle, "--rollback-time", "1 s");
        Assert.Equal(0, typed.ExitCode);
        Assert.Equal("error", Rows(Audit(dir, bundle).Results)["6.3.2b.time"].GetProperty("outcome").GetString());

        // A rollback command that fails leaves the time as an error naming how it ended.
        var failed = CliRunner.InProcess("snapshot", "--compare", before, app, "--out", bundle, "--run", "--", "/bin/sh", "-c", "exit 3");
        Assert.Equal(0, failed.ExitCode);
        var failedTime = Rows(Audit(dir, bundle).Results)["6.3.2b.time"];
        Assert.Equal("error", failedTime.GetProperty("outcome").GetString());
        Assert.Contains("the rollback command exited with code 3", failedTime.GetProperty("message").GetString());

        // --run needs the folder itself as AFTER, and a command.
        Assert.Equal(2, CliRunner.InProcess("snapshot", "--compare", before, before, "--out", bundle, "--run", "--", "/bin/true").ExitCode);
        Assert.Equal(2, CliRunner.InProcess("snapshot", "--compare", before, app, "--out", bundle, "--run").ExitCode);
    }

    [Fact]
    public void Tests_that_finished_before_the_installation_ended_and_a_baseline_from_another_host_are_findings()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var tests = Path.Combine(bundle, "tests.json");
        File.WriteAllText(tests, File.ReadAllText(tests).Replace("\"finished\": \"2026-11-21T09:40:00Z\"", "\"finished\": \"2026-11-20T07:00:00Z\""));
        var baseline = Path.Combine(bundle, "baseline.json");
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace("\"host\": \"gpu-node-01\"", "\"host\": \"lab-laptop\""));
        Reseal(tests);
        Reseal(baseline);
        var (exit, results) = Audit(dir, bundle);
        var findings = results.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("kind").GetString()!);
        Assert.Equal(["host_mismatch", "tests_before_installation_end"], findings.Keys.Order());
        // A finding does not sit beside a pass that rests on the evidence it contradicts: those rows are errors, keeping
        // what they were, and the verdict follows.
        var rows = Rows(results);
        foreach (var id in new[] { "6.1.3a.passed", "6.1.3a.interface", "6.1.3a.data-interface", "6.1.3a.main-flow" })
            AssertContradicted(rows[id], "tests_before_installation_end");
        // The baseline from another host, sealed: its rows rest on evidence that does not speak for the installed system.
        AssertContradicted(rows["6.1.3b.latency"], "host_mismatch");
        AssertContradicted(rows["6.4.2a.max-concurrency"], "host_mismatch");
        Assert.Equal("fail", results.GetProperty("verdict").GetString());
        Assert.Equal(1, exit);
        Assert.Matches(@"^the functional tests finished at 2026-11-20T07:00:00Z \(\S*tests\.json\), before the installation log ends at 2026-11-20T17:45:03Z \(\S*logs\.json\)",
            findings["tests_before_installation_end"].GetProperty("message").GetString());
        Assert.Matches(@"^\S*baseline\.json was collected on host 'lab-laptop', the probe \(\S*environment\.json\) on 'gpu-node-01'$",
            findings["host_mismatch"].GetProperty("message").GetString());
    }

    /// <summary>Fresh eyes 6, B1 and B2: a JUnit report stripped of its timestamps made the tests' import time stand for when
    /// they ran, which always lies after the installation, so "tests before the installation ended" vanished and the 6.1.3 a)
    /// rows passed; and a security document sealed on another host passed 6.2.1 beside this host's probe, since only the
    /// software, baseline and rollback documents were held to the probe's host.</summary>
    [Fact]
    public void Tests_with_no_time_of_their_own_and_a_security_document_from_another_host_are_findings()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var tests = Path.Combine(bundle, "tests.json");
        var doc = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tests))!;
        doc["facts"]!.AsObject().Remove("started");
        doc["facts"]!.AsObject().Remove("finished");
        File.WriteAllText(tests, doc.ToJsonString());
        var security = Path.Combine(bundle, "security.json");
        File.WriteAllText(security, File.ReadAllText(security).Replace("\"host\": \"gpu-node-01\"", "\"host\": \"gpu-node-02\""));
        Reseal(tests);
        Reseal(security);
        var (exit, results) = Audit(dir, bundle);
        var findings = results.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("kind").GetString()!);
        Assert.Equal(["host_mismatch", "tests_untimed"], findings.Keys.Order());
        var rows = Rows(results);
        foreach (var id in new[] { "6.1.3a.passed", "6.1.3a.interface", "6.1.3a.data-interface", "6.1.3a.main-flow" })
            AssertContradicted(rows[id], "tests_untimed");
        var onSecurity = rows.Values.Where(r => r.GetProperty("provenance").GetProperty("facts").EnumerateArray()
            .Any(f => f.GetProperty("path").GetString()!.StartsWith("security", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(onSecurity);
        Assert.DoesNotContain(onSecurity, r => r.GetProperty("outcome").GetString() == "pass");
        foreach (var row in onSecurity.Where(r => r.GetProperty("outcome").GetString() == "error"))
            AssertContradicted(row, "host_mismatch");
        Assert.Equal("fail", results.GetProperty("verdict").GetString());
        Assert.Equal(1, exit);
        Assert.Matches(@"^\S*tests\.json gives no time the tests ran \(started/finished\), so they cannot be shown to have run after the installation log ends at 2026-11-20T17:45:03Z",
            findings["tests_untimed"].GetProperty("message").GetString());
        Assert.Matches(@"^\S*security\.json was collected on host 'gpu-node-02', the probe \(\S*environment\.json\) on 'gpu-node-01'$",
            findings["host_mismatch"].GetProperty("message").GetString());
    }

    /// <summary>Fresh eyes 6, B2: a security document collected in 2019, seven years before the installation log begins,
    /// sealed again, passed all of 6.2.1 without a finding. A document measured on the host before the installation began
    /// describes the host as it was, not the installed system: a finding naming it and the log, and the rows resting on it
    /// are errors, as for a document of another host. Every kind held to the host (software, security, data_imports,
    /// rollback, and a baseline whose own start lies after the log ends) alike, the kinds taken from the engine's list; the
    /// oracle for "before" is the sample's own log (first event 2026-11-18T08:02:11Z). Each such row's fix is to measure that
    /// document again after the installation, with its kind's command from the fact schema (before: no fix at all).</summary>
    public static TheoryData<string> MeasuredOnHost => [.. Iq.Engine.Audit.RowProvenances.OnHost];

    [Theory]
    [MemberData(nameof(MeasuredOnHost))]
    public void A_document_measured_on_the_host_before_the_installation_began_is_a_finding(string kind)
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var before = Rows(Audit(dir, bundle).Results);
        var file = Path.Combine(bundle, kind + ".json");
        var doc = JsonNode.Parse(File.ReadAllText(file))!;
        doc["collected_at"] = "2019-01-01T00:00:00Z";
        // A baseline is held to the log's end by its own start time (baseline_before_installation_end, the stronger finding);
        // one that started after the installation but was stamped collected before it carries this finding.
        if (kind == "baseline") doc["facts"]!["method"] = new JsonObject { ["started"] = "2026-11-21T14:00:00Z" };
        File.WriteAllText(file, doc.ToJsonString());
        Reseal(file);
        var (exit, results) = Audit(dir, bundle);
        var finding = results.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("collected_before_installation", finding.GetProperty("kind").GetString());
        Assert.Equal("2019-01-01T00:00:00Z", finding.GetProperty("first").GetString());
        Assert.Equal("2026-11-18T08:02:11Z", finding.GetProperty("second").GetString());
        Assert.Matches($@"^\S*{kind}\.json was collected at 2019-01-01T00:00:00Z, before the installation log's first event at 2026-11-18T08:02:11Z \(\S*logs\.json\): it describes the host before the installation, not the installed system$",
            finding.GetProperty("message").GetString());
        // Every row that passed before on facts of that document is now an error, keeping what it was; no other row moved.
        var rows = Rows(results);
        var onIt = before.Values.Where(r => r.GetProperty("outcome").GetString() == "pass" && r.GetProperty("provenance").GetProperty("facts").EnumerateArray()
            .Any(f => f.GetProperty("path").GetString()!.StartsWith(kind, StringComparison.Ordinal))).Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(onIt);
        foreach (var id in onIt) AssertContradicted(rows[id], "collected_before_installation");
        var command = Iq.Engine.Facts.FactSchema.Default.Roots.Single(r => r.Kind == kind).Command;
        Assert.False(string.IsNullOrEmpty(command), kind);
        var display = finding.GetProperty("documents")[0].GetString();
        foreach (var id in onIt)
        {
            Assert.Equal($"measure {display} again on the installed host after the installation: {command}", rows[id].GetProperty("fix").GetString());
            Assert.Equal("IQ8113", rows[id].GetProperty("fix_words").GetProperty("code").GetString());
        }
        foreach (var (id, row) in before.Where(r => !onIt.Contains(r.Key)))
            Assert.Equal(row.GetProperty("outcome").GetString(), rows[id].GetProperty("outcome").GetString());
        Assert.Equal("fail", results.GetProperty("verdict").GetString());
        Assert.Equal(1, exit);
    }

    /// <summary>A baseline collected before the installation began was also measured before its log ends: the one, stronger
    /// finding it had says so, not a second one on the same document.</summary>
    [Fact]
    public void A_baseline_from_before_the_installation_keeps_its_one_finding()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var file = Path.Combine(bundle, "baseline.json");
        var doc = JsonNode.Parse(File.ReadAllText(file))!;
        doc["collected_at"] = "2019-01-01T00:00:00Z";
        // Its own start time, when it gives one, would be the time held to the log; the sample gives none.
        (doc["facts"]!["method"] as JsonObject)?.Remove("started");
        File.WriteAllText(file, doc.ToJsonString());
        Reseal(file);
        var (_, results) = Audit(dir, bundle);
        Assert.Equal(["baseline_before_installation_end"], results.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()));
    }

    /// <summary>Fresh eyes 3, #5: tests.json with "total 30, passed 30" beside "suites: []" passed 6.1.3a.passed on its
    /// totals with no finding. A document whose totals its own suites do not add up to contradicts itself.</summary>
    [Fact]
    public void Tests_whose_totals_their_own_suites_do_not_add_up_to_are_a_finding()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var tests = Path.Combine(bundle, "tests.json");
        var doc = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tests))!;
        doc["facts"]!["suites"] = new System.Text.Json.Nodes.JsonArray();
        File.WriteAllText(tests, doc.ToJsonString());
        Reseal(tests);
        var (exit, results) = Audit(dir, bundle);
        var finding = results.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("tests_totals_disagree", finding.GetProperty("kind").GetString());
        Assert.Matches(@"^\S*tests\.json gives totals \(total 30, passed 30, failed 0, skipped 0\) that its suites do not add up to \(0 suite\(s\): total 0, passed 0, failed 0, skipped 0\)$",
            finding.GetProperty("message").GetString());
        AssertContradicted(Rows(results)["6.1.3a.passed"], "tests_totals_disagree");
        Assert.Equal("fail", results.GetProperty("verdict").GetString());
        Assert.Equal(1, exit);
        // The samples' own tests add up: no finding there.
        using var ok = new TempDir();
        Assert.Empty(Audit(ok, Copy(ok)).Results.GetProperty("findings").EnumerateArray());
    }

    /// <summary>Fresh eyes 3, #7: "65 automatic row(s) … (pass 58, fail 3, error 0)" named only 61; the waived, not
    /// applicable and informational rows went unnamed. Every output's breakdown adds up to its total, as the JSON's does.</summary>
    [Fact]
    public void The_declared_only_breakdown_names_every_outcome_it_counts_in_every_output()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        foreach (var seal in Directory.GetFiles(bundle, "*.seal")) File.Delete(seal);
        var json = Path.Combine(dir.Path, "r.json");
        var html = Path.Combine(dir.Path, "r.html");
        var xlsx = Path.Combine(dir.Path, "r.xlsx");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--html", html, "--xlsx", xlsx, "--as-of", "2026-11-22", "--lang", "en");
        var counts = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("declared_only").EnumerateObject()
            .ToDictionary(o => o.Name, o => o.Value.GetInt32());
        // The case: rows other than pass, fail and error are among them.
        Assert.True(counts.Where(c => c.Key is not ("pass" or "fail" or "error")).Sum(c => c.Value) > 0, string.Join(", ", counts));
        var total = counts.Values.Sum();
        static void AddsUp(string text, int total, string where)
        {
            var m = System.Text.RegularExpressions.Regex.Match(text, @"(\d+) automatic row\(s\) decided on declared facts alone[^(]*\(([^)]*)\)");
            Assert.True(m.Success, where + ": " + text);
            Assert.Equal(total, int.Parse(m.Groups[1].Value));
            var parts = m.Groups[2].Value.Split(", ").Select(p => int.Parse(p[(p.LastIndexOf(' ') + 1)..])).Sum();
            Assert.True(parts == total, $"{where}: {m.Value}");
        }
        AddsUp(run.Stdout, total, "console");
        AddsUp(File.ReadAllText(html), total, "html");
        using var book = new XlsxReader(xlsx);
        AddsUp(string.Join("\n", book.SheetNames.SelectMany(book.Rows).SelectMany(r => r)), total, "xlsx summary");
        Assert.Contains("informational ", run.Stdout[run.Stdout.IndexOf("Declared only:", StringComparison.Ordinal)..]);
    }

    static void AssertContradicted(JsonElement row, string finding)
    {
        var id = row.GetProperty("id").GetString();
        Assert.True(row.GetProperty("outcome").GetString() == "error", $"{id}: {row}");
        var reason = row.GetProperty("reason");
        Assert.Equal("contradicted", reason.GetProperty("kind").GetString());
        Assert.Equal(finding, reason.GetProperty("finding").GetProperty("kind").GetString());
        Assert.Equal("pass", reason.GetProperty("was").GetString());
        Assert.StartsWith("contradicted by the documents: ", row.GetProperty("message").GetString());
    }

    /// <summary>The assessor's case: the sample's tests.json given a finish time before the installation log ends, sealed
    /// again (unsealed, 6.1.3 a) requires imported tests and its rows are errors for that alone; see
    /// IqChecklistRequiresTests). The finding printed beside a PASS 100 before; now every row resting on tests.* is an error
    /// in every output, the verdict fails, and iq report reads the reason back.</summary>
    [Fact]
    public void Tests_that_finished_before_the_installation_ended_fail_the_rows_that_rest_on_them()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var tests = Path.Combine(bundle, "tests.json");
        File.WriteAllText(tests, File.ReadAllText(tests).Replace("\"finished\": \"2026-11-21T09:40:00Z\"", "\"finished\": \"2026-11-20T07:00:00Z\""));
        Reseal(tests);
        var json = Path.Combine(dir.Path, "results.json");
        var html = Path.Combine(dir.Path, "report.html");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--html", html, "--as-of", "2026-11-22", "--lang", "en");
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("ERROR 6.1.3a.passed", run.Stdout);
        Assert.Contains("contradicted by the documents: the functional tests finished at 2026-11-20T07:00:00Z", run.Stdout);
        Assert.DoesNotContain("Verdict: PASS", run.Stdout);
        var results = JsonDocument.Parse(File.ReadAllBytes(json)).RootElement;
        var rows = Rows(results);
        foreach (var id in rows.Keys.Where(k => k.StartsWith("6.1.3a.", StringComparison.Ordinal) && k != "6.1.3a.review"))
            AssertContradicted(rows[id], "tests_before_installation_end");
        // Rows that do not read tests.* keep their outcome.
        Assert.Equal("pass", rows["6.1.3b.latency"].GetProperty("outcome").GetString());
        Assert.Contains("contradicted by the documents", File.ReadAllText(html));
        // Read back from the results alone: the reason is data, worded again in Chinese.
        var zhHtml = Path.Combine(dir.Path, "zh.html");
        var zh = CliRunner.InProcess("report", json, "--html", zhHtml, "--lang", "zh");
        Assert.True(zh.ExitCode is 0 or 1, zh.Stderr);
        Assert.Contains("证据相互矛盾：功能确认测试结束于 2026-11-20T07:00:00Z", File.ReadAllText(zhHtml));
    }
}
