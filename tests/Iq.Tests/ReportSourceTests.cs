using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>What a report rests on is in its header: the results file it was rendered from, that file's SHA-256 (as
/// sha256sum computes it) and whether a seal shows it is the file iq wrote (docs/trust.md). A report re-rendered from an
/// unsealed copy no longer looks like one rendered from the sealed file; <c>iq report</c> seals what it writes as the audit
/// does (checked with iq verify and the key id openssl computes), and the no-seal warning survives -q.</summary>
public class ReportSourceTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Failing => Path.Combine(TestPaths.Checklists, "samples", "failing");

    /// <summary>The row of the C.1 sheet whose first cell is <paramref name="label"/>, its second cell.</summary>
    static string? C1(string xlsx, string sheet, string label)
    {
        using var x = new XlsxReader(xlsx);
        return x.Rows(sheet).FirstOrDefault(r => r.Length >= 2 && r[0] == label)?[1];
    }

    static string HtmlSource(string html)
    {
        var m = Regex.Match(File.ReadAllText(html), "<p class=\"source[^\"]*\" id=\"source\"[^>]*>(.*?)</p>", RegexOptions.Singleline);
        Assert.True(m.Success, $"{html} has no source line in its header");
        return System.Net.WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", ""));
    }

    static string Sha256sum(string path)
    {
        var tool = Oracles.Which("sha256sum");
        Oracles.Require(tool is not null, "sha256sum (Debian package coreutils)");
        var run = Oracles.Run(tool!, [path]);
        Assert.Equal(0, run.Exit);
        return run.Stdout.Split(' ')[0];
    }

    static string Audit(TempDir dir, params string[] more)
    {
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess(["audit", Checklist, "--facts", Failing, "--as-of", "2026-11-22", "--json", json,
            "--xlsx", Path.Combine(dir.Path, "audit.xlsx"), "--html", Path.Combine(dir.Path, "audit.html"), .. more]);
        Assert.True(run.ExitCode == 1, run.Stderr);
        return json;
    }

    [Fact]
    public void Reports_from_a_sealed_results_file_name_it_its_hash_and_the_seal_verified_in_zh_and_en()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        var sha = Sha256sum(json);
        // The audit's own reports (zh) say what `iq report` says of the file the audit wrote and sealed.
        var zh = C1(Path.Combine(dir.Path, "audit.xlsx"), "C.1 基本信息", "报告依据");
        Assert.Equal($"结果文件 r.json（SHA-256 {sha}）：封签 r.json.seal 校验通过，散列一致，未签名", zh);
        Assert.Equal("报告依据 " + zh, HtmlSource(Path.Combine(dir.Path, "audit.html")));

        var en = CliRunner.InProcess("report", json, "--lang", "en", "--xlsx", Path.Combine(dir.Path, "en.xlsx"), "--html", Path.Combine(dir.Path, "en.html"));
        Assert.True(en.ExitCode == 1, en.Stderr);
        var line = $"results file r.json (SHA-256 {sha}): seal r.json.seal verified, the hash matches, not signed";
        Assert.Equal(line, C1(Path.Combine(dir.Path, "en.xlsx"), "C.1 Report information", "Rendered from"));
        Assert.Equal("Rendered from " + line, HtmlSource(Path.Combine(dir.Path, "en.html")));
        Assert.Contains("Rendered from: " + line, en.Stdout);
        Assert.DoesNotContain("warning", en.Stderr);
    }

    [Fact]
    public void Reports_from_an_unsealed_copy_say_no_seal_was_found_and_the_warning_survives_quiet()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        var copy = Path.Combine(dir.Path, "copy.json");
        File.Copy(json, copy);
        var run = CliRunner.InProcess("-q", "report", copy, "--lang", "en", "--xlsx", Path.Combine(dir.Path, "copy.xlsx"), "--html", Path.Combine(dir.Path, "copy.html"));
        Assert.True(run.ExitCode == 1, run.Stderr);
        Assert.Contains("copy.json: not sealed (no copy.json.seal beside it)", run.Stderr);
        var line = $"results file copy.json (SHA-256 {Sha256sum(copy)}): no seal found (no copy.json.seal beside it); nothing shows it is the file iq wrote";
        Assert.Equal(line, C1(Path.Combine(dir.Path, "copy.xlsx"), "C.1 Report information", "Rendered from"));
        Assert.Equal("Rendered from " + line, HtmlSource(Path.Combine(dir.Path, "copy.html")));
        Assert.Contains("unverified", File.ReadAllText(Path.Combine(dir.Path, "copy.html")));

        var zh = CliRunner.InProcess("report", copy, "--lang", "zh", "--xlsx", Path.Combine(dir.Path, "zh.xlsx"));
        Assert.Equal($"结果文件 copy.json（SHA-256 {Sha256sum(copy)}）：未找到封签（旁边没有 copy.json.seal），无从表明它就是 iq 写出的文件",
            C1(Path.Combine(dir.Path, "zh.xlsx"), "C.1 基本信息", "报告依据"));
        Assert.Contains("copy.json：未加封签", zh.Stderr);
    }

    /// <summary>Which facts of a row are guards (<c>"guard": true</c>) decides whether the row counts as declared only, and
    /// iq report reads the flags as written. An edit of the flags must agree with the rows' <c>declared_only</c> and the
    /// file's declared-only counts, or the file is refused at the member that disagrees (before: the counts were not
    /// checked, and the report showed 76 rows declared only beside a file that says 34). An edit that agrees everywhere
    /// is caught by the seal (exit 2, naming the file); with no seal beside it, it is rendered with counts that follow
    /// the edit, and every report says the file is unsealed (docs/trust.md).</summary>
    [Fact]
    public void Guard_flags_edited_in_a_results_file_are_refused_unless_unsealed_and_then_reported_as_unsealed()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        var original = CliRunner.InProcess("report", json, "--lang", "en", "--html", Path.Combine(dir.Path, "original.html"));
        Assert.True(original.ExitCode == 1, original.Stderr);
        // Every fact not declared marked a guard, each row's flag set by the rule docs/trust.md states (the compared facts
        // all declared; a row that compares nothing but guards, judged on all): a row comparing a measured figure with the
        // plan's minimum now compares the plan's word alone.
        var doc = JsonNode.Parse(File.ReadAllText(json))!;
        var flipped = 0;
        foreach (var item in doc["items"]!.AsArray())
        {
            if (item!["provenance"] is not JsonObject provenance || provenance["facts"] is not JsonArray facts) continue;
            foreach (var fact in facts)
                if (fact!["provenance"]!.GetValue<string>() != "declared" && fact["guard"]?.GetValue<bool>() != true)
                {
                    fact["guard"] = true;
                    flipped++;
                }
            var compared = facts.Where(f => f!["guard"]?.GetValue<bool>() != true).ToList();
            provenance["declared_only"] = item["method"]!.GetValue<string>() == "automatic" && (compared.Count > 0
                    ? compared.All(f => f!["provenance"]!.GetValue<string>() == "declared")
                    : provenance["kinds"]!.AsArray().Count > 0 && provenance["kinds"]!.AsArray().All(k => k!.GetValue<string>() == "declared"));
        }
        Assert.True(flipped > 0);
        var copy = Path.Combine(dir.Path, "copy.json");
        File.WriteAllText(copy, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var stale = CliRunner.InProcess("report", copy, "--lang", "en", "--html", Path.Combine(dir.Path, "stale.html"));
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("at $.declared_only.pass", stale.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "stale.html")));

        // The counts made to agree with the rows as well: only the seal tells the edit.
        var items = doc["items"]!.AsArray().Where(i => i!["provenance"]?["declared_only"]?.GetValue<bool>() == true).ToList();
        foreach (var outcome in doc["declared_only"]!.AsObject().Select(p => p.Key).ToList())
            doc["declared_only"]![outcome] = items.Count(i => i!["outcome"]!.GetValue<string>() == outcome);
        var edited = doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(json, edited);
        var refused = CliRunner.InProcess("report", json, "--lang", "en", "--html", Path.Combine(dir.Path, "edited.html"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("r.json: its seal does not hold", refused.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "edited.html")));

        File.WriteAllText(copy, edited);
        var rendered = CliRunner.InProcess("report", copy, "--lang", "en", "--html", Path.Combine(dir.Path, "copy.html"));
        Assert.True(rendered.ExitCode == 1, rendered.Stderr);
        static string DeclaredOnly(string html) =>
            System.Text.RegularExpressions.Regex.Match(File.ReadAllText(html), "Declared only:</b> (\\d+)").Groups[1].Value;
        var before = DeclaredOnly(Path.Combine(dir.Path, "original.html"));
        var after = DeclaredOnly(Path.Combine(dir.Path, "copy.html"));
        Assert.NotEqual("", before);
        Assert.NotEqual(before, after);
        Assert.Contains($"results file copy.json (SHA-256 {Sha256sum(copy)}): no seal found (no copy.json.seal beside it); nothing shows it is the file iq wrote", rendered.Stdout);
        Assert.Contains("copy.json: not sealed (no copy.json.seal beside it)", rendered.Stderr);
        Assert.Contains("no seal found", HtmlSource(Path.Combine(dir.Path, "copy.html")));
    }

    [Fact]
    public void Iq_report_seals_what_it_writes_as_the_audit_does_and_names_the_results_signing_key()
    {
        var openssl = Oracles.Which("openssl");
        Oracles.Require(openssl is not null, "openssl (Debian package openssl)");
        using var dir = new TempDir();
        string P(string name) => Path.Combine(dir.Path, name);
        Assert.Equal(0, Oracles.Run(openssl!, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("lab.key")]).Exit);
        Assert.Equal(0, Oracles.Run(openssl!, ["pkey", "-in", P("lab.key"), "-pubout", "-out", P("lab.pub")]).Exit);
        Assert.Equal(0, Oracles.Run(openssl!, ["pkey", "-pubin", "-in", P("lab.pub"), "-outform", "DER", "-out", P("lab.der")]).Exit);
        var keyId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(P("lab.der"))));
        var json = Audit(dir, "--sign-key", P("lab.key"));

        var outDir = P("again");
        Directory.CreateDirectory(outDir);
        var run = CliRunner.InProcess("report", json, "--lang", "en", "--sign-key", P("lab.key"),
            "--xlsx", Path.Combine(outDir, "card.xlsx"), "--html", Path.Combine(outDir, "report.html"), "--junit", Path.Combine(outDir, "junit.xml"));
        Assert.True(run.ExitCode == 1, run.Stderr);
        foreach (var f in new[] { "card.xlsx", "report.html", "junit.xml" })
        {
            using var seal = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, f + ".seal")));
            Assert.Equal("iq.seal/1", seal.RootElement.GetProperty("seal").GetString());
            Assert.Equal(Sha256sum(Path.Combine(outDir, f)), seal.RootElement.GetProperty("sha256").GetString());
            Assert.Equal(keyId, seal.RootElement.GetProperty("signature").GetProperty("key_id").GetString());
        }
        var verify = CliRunner.InProcess("verify", outDir, "--trust-key", P("lab.pub"));
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Equal($"results file r.json (SHA-256 {Sha256sum(json)}): seal r.json.seal verified, the hash matches; signed by key {keyId} (signature not checked)",
            C1(Path.Combine(outDir, "card.xlsx"), "C.1 Report information", "Rendered from"));
    }

    /// <summary>Fresh eyes 8, F-C1/F-C1b: a results file edited and resealed hash-only rendered as the lab's, and
    /// <c>iq report</c>/<c>iq diff</c> took no <c>--trust-key</c>, so a recipient could not insist on the lab's signature.
    /// With the key, the lab's signed file renders and its header says the signature was checked; a file resealed without
    /// a key, sealed with another key, or not sealed at all is refused, exit 2, nothing written (keys made by openssl).</summary>
    [Fact]
    public void Iq_report_and_diff_with_trust_key_insist_on_the_labs_signature()
    {
        var openssl = Oracles.Which("openssl");
        Oracles.Require(openssl is not null, "openssl (Debian package openssl)");
        using var dir = new TempDir();
        string P(string name) => Path.Combine(dir.Path, name);
        foreach (var k in new[] { "lab", "other" })
        {
            Assert.Equal(0, Oracles.Run(openssl!, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P(k + ".key")]).Exit);
            Assert.Equal(0, Oracles.Run(openssl!, ["pkey", "-in", P(k + ".key"), "-pubout", "-out", P(k + ".pub")]).Exit);
        }
        Assert.Equal(0, Oracles.Run(openssl!, ["pkey", "-pubin", "-in", P("lab.pub"), "-outform", "DER", "-out", P("lab.der")]).Exit);
        var keyId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(P("lab.der"))));
        var json = Audit(dir, "--sign-key", P("lab.key"));

        var ok = CliRunner.InProcess("report", json, "--lang", "en", "--trust-key", P("lab.pub"), "--xlsx", P("ok.xlsx"));
        Assert.True(ok.ExitCode == 1, ok.Stderr);
        Assert.Equal($"results file r.json (SHA-256 {Sha256sum(json)}): seal r.json.seal verified, the hash matches; signed by key {keyId}, the signature verified with the key given by --trust-key",
            C1(P("ok.xlsx"), "C.1 Report information", "Rendered from"));

        // The same bytes resealed by anyone (no key), sealed with another key, and with no seal at all.
        foreach (var (name, key) in new[] { ("hash.json", (string?)null), ("other.json", P("other.key")), ("bare.json", "-") })
        {
            File.Copy(json, P(name));
            if (key != "-")
            {
                var seal = CliRunner.InProcess(key is null ? ["seal", P(name)] : ["seal", P(name), "--sign-key", key]);
                Assert.True(seal.ExitCode == 0, seal.Stderr);
            }
            var html = P(name + ".html");
            var run = CliRunner.InProcess("report", P(name), "--lang", "en", "--trust-key", P("lab.pub"), "--html", html);
            Assert.True(run.ExitCode == 2, $"{name}: exit {run.ExitCode}\n{run.Stderr}");
            Assert.Contains($"{P(name)}: its seal is not signed by a key given with --trust-key", run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.False(File.Exists(html), $"{name}: a report was written");
            var diff = CliRunner.InProcess("diff", json, P(name), "--trust-key", P("lab.pub"));
            Assert.True(diff.ExitCode == 2, $"{name}: diff exit {diff.ExitCode}\n{diff.Stderr}");
            Assert.Contains("not signed by a key given with --trust-key", diff.Stderr);
        }
        // Without --trust-key the signed seal is named, and said to be unchecked: it does not read like a checked one.
        var plain = CliRunner.InProcess("report", json, "--lang", "en", "--xlsx", P("plain.xlsx"));
        Assert.True(plain.ExitCode == 1, plain.Stderr);
        Assert.EndsWith("(signature not checked)", C1(P("plain.xlsx"), "C.1 Report information", "Rendered from"));
    }

    /// <summary>Fresh eyes 3, #2: an exported results file edited ("actual" 128 → 4) and its seal deleted rendered into a
    /// report that iq sealed, and iq verify then said "ok … sealed by iq". The report's seal records its source and how it
    /// was checked; verify names it and does not say ok for a report rendered from a file nothing showed was iq's.</summary>
    [Fact]
    public void A_report_rendered_from_an_unsealed_results_file_is_not_ok_to_iq_verify()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        var tam = Path.Combine(dir.Path, "tam");
        Directory.CreateDirectory(tam);
        var edited = Path.Combine(tam, "a.json");
        File.WriteAllText(edited, File.ReadAllText(json).Replace("\"actual\": \"16 GiB\"", "\"actual\": \"4 GiB\""));
        Assert.NotEqual(Sha256sum(json), Sha256sum(edited));
        var html = Path.Combine(tam, "t3.html");
        var run = CliRunner.InProcess("report", edited, "--lang", "en", "--html", html);
        Assert.True(run.ExitCode == 1, run.Stderr);
        using (var seal = JsonDocument.Parse(File.ReadAllBytes(html + ".seal")))
        {
            var from = seal.RootElement.GetProperty("rendered_from");
            Assert.Equal(("a.json", Sha256sum(edited), "no_seal"),
                (from.GetProperty("file").GetString(), from.GetProperty("sha256").GetString(), from.GetProperty("check").GetString()));
        }
        var verify = CliRunner.InProcess("verify", tam, "--lang", "en");
        Assert.True(verify.ExitCode == 1, verify.Stdout + verify.Stderr);
        var line = verify.Stdout.Split('\n').Single(l => l.Contains("t3.html ", StringComparison.Ordinal));
        Assert.StartsWith("unvouched", line);
        Assert.Contains($"rendered from a.json (SHA-256 {Sha256sum(edited)[..12]}…): no seal beside it", line);
        Assert.DoesNotContain("ok ", line[..10]);

        // From the sealed results file the audit wrote: ok, and the source is named as checked.
        var good = Path.Combine(dir.Path, "good");
        Directory.CreateDirectory(good);
        Assert.Equal(1, CliRunner.InProcess("report", json, "--lang", "en", "--html", Path.Combine(good, "r.html")).ExitCode);
        var ok = CliRunner.InProcess("verify", good, "--lang", "en");
        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
        Assert.Contains("rendered from r.json (SHA-256 ", ok.Stdout);
        Assert.Contains("its seal held", ok.Stdout);
        // The audit's own reports: rendered from the results it wrote; the results file's own seal names no source.
        var own = CliRunner.InProcess("verify", dir.Path, "--lang", "en");
        Assert.Contains("r.json.seal", string.Join(",", Directory.GetFiles(dir.Path).Select(Path.GetFileName)));
        using (var jsonSeal = JsonDocument.Parse(File.ReadAllBytes(json + ".seal")))
            Assert.False(jsonSeal.RootElement.TryGetProperty("rendered_from", out _));
        using (var htmlSeal = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "audit.html.seal"))))
            Assert.Equal("sealed", htmlSeal.RootElement.GetProperty("rendered_from").GetProperty("check").GetString());
        Assert.DoesNotContain("unvouched", own.Stdout[..own.Stdout.IndexOf("tam", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Diff_says_what_each_side_rests_on()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        var copy = Path.Combine(dir.Path, "copy.json");
        File.Copy(json, copy);
        var run = CliRunner.InProcess("--lang", "en", "diff", json, copy);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var sha = Sha256sum(json);
        var lines = run.Stdout.TrimEnd('\n').Split('\n')[^2..];
        Assert.Equal($"earlier ({json}): Rendered from: results file r.json (SHA-256 {sha}): seal r.json.seal verified, the hash matches, not signed", lines[0]);
        Assert.Equal($"later ({copy}): Rendered from: results file copy.json (SHA-256 {sha}): no seal found (no copy.json.seal beside it); nothing shows it is the file iq wrote", lines[1]);
    }

    /// <summary>Two audits kept as a/results.json and b/results.json: before, both lines read "results file results.json" and
    /// nothing told which side was which; each now names its side and the path as given (relative, as typed).</summary>
    [Fact]
    public void Diff_of_two_files_of_one_name_tells_the_sides_apart_by_the_path_given()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        foreach (var side in new[] { "c1", "f1" })
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, side));
            File.Copy(json, Path.Combine(dir.Path, side, "results.json"));
        }
        // Relative paths, as a lab types them.
        var c1 = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(dir.Path, "c1", "results.json"));
        var f1 = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(dir.Path, "f1", "results.json"));
        var run = CliRunner.InProcess("--lang", "en", "diff", c1, f1);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.TrimEnd('\n').Split('\n')[^2..];
        Assert.StartsWith($"earlier ({c1}): Rendered from: results file results.json ", lines[0]);
        Assert.StartsWith($"later ({f1}): Rendered from: results file results.json ", lines[1]);
        var zh = CliRunner.InProcess("--lang", "zh", "diff", c1, f1);
        Assert.Contains($"较早（{c1}）：", zh.Stdout);
        Assert.Contains($"较晚（{f1}）：", zh.Stdout);
    }

    [Fact]
    public void A_report_from_an_archive_says_its_manifest_is_unsealed()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        var zip = Path.Combine(dir.Path, "audit.zip");
        Assert.Equal(0, CliRunner.InProcess("archive", json, "-o", zip).ExitCode);
        var xlsx = Path.Combine(dir.Path, "z.xlsx");
        var run = CliRunner.InProcess("report", zip, "--lang", "en", "--xlsx", xlsx);
        Assert.Equal(1, run.ExitCode);
        var said = $"results.json in the archive audit.zip (SHA-256 {Sha256sum(json)}): the hashes match the archive's manifest, which is unsealed; nothing shows the archive is the one iq wrote";
        Assert.Equal(said, C1(xlsx, "C.1 Report information", "Rendered from"));
        Assert.Contains(said, run.Stderr);
        // iq verify agrees with the report's header: the report's seal holds, but nothing shows its source is iq's.
        var verify = CliRunner.InProcess("verify", xlsx, "--lang", "en");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("matches an audit archive's manifest, which is unsealed", verify.Stdout);
        Assert.Contains("unvouched", verify.Stdout);
    }

    /// <summary>The manifest is inside the zip and unsigned: results edited in the archive, with the manifest's hash
    /// recomputed (as anyone can), match it. So neither iq report nor iq archive --verify may say more than that.</summary>
    [Fact]
    public void An_archive_whose_results_and_manifest_were_both_edited_is_not_called_verified()
    {
        using var dir = new TempDir();
        var json = Audit(dir);
        var zip = Path.Combine(dir.Path, "audit.zip");
        Assert.Equal(0, CliRunner.InProcess("archive", json, "-o", zip).ExitCode);
        var edited = Path.Combine(dir.Path, "edited.zip");
        using (var source = System.IO.Compression.ZipFile.OpenRead(zip))
        using (var target = System.IO.Compression.ZipFile.Open(edited, System.IO.Compression.ZipArchiveMode.Create))
        {
            var entries = source.Entries.ToDictionary(e => e.FullName, e => { using var s = e.Open(); using var m = new MemoryStream(); s.CopyTo(m); return m.ToArray(); });
            // Other bytes, the same JSON: what an edit would leave for iq to find, less any edit iq could tell from the rows.
            byte[] results = [.. entries["results.json"], .. " \n"u8];
            var manifest = JsonNode.Parse(entries["manifest.json"])!;
            foreach (var f in manifest["files"]!.AsArray())
                if ((string)f!["path"]! == "results.json")
                {
                    f["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(results));
                    f["bytes"] = results.Length;
                }
            entries["results.json"] = results;
            entries["manifest.json"] = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
            foreach (var e in source.Entries)
            {
                using var s = target.CreateEntry(e.FullName).Open();
                s.Write(entries[e.FullName]);
            }
        }
        var verify = CliRunner.InProcess("archive", "--verify", edited, "--lang", "en");
        Assert.Equal(0, verify.ExitCode); // the manifest agrees with the edited files: nothing iq can find
        Assert.DoesNotContain("every hash as recorded", verify.Stdout);
        Assert.Contains("the manifest is unsealed", verify.Stdout);
        var xlsx = Path.Combine(dir.Path, "e.xlsx");
        var report = CliRunner.InProcess("report", edited, "--lang", "en", "--xlsx", xlsx);
        Assert.DoesNotContain("verified against", report.Stdout + report.Stderr);
        Assert.Contains("which is unsealed; nothing shows the archive is the one iq wrote", C1(xlsx, "C.1 Report information", "Rendered from"));
    }
}
