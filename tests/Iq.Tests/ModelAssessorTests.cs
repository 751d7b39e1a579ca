using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>The sample measured once (iq model over the sample's own cases and truthful description), copied by each test
/// and edited there as an assessor would: a field changed in a document of the bundle.</summary>
public sealed class MeasuredSample : IDisposable
{
    readonly TempDir _dir = new();

    public MeasuredSample() => ModelCases.Measure(_dir, "description.yaml", "--attack-cases", "100");

    /// <summary>A copy of the measured bundle (documents, seals, the sample's attestations) in a folder of its own.</summary>
    internal TempDir Copy()
    {
        var copy = new TempDir();
        foreach (var file in Directory.GetFiles(_dir.Path))
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        ModelCases.CopyAttestations(copy.Path);
        return copy;
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>The assessor's findings against the 001 checklist, each as the edit that reached PASS: now each is refused
/// (exit 2, naming the place) or fails its row, and the truthful sample still passes.</summary>
public class ModelAssessorTests(MeasuredSample sample) : IClassFixture<MeasuredSample>
{
    /// <summary>Edits a document of the bundle in place (its seal, if any, then no longer holds).</summary>
    static void Edit(TempDir bundle, string document, Action<JsonObject> edit)
    {
        var path = Path.Combine(bundle.Path, document);
        var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(doc["facts"]!.AsObject());
        File.WriteAllText(path, doc.ToJsonString());
    }

    static CliRunner.Run AuditRun(TempDir bundle, out JsonObject? results)
    {
        var json = bundle.Path + "-results.json";
        var run = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle.Path, "--json", json);
        results = File.Exists(json) ? JsonNode.Parse(File.ReadAllText(json))!.AsObject() : null;
        if (File.Exists(json)) File.Delete(json);
        return run;
    }

    static (int Exit, JsonObject Results) Audit(TempDir bundle)
    {
        var run = AuditRun(bundle, out var results);
        Assert.True(run.ExitCode is 0 or 1 && results is not null, run.Stderr + run.Stdout);
        return (run.ExitCode, results!);
    }

    static JsonObject Row(JsonObject results, string id) =>
        results["items"]!.AsArray().Select(i => i!.AsObject()).SingleOrDefault(i => (string)i["id"]! == id)
        ?? throw new Xunit.Sdk.XunitException($"no row {id}");

    static string Outcome(JsonObject results, string id) => (string)Row(results, id)["outcome"]!;

    [Fact]
    public void The_truthful_sample_passes_and_every_na_row_says_why()
    {
        using var bundle = sample.Copy();
        var (exit, results) = Audit(bundle);
        var items = results["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var bad = items.Where(i => (string)i["id"]! != ModelCases.HostTimedRow && (string)i["outcome"]! is "fail" or "error")
            .Select(i => $"{i["id"]}: {i["message"]}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        var timed = ModelCases.HostTimedOutcome(bundle.Path);
        Assert.Equal(timed, Outcome(results, ModelCases.HostTimedRow));
        Assert.Equal(timed == "pass" ? 0 : 1, exit);
        // Finding 4: an n/a row shows the reason it rests on, never the bare condition.
        var na = items.Where(i => (string)i["outcome"]! == "notapplicable").ToList();
        Assert.NotEmpty(na);
        foreach (var row in na)
            Assert.False(string.IsNullOrWhiteSpace((string?)row["reason"]!["because"]), $"{row["id"]} is n/a without a reason: {row["reason"]!.ToJsonString()}");
        Assert.Contains("not applicable, because the images carry no personal data", (string)Row(results, "4.3.3.privacy")["reason"]!["because"]!);
        // Finding 6: losses read from the vendor's training log and the overlap with the vendor's manifest are declared;
        // which log and which manifest iq read is iq's own (measured), and those rows require it.
        foreach (var (id, declared, measured) in new[] { ("6.3.1.curve", "measured.training_run.nan_free", "measured.training_run.log"),
                     ("6.3.1.final", "measured.training_run.final_loss", "measured.training_run.log"),
                     ("6.3.7.unseen", "measured.generalization.heldout.overlap_count", "measured.generalization.heldout.manifest") })
        {
            var facts = Row(results, id)["provenance"]!["facts"]!.AsArray().Select(f => f!.AsObject()).ToList();
            Assert.Equal("declared", (string)facts.Single(f => (string)f["path"]! == declared)["provenance"]!);
            Assert.Equal("fact_provenance in the document", (string)facts.Single(f => (string)f["path"]! == declared)["why"]!);
            Assert.Equal("measured", (string)facts.Single(f => (string)f["path"]! == measured)["provenance"]!);
        }
        // Finding 3: the levels follow the verbs (5.2.4 应; Annex A is 规范性).
        foreach (var id in new[] { "6.3.4a.macs", "6.3.4b.memory", "6.3.4b.latency", "4.1.provider" })
            Assert.Equal("shall", (string)Row(results, id)["level"]!);
        Assert.Equal("pass", Outcome(results, "4.1.provider"));
        Assert.DoesNotContain("6.3.4 c)", (string)Row(results, "6.3.4b.latency")["clause"]!);
    }

    /// <summary>The rows resting on facts taken from the vendor's training log and training manifest (6.3.1.curve, 6.3.1.final,
    /// 6.3.7.unseen) name those files and the SHA-256 of the bytes iq read, beside "declared", in every output: results.json,
    /// console -v, HTML and the scorecard's facts column (one wording, ReportWords.FactLines). The hashes are sha256sum's, of
    /// the sample's own files; before, the rows said only "model_measurements.json".</summary>
    [Fact]
    public void Rows_on_the_vendors_records_name_each_file_and_its_sha256_in_every_output()
    {
        using var bundle = sample.Copy();
        var sha256sum = Requires.Tool("sha256sum", "coreutils");
        (string Path, string Sha) Sum(string name)
        {
            var file = Path.Combine(ModelCases.Sample, name);
            var run = Requires.Run(sha256sum, file);
            Assert.Equal(0, run.Code);
            return (Path.GetFullPath(file), run.Stdout.Split(' ')[0]);
        }
        var log = Sum("training-log.csv");
        var manifest = Sum("training-manifest.txt");
        var json = bundle.Path + "-r.json";
        var xlsx = bundle.Path + "-r.xlsx";
        var html = bundle.Path + "-r.html";
        var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle.Path, "--json", json, "--xlsx", xlsx, "--html", html, "-v", "--lang", "en");
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        var results = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        using var x = new XlsxReader(xlsx);
        var facts = new Dictionary<string, string>();
        foreach (var sheet in x.SheetNames)
        {
            var rows = x.Rows(sheet);
            var column = rows.Count == 0 ? -1 : Array.IndexOf(rows[0], "Facts read and where they came from");
            if (column < 0) continue;
            foreach (var row in rows.Skip(1)) facts[row[0]] = row.Length > column ? row[column] ?? "" : "";
        }
        var htmlText = System.Net.WebUtility.HtmlDecode(File.ReadAllText(html));
        foreach (var (id, path, file) in new[] { ("6.3.1.curve", "measured.training_run.nan_free", log), ("6.3.1.final", "measured.training_run.final_loss", log),
                     ("6.3.7.unseen", "measured.generalization.heldout.overlap_count", manifest) })
        {
            var fact = Row(results, id)["provenance"]!["facts"]!.AsArray().Select(f => f!.AsObject()).Single(f => (string)f["path"]! == path);
            var source = Assert.Single(fact["sources"]!.AsArray());
            Assert.Equal(file.Path, (string)source!["path"]!);
            Assert.Equal(file.Sha, (string)source["sha256"]!);
            // The facts iq measured on the row (which log, which manifest it read) name no vendor file.
            Assert.All(Row(results, id)["provenance"]!["facts"]!.AsArray().Where(f => (string)f!["provenance"]! == "measured"), f => Assert.Null(f!["sources"]));
            // One line for the facts of the row taken from the file: "a, b are declared (…, taken from FILE (SHA-256 …))".
            var words = $"model_measurements.json: fact_provenance in the document, taken from {file.Path} (SHA-256 {file.Sha}))";
            foreach (var (output, text) in new[] { ("xlsx", facts[id]), ("console", audit.Stdout), ("html", htmlText) })
                Assert.True(text.Split(['\n', '<']).Any(l => l.Contains(path, StringComparison.Ordinal) && l.Contains(" declared (", StringComparison.Ordinal)
                                                             && l.Contains(words, StringComparison.Ordinal)),
                    $"{id}: {output} has no line naming {path} declared with {words}:\n{text}");
        }
        // The training log is not where the overlap came from, nor the manifest where the losses did.
        Assert.DoesNotContain(log.Sha, facts["6.3.7.unseen"]);
        Assert.DoesNotContain(manifest.Sha, facts["6.3.1.final"]);
        foreach (var f in new[] { json, xlsx, html }) File.Delete(f);
    }

    [Fact]
    public void Measurements_edited_to_agree_with_false_claims_are_errors_not_passes()
    {
        // Finding 1: the description inflated, the inspection and the measurement edited to agree (both seals broken).
        using var bundle = sample.Copy();
        Edit(bundle, "model_description.json", md =>
        {
            md["applicability"]!["expected_performance"]![0]!["value"] = 0.9999;
            md["claims"]!["efficiency"]!["macs_per_inference"] = 8_089_600;
        });
        Edit(bundle, "model_measurements.json", m => m["performance"]!["metrics"]!["accuracy"]!["ci_high"] = 1.0);
        Edit(bundle, "model.json", m => m["macs"]!["total"] = 8_089_600);
        var (exit, results) = Audit(bundle);
        Assert.Equal(1, exit);
        Assert.NotEqual("pass", (string)results["verdict"]!);
        foreach (var id in new[] { "4.5.2.measured[digit classification]", "6.3.4a.macs", "6.3.4b.accuracy", "6.3.7.heldout[held-out test split]" })
        {
            var row = Row(results, id);
            Assert.Equal("error", (string)row["outcome"]!);
            Assert.Equal("provenance_not_met", (string)row["reason"]!["kind"]!);
        }
    }

    [Fact]
    public void A_measurements_document_iq_did_not_seal_makes_the_rows_on_the_vendors_records_errors()
    {
        // The truthful measurements, their seal removed (as a vendor's own model_measurements.json would come): the rows
        // that read the training log and the training manifest through iq passed on it as declared; now they are errors.
        using var bundle = sample.Copy();
        File.Delete(Path.Combine(bundle.Path, "model_measurements.json.seal"));
        var (exit, results) = Audit(bundle);
        Assert.Equal(1, exit);
        foreach (var (id, paths) in new[] { ("6.3.1.curve", "measured.training_run.command"), ("6.3.1.final", "measured.training_run.command"),
                     ("6.3.7.unseen", "measured.generalization.heldout.manifest") })
        {
            var row = Row(results, id);
            Assert.Equal("error", (string)row["outcome"]!);
            Assert.Equal("provenance_not_met", (string)row["reason"]!["kind"]!);
            Assert.Equal("pass", (string)row["reason"]!["was"]!);
            Assert.Contains(paths, row["reason"]!["paths"]!.AsArray().Select(p => (string)p!));
        }
    }

    [Fact]
    public void A_forged_fact_in_an_unsealed_document_cannot_make_a_requires_measured_row_not_applicable()
    {
        // The truthful measurements, their seal removed, and a training command added: 6.3.1.witness's `when` reads the
        // command, so the row was n/a (iq seemed to have run the training) and the reproduction was never asked for. A
        // not-applicable row now rests on facts of the provenance its requires asks, as a pass does.
        using var bundle = sample.Copy();
        File.Delete(Path.Combine(bundle.Path, "model_measurements.json.seal"));
        Edit(bundle, "model_measurements.json", m =>
        {
            m["training_run"]!["command"] = "python train.py";
            m["training_run"]!["trained"] = new JsonObject { ["file"] = "retrained.onnx", ["same_structure"] = true };
        });
        var (_, results) = Audit(bundle);
        var row = Row(results, "6.3.1.witness");
        Assert.Equal("error", (string)row["outcome"]!);
        Assert.Equal("provenance_not_met", (string)row["reason"]!["kind"]!);
        Assert.Equal("notapplicable", (string)row["reason"]!["was"]!);
        Assert.Contains("measured.training_run.command", row["reason"]!["paths"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public void With_the_seal_intact_a_row_not_applicable_on_measured_facts_stays_not_applicable()
    {
        // The same command in the measurements iq sealed (as iq model --trained … --run writes it, with the model the run
        // wrote tied to the one inspected): the row's n/a rests on measured facts. The seal is redone by iq seal, as iq
        // would have written the document.
        using var bundle = sample.Copy();
        Edit(bundle, "model_measurements.json", m =>
        {
            m["training_run"]!["command"] = "python train.py";
            m["training_run"]!["trained"] = new JsonObject { ["file"] = "retrained.onnx", ["same_structure"] = true };
        });
        var seal = CliRunner.InProcess("seal", Path.Combine(bundle.Path, "model_measurements.json"));
        Assert.True(seal.ExitCode == 0, seal.Stderr);
        var (_, results) = Audit(bundle);
        Assert.Equal("notapplicable", Outcome(results, "6.3.1.witness"));
        Assert.Contains("retrained.onnx", (string)Row(results, "6.3.1.witness")["message"]!);

        // A command alone (iq was not told what the run wrote, as every run was recorded before --trained) is no longer
        // the reproduction: the row was n/a on any command; now it is an error saying the run is not tied to the model.
        Edit(bundle, "model_measurements.json", m => m["training_run"]!.AsObject().Remove("trained"));
        seal = CliRunner.InProcess("seal", Path.Combine(bundle.Path, "model_measurements.json"));
        Assert.True(seal.ExitCode == 0, seal.Stderr);
        (_, results) = Audit(bundle);
        Assert.Equal("error", Outcome(results, "6.3.1.witness"));
        Assert.Contains("measured.training_run.trained", (string)Row(results, "6.3.1.witness")["message"]!);
    }

    [Fact]
    public void The_descriptions_identity_is_compared_field_by_field_with_the_inspection()
    {
        // Fresh-eyes finding: opset 17 in the description of an opset-13 model, and a wrong size, passed (only the SHA-256
        // was compared). Each identity field model.json measures is now a row at 4.1 showing both values.
        using var bundle = sample.Copy();
        Edit(bundle, "model_description.json", md =>
        {
            var a = md["identity"]!["artifact"]!.AsObject();
            a["opset"] = 17;
            a["size_bytes"] = 16000;
            a["format"] = "pytorch";
        });
        var (exit, results) = Audit(bundle);
        Assert.Equal(1, exit);
        foreach (var (id, actual, expected) in new[] { ("6.1.identity.opset", "17", "== 13"), ("6.1.identity.size", "15.62 KiB", "== 16.13 KiB"),
                     ("6.1.identity.format", "\"pytorch\"", "== \"onnx\"") })
        {
            var row = Row(results, id);
            Assert.Equal("fail", (string)row["outcome"]!);
            Assert.Equal("4.1", (string)row["clause"]!);
            var evidence = row["evidence"]!.AsArray()[0]!;
            Assert.Equal((actual, expected), ((string)evidence["actual"]!, (string)evidence["expected"]!));
        }
        Assert.Equal("pass", Outcome(results, "6.1.identity"));
    }

    [Fact]
    public void An_adversarial_claim_is_compared_in_its_own_metric()
    {
        // Finding 2: a success rate of 0.01 claimed (measured: about 0.13) was compared as a robust accuracy and passed.
        using var bundle = sample.Copy();
        Edit(bundle, "model_description.json", md =>
        {
            var c = md["claims"]!["adversarial"]!["cases"]![0]!.AsObject();
            c["metric"] = "success_rate";
            c["value"] = 0.01;
        });
        var (exit, results) = Audit(bundle);
        Assert.Equal(1, exit);
        var row = Row(results, "6.3.8.attack[random_search]");
        Assert.Equal("fail", (string)row["outcome"]!);
        Assert.Contains(row["evidence"]!.AsArray(), e => ((string)e!["expression"]!).Contains("success_rate <= a.value"));
    }

    [Theory]
    [InlineData("robustness", "error_rate", "$.facts.claims.robustness.conditions[0].metric")]
    [InlineData("ood", "AUROC", "$.facts.claims.robustness.ood.metric")]
    [InlineData("heldout", "sensitivity", "$.facts.claims.generalization.heldout[0].metric")]
    public void A_claim_in_a_metric_iq_does_not_measure_is_refused_at_its_path(string claim, string metric, string at)
    {
        using var bundle = sample.Copy();
        Edit(bundle, "model_description.json", md =>
        {
            var claims = md["claims"]!;
            var target = claim switch
            {
                "robustness" => claims["robustness"]!["conditions"]![0]!,
                "ood" => claims["robustness"]!["ood"]!,
                _ => claims["generalization"]!["heldout"]![0]!,
            };
            target["metric"] = metric;
        });
        var run = AuditRun(bundle, out var results);
        Assert.Equal(2, run.ExitCode);
        Assert.Null(results);
        Assert.Contains(at, run.Stderr);
        Assert.Contains(metric, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void The_description_reader_refuses_an_unmeasured_metric_and_a_bare_na_at_their_lines()
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(Path.Combine(ModelCases.Sample, "description.yaml"))
            .Replace("metric: rejection_rate", "metric: AUROC")
            .Replace("not_applicable: not applicable, because the images carry no personal data", "not_applicable: \"no\"");
        var (run, Line) = ModelDescriptionRulesTests.RefusedDescription(dir, text);
        Assert.Contains($"description.yaml:{Line("metric: AUROC")}:", run.Stderr);
        Assert.Contains("$.claims.robustness.ood.metric", run.Stderr);
        Assert.Contains($"description.yaml:{Line("not_applicable: \"no\"")}:", run.Stderr);
        Assert.Contains("$.source_data.privacy.not_applicable", run.Stderr);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("N/A")]
    [InlineData("not applicable")]
    [InlineData("不适用")]
    [InlineData("  none. ")]
    public void A_not_applicable_without_a_reason_is_refused(string reason)
    {
        using var bundle = sample.Copy();
        Edit(bundle, "model_description.json", md => md["interpretability"]!["not_applicable"] = reason);
        var run = AuditRun(bundle, out var results);
        Assert.Equal(2, run.ExitCode);
        Assert.Null(results);
        Assert.Contains("$.facts.interpretability.not_applicable", run.Stderr);
    }

    [Theory]
    [InlineData("not applicable, because the images carry no personal data", true)]
    [InlineData("不适用，因为训练数据均为公开数据", true)]
    [InlineData("not applicable, because", false)]
    [InlineData("不适用，因为无", false)]
    [InlineData("yes", false)]
    public void What_counts_as_a_reason(string text, bool reason) =>
        Assert.Equal(reason, Iq.Rules.Model.NotApplicableReason.IsReason(text));

    [Fact]
    public void An_absent_yy1833_3_field_is_missing_evidence_not_na()
    {
        using var bundle = sample.Copy();
        Edit(bundle, "model_description.json", md => md["source_data"]!["datasets"]![0]!.AsObject().Remove("conforms_yy_t_1833_3"));
        var (_, results) = Audit(bundle);
        Assert.Equal("error", Outcome(results, "4.3.3.yy1833-3[sklearn digits]"));
    }

    [Fact]
    public void Efficiency_claims_are_shall_and_the_resource_use_claim_is_required()
    {
        // Finding 3: false efficiency claims (MACs 100× off, memory 1 MiB) fail the audit, not only their rows.
        using (var bundle = sample.Copy())
        {
            Edit(bundle, "model_description.json", md =>
            {
                md["claims"]!["efficiency"]!["macs_per_inference"] = 8_089_600;
                md["claims"]!["efficiency"]!["memory"] = "1 MiB";
            });
            var (exit, results) = Audit(bundle);
            Assert.Equal(1, exit);
            Assert.Equal("fail", (string)results["verdict"]!);
            Assert.Equal("fail", Outcome(results, "6.3.4a.macs"));
            Assert.Equal("fail", Outcome(results, "6.3.4b.memory"));
        }
        // Memory, storage and latency claims left out: the claim row fails, the memory row has no claim to compare (error);
        // latency, which 5.2.4 does not require, is n/a and says why.
        using (var bundle = sample.Copy())
        {
            Edit(bundle, "model_description.json", md =>
            {
                var e = md["claims"]!["efficiency"]!.AsObject();
                e.Remove("memory");
                e.Remove("storage");
                e.Remove("latency");
            });
            var (exit, results) = Audit(bundle);
            Assert.Equal(1, exit);
            Assert.Equal("fail", Outcome(results, "5.2.4.claim"));
            Assert.Equal("error", Outcome(results, "6.3.4b.memory"));
            Assert.Equal("notapplicable", Outcome(results, "6.3.4b.latency"));
            Assert.Contains("5.2.4", (string)Row(results, "6.3.4b.latency")["reason"]!["because"]!);
        }
    }

    [Fact]
    public void Differential_privacy_not_used_and_no_other_measure_fails_showing_the_value()
    {
        // Finding 5: used: false with "not needed" passed on exists(used).
        using (var bundle = sample.Copy())
        {
            Edit(bundle, "model_description.json", md => md["claims"]!["privacy"]!["leakage_measures"] = new JsonArray());
            var (exit, results) = Audit(bundle);
            Assert.Equal(1, exit);
            var row = Row(results, "5.2.9a");
            Assert.Equal("fail", (string)row["outcome"]!);
            Assert.Contains(row["evidence"]!.AsArray(), e => (string)e!["expression"]! == "md.claims.privacy.differential_privacy.used" && (string)e["actual"]! == "false");
        }
        // As the assessor wrote it (no other measure named at all): missing evidence, an error on a shall item.
        using (var bundle = sample.Copy())
        {
            Edit(bundle, "model_description.json", md => md["claims"]!["privacy"]!.AsObject().Remove("leakage_measures"));
            var (exit, results) = Audit(bundle);
            Assert.Equal(1, exit);
            Assert.Equal("error", Outcome(results, "5.2.9a"));
        }
    }

    /// <summary>Sets the sweep's figures in the measurements and seals the document again (an assessor vouching for the
    /// figures), so that the row is judged on them as measured.</summary>
    static void Sweep(TempDir bundle, double threadSpeedup, double bestSpeedup)
    {
        Edit(bundle, "model_measurements.json", m =>
        {
            m["efficiency"]!["thread_speedup"] = threadSpeedup;
            m["efficiency"]!["best_speedup"] = bestSpeedup;
        });
        var seal = CliRunner.InProcess("seal", Path.Combine(bundle.Path, "model_measurements.json"));
        Assert.True(seal.ExitCode == 0, seal.Stderr);
    }

    [Fact]
    public void Scaling_is_judged_on_threads_at_a_fixed_batch_and_a_contradiction_fails()
    {
        // Finding 7: a speedup from batching (threads=1, batch=8) passed a claim that more compute makes it faster.
        using (var bundle = sample.Copy())
        {
            Edit(bundle, "model_description.json", md => md["claims"]!["scalability"]!["scales_with_resources"] = true);
            Sweep(bundle, threadSpeedup: 0.9, bestSpeedup: 17.2);
            var (_, results) = Audit(bundle);
            Assert.Equal("fail", Outcome(results, "6.3.2.sweep"));
        }
        // A claim that it does not scale, contradicted by the sweep, fails too (it was n/a).
        using (var bundle = sample.Copy())
        {
            Sweep(bundle, threadSpeedup: 1.8, bestSpeedup: 17.2);
            var (_, results) = Audit(bundle);
            Assert.Equal("fail", Outcome(results, "6.3.2.sweep"));
        }
        using (var bundle = sample.Copy())
        {
            Sweep(bundle, threadSpeedup: 0.95, bestSpeedup: 17.2);
            var (_, results) = Audit(bundle);
            Assert.Equal("pass", Outcome(results, "6.3.2.sweep"));
        }
    }

    /// <summary>001 gives no figure for a tolerance (001-reading §0, §D-6): a default of iq's is shown as iq's, in the results,
    /// the scorecard's attachments sheet and the HTML report, zh and en; a figure the text fixes is not. The scorecard
    /// showed "0.05 (default)" for every param, as if the standard gave it.</summary>
    [Fact]
    public void A_default_the_standard_does_not_give_is_shown_as_iqs_in_every_report()
    {
        using var bundle = sample.Copy();
        var json = bundle.Path + "-params.json";
        var audit = CliRunner.InProcess("audit", ModelCases.Checklist, "--facts", bundle.Path, "--json", json);
        Assert.True(audit.ExitCode is 0 or 1, audit.Stderr);
        var parameters = JsonNode.Parse(File.ReadAllText(json))!["parameters"]!.AsObject();
        Assert.Equal("tool_default", (string)parameters["ood_tolerance"]!["origin"]!);
        Assert.Equal("default", (string)parameters["stress_tolerance"]!["origin"]!);
        foreach (var (lang, iqs, plain) in new[] { ("en", "0.05 (iq default; the standard gives no figure)", "0 (default)"), ("zh", "0.05（iq 默认值；标准未给出数值）", "0（默认值）") })
        {
            var xlsx = bundle.Path + $"-{lang}.xlsx";
            var html = bundle.Path + $"-{lang}.html";
            var report = CliRunner.InProcess("report", json, "--xlsx", xlsx, "--html", html, "--lang", lang);
            Assert.True(report.ExitCode == 0, report.Stderr);
            using (var reader = new XlsxReader(xlsx))
            {
                var rows = reader.SheetNames.SelectMany(reader.Rows).ToList();
                string Value(string name) => rows.First(r => r.Length > 2 && r[1] == name)[2];
                Assert.Equal(iqs, Value("ood_tolerance"));
                Assert.Equal(plain, Value("stress_tolerance"));
            }
            var page = File.ReadAllText(html);
            Assert.Contains("<code>ood_tolerance</code></td><td>0.05</td><td>" + System.Net.WebUtility.HtmlEncode(lang == "en" ? "iq default; the standard gives no figure" : "iq 默认值；标准未给出数值") + "</td>", page);
            Assert.Contains("<code>stress_tolerance</code></td><td>0</td><td>" + (lang == "en" ? "default" : "默认值") + "</td>", page);
        }
        File.Delete(json);
    }
}
