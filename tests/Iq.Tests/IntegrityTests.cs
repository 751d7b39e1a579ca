using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CsCheck;
using Iq.Engine.Evidence;
using Iq.Engine.Evidence.Integrity;

namespace Iq.Tests;

/// <summary>iq manifest --root against SBOMs from real generators (tests/Iq.Tests/Cases/sbom/README.md): every file given
/// a hash is hashed and compared, in every format; what could not be verified is an error, never a pass.</summary>
public class IntegrityTests
{
    static string Sbom(params string[] parts) => Path.Combine([TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "sbom", .. parts]);
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    const string Tampered = "src/index.js", Deleted = "node_modules/ms/index.js";

    static string CopyProject(TempDir dir, bool tamper)
    {
        var root = Path.Combine(dir.Path, "root");
        foreach (var f in Directory.GetFiles(Sbom("project"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(Sbom("project"), f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        if (tamper)
        {
            File.AppendAllText(Path.Combine(root, Tampered), "\nrequire('child_process').exec(process.env.X);\n");
            File.Delete(Path.Combine(root, Deleted));
        }
        return root;
    }

    /// <summary>iq manifest into a copy of the compliant sample bundle, then the audit: the results' items by id.</summary>
    static Dictionary<string, JsonElement> AuditWith(TempDir dir, string sbom, string root)
    {
        var bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Checklists, "samples", "compliant"), "*.json*"))
            File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        var made = CliRunner.InProcess("manifest", Sbom(sbom), "--root", root, "--ignore", "node_modules/.package-lock.json", "--out", bundle);
        Assert.True(made.ExitCode == 0, made.Stderr);
        var json = Path.Combine(dir.Path, "results.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", TestClock.AsOfFor(bundle));
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        return doc.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.Clone());
    }

    public static TheoryData<string> FileLevel =>
    [
        "file-level/bom-1.6.cdx.json", "file-level/bom-1.7.cdx.json", "file-level/bom-1.4.cdx.json", "file-level/bom-1.5.cdx.json",
        "file-level/bom-1.6.cdx.xml", "file-level/bom-1.7.cdx.xml", "file-level/bom-1.4.cdx.xml",
        "file-level/bom-1.6-occurrences.cdx.json", "file-level/npm-sbom-files.spdx.json", "file-level/npm-sbom-files-2.2.spdx.json",
        "file-level/npm-sbom-files.spdx",
    ];

    [Theory]
    [MemberData(nameof(FileLevel))]
    public void A_tampered_and_a_deleted_file_fail_the_integrity_items_naming_both(string sbom)
    {
        using var dir = new TempDir();
        var items = AuditWith(dir, sbom, CopyProject(dir, tamper: true));
        var integrity = items["6.2.2f.integrity"];
        Assert.Equal("fail", integrity.GetProperty("outcome").GetString());
        var evidence = integrity.GetProperty("evidence").GetRawText();
        Assert.Contains(Tampered, evidence);
        Assert.Contains(Deleted, evidence);
        // 5.5.1 a): the package's own files (src/index.js) and ms 0.7.3 (its index.js) fail, naming the file; the rest pass.
        var components = items.Where(i => i.Key.StartsWith("5.5.1a.components", StringComparison.Ordinal)).Select(i => i.Value).ToList();
        Assert.Equal(6, components.Count);
        var failed = components.Where(c => c.GetProperty("outcome").GetString() == "fail").ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains(failed, c => c.GetProperty("fix").GetString()!.Contains(Tampered) && c.GetProperty("evidence")[0].GetProperty("actual").GetString() == "\"changed\"");
        Assert.Contains(failed, c => c.GetProperty("fix").GetString()!.Contains(Deleted) && c.GetProperty("evidence")[0].GetProperty("actual").GetString() == "\"missing\"");
        // The advice fits the case: a changed file is replaced from the package, a missing one reinstalled (nothing to replace).
        Assert.Contains(failed, c => c.GetProperty("fix").GetString()!.StartsWith("以安装包中的 ", StringComparison.Ordinal) && c.GetProperty("fix").GetString()!.EndsWith(" 替换现场文件 " + Tampered, StringComparison.Ordinal));
        Assert.Contains(failed, c => c.GetProperty("fix").GetString() is { } fix && fix.StartsWith("现场缺少文件 " + Deleted + "：以安装包重新安装 ", StringComparison.Ordinal));
        Assert.All(components.Except(failed), c => Assert.Equal("pass", c.GetProperty("outcome").GetString()));
    }

    [Theory]
    [InlineData("file-level/bom-1.7.cdx.json")]
    [InlineData("file-level/bom-1.6.cdx.xml")]
    [InlineData("file-level/npm-sbom-files.spdx")]
    public void An_untouched_installation_passes_integrity(string sbom)
    {
        using var dir = new TempDir();
        var items = AuditWith(dir, sbom, CopyProject(dir, tamper: false));
        Assert.Equal("pass", items["6.2.2f.integrity"].GetProperty("outcome").GetString());
        Assert.All(items.Where(i => i.Key.StartsWith("5.5.1a.components", StringComparison.Ordinal)), i => Assert.Equal("pass", i.Value.GetProperty("outcome").GetString()));
        // A generator's SBOM read by iq manifest is imported: the rows that require measured or imported evidence of the
        // manifest (6.6.1 d) e), 5.5.1) take it, whatever they find in it.
        Assert.All(items.Where(i => i.Key.StartsWith("6.6.1d.", StringComparison.Ordinal) || i.Key.StartsWith("6.6.1e.", StringComparison.Ordinal)
                                    || i.Key.StartsWith("5.5.1", StringComparison.Ordinal) && i.Value.GetProperty("method").GetString() == "automatic"),
            i => Assert.True(i.Value.GetProperty("reason").ValueKind != JsonValueKind.Object
                             || i.Value.GetProperty("reason").GetProperty("kind").GetString() != "provenance_not_met", i.Key + ": " + i.Value.GetProperty("message")));
    }

    public static TheoryData<string> NoFileHashes =>
    [
        "generated/cyclonedx-npm-1.4.cdx.json", "generated/cyclonedx-npm-1.5.cdx.xml", "generated/cyclonedx-npm-1.6.cdx.json",
        "generated/cyclonedx-npm-1.7.cdx.json", "generated/cyclonedx-npm-1.7.cdx.xml", "generated/npm-sbom.spdx.json", "generated/npm-sbom.cdx.json",
    ];

    [Theory]
    [MemberData(nameof(NoFileHashes))]
    public void An_sbom_without_file_hashes_never_passes_integrity(string sbom)
    {
        using var dir = new TempDir();
        var items = AuditWith(dir, sbom, CopyProject(dir, tamper: false));
        var integrity = items["6.2.2f.integrity"];
        Assert.Equal("error", integrity.GetProperty("outcome").GetString());
        Assert.Contains("the manifest lists no hashes for files", integrity.GetProperty("message").GetString());
        Assert.All(items.Where(i => i.Key.StartsWith("5.5.1a.components", StringComparison.Ordinal)), i => Assert.Equal("error", i.Value.GetProperty("outcome").GetString()));
        // No hash to check with: the advice is to check against a manifest with hashes, never to replace a file it cannot name
        // (it read "以安装包中的 debug 替换现场文件 missing").
        Assert.All(items.Where(i => i.Key.StartsWith("5.5.1a.components", StringComparison.Ordinal)), i =>
        {
            var fix = i.Value.GetProperty("fix").GetString()!;
            Assert.Contains("SHA-256", fix);
            Assert.DoesNotContain("替换", fix);
            Assert.DoesNotContain("missing", fix);
            Assert.DoesNotContain("缺失", fix);
        });
    }

    [Fact]
    public void Only_sha1_from_reuse_is_weak_never_enough_but_a_mismatch_still_counts()
    {
        using var dir = new TempDir();
        var clean = AuditWith(dir, "generated/reuse.spdx", CopyProject(dir, tamper: false))["6.2.2f.integrity"];
        Assert.Equal("error", clean.GetProperty("outcome").GetString());
        Assert.Contains("only weak hashes (SHA-1, MD5) were given: not enough alone", clean.GetProperty("message").GetString());
        using var dir2 = new TempDir();
        var tampered = AuditWith(dir2, "generated/reuse.spdx", CopyProject(dir2, tamper: true))["6.2.2f.integrity"];
        Assert.Equal("fail", tampered.GetProperty("outcome").GetString());
        Assert.Contains(Tampered, tampered.GetProperty("evidence").GetRawText());
        Assert.Contains(Deleted, tampered.GetProperty("evidence").GetRawText());
    }

    [Fact]
    public void Without_a_root_nothing_is_verified_and_integrity_is_an_error()
    {
        var facts = ManifestReader.Read(Sbom("file-level", "bom-1.6.cdx.json"), null, null);
        Assert.Equal("iq manifest ran without --root: no file was hashed", (string)facts["files_verified"]!["$absent"]!);
        Assert.Equal(33, (long)facts["files_listed"]!);
    }

    /// <summary>Components counted independently of the reader: every component object at any depth of the JSON or XML.</summary>
    static List<string> Independent(string file)
    {
        if (file.EndsWith(".xml", StringComparison.Ordinal))
            return XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "component" && e.Parent?.Name.LocalName == "components"
                    && !e.Ancestors().Any(a => a.Name.LocalName is "tools" or "metadata"))
                .Select(e => $"{e.Elements().First(x => x.Name.LocalName == "name").Value}@{e.Elements().FirstOrDefault(x => x.Name.LocalName == "version")?.Value}").ToList();
        var names = new List<string>();
        void Walk(JsonNode? list)
        {
            foreach (var c in list?.AsArray() ?? [])
            {
                names.Add($"{c!["name"]}@{c["version"]}");
                Walk(c["components"]);
            }
        }
        Walk(JsonNode.Parse(File.ReadAllText(file))!["components"]);
        return names;
    }

    [Theory]
    [InlineData("1.4", "json")] [InlineData("1.5", "json")] [InlineData("1.6", "json")] [InlineData("1.7", "json")]
    [InlineData("1.4", "xml")] [InlineData("1.5", "xml")] [InlineData("1.6", "xml")] [InlineData("1.7", "xml")]
    public void Cyclonedx_npm_sboms_lose_no_nested_component(string spec, string format)
    {
        var file = Sbom("generated", $"cyclonedx-npm-{spec}.cdx.{format}");
        var facts = ManifestReader.Read(file, null, null);
        Assert.Equal(spec, (string)facts["format_version"]!);
        var read = facts["components"]!.AsArray().Select(c => $"{c!["name"]}@{c["version"]}").Order().ToList();
        Assert.Equal(Independent(file).Order().ToList(), read);
        Assert.Equal(["debug@4.3.4", "is-number@7.0.0", "left-pad@1.3.0", "ms@0.7.3", "ms@2.1.2"], read);
        Assert.All(facts["components"]!.AsArray(), c => Assert.Equal("npm", (string)c!["source"]!));
    }

    [SkippableFact]
    public void Paths_leaving_the_root_are_rejected_and_links_inside_it_followed()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(dir.Path, "outside.txt"), "secret");
        File.WriteAllText(Path.Combine(root, "inside.txt"), "hello");
        File.CreateSymbolicLink(Path.Combine(root, "link-out"), Path.Combine(dir.Path, "outside.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "link-in"), "inside.txt");
        Directory.CreateSymbolicLink(Path.Combine(root, "dir-out"), dir.Path);
        string Sha(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        FileDigest D(string path, string text) => new(path, "SHA-256", Sha(text), path);
        var report = IntegrityCheck.Verify(root, [D("../outside.txt", "secret"), D("/etc/hostname", "x"), D("link-out", "secret"),
            D("dir-out/outside.txt", "secret"), D("link-in", "hello"), D("./inside.txt", "hello"), D("C:/windows/win.ini", "x")]);
        Assert.Equal(["../outside.txt", "/etc/hostname", "C:/windows/win.ini", "dir-out/outside.txt", "link-out"], report.In(FileState.Rejected).Order(StringComparer.Ordinal));
        Assert.Equal(["inside.txt", "link-in"], report.In(FileState.Verified).Order(StringComparer.Ordinal));
        Assert.Equal(["dir-out"], report.Extra); // a link present on disk, not listed: reported, never walked into
    }

    [Fact]
    public void Weak_hashes_alone_do_not_verify_and_unknown_algorithms_verify_nothing()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "a"), "a");
        File.WriteAllText(Path.Combine(dir.Path, "b"), "b");
        var report = IntegrityCheck.Verify(dir.Path, [
            new FileDigest("a", "SHA-1", "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", ""), new FileDigest("a", "MD5", "0cc175b9c0f1b6a831c399e269772661", ""),
            new FileDigest("b", "BLAKE3", "00", "")]);
        Assert.Equal(FileState.WeakOnly, report.Files.Single(f => f.Path == "a").State);
        Assert.Equal(FileState.Unverifiable, report.Files.Single(f => f.Path == "b").State);
        Assert.Equal("only weak hashes (SHA-1, MD5) were given: not enough alone", report.NothingVerified?.ToString());
    }

    [Theory]
    [InlineData("bad.cdx.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n \"metadata\": {\"component\": {\"name\": \"x\"}},\n \"components\": [{\"type\": \"file\", \"name\": \"a\", \"hashes\": [{\"alg\": 7}]}]}",
        ":3:66: expected a string at $.components[0].hashes[0].alg")]
    [InlineData("old.cdx.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.3\"}", ":1:43: CycloneDX 1.3 is not supported (1.4–1.7) at $.specVersion")]
    [InlineData("trunc.cdx.json", "{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": ", ":2:17: malformed JSON:")]
    // A UTF-8 byte-order mark (Windows tools write one) is not a character of the document: lines and columns count after it.
    [InlineData("bom-trunc.cdx.json", "\uFEFF{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": ", ":2:17: malformed JSON:")]
    [InlineData("bom-line1.cdx.json", "\uFEFF{\"bomFormat\": \"CycloneDX\", \"specVersion\": }", ":1:43: malformed JSON:")]
    [InlineData("dtd.cdx.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY a \"aaaa\">]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>", ":2:1: not a CycloneDX XML document: holds a DTD (refused, against entity expansion and external entities) (XML says: For security reasons DTD is prohibited in this XML document)")]
    [InlineData("nons.cdx.xml", "<bom><metadata/></bom>", ":1:2: not a CycloneDX document")]
    [InlineData("nohash.cdx.xml", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><metadata><component type=\"application\"><name>x</name></component></metadata>\n<components><component type=\"file\"><name>a</name><hashes><hash>00</hash></hashes></component></components></bom>",
        ":2:59: a <hash> needs alg=\"…\"")]
    [InlineData("bad.spdx", "SPDXVersion: SPDX-2.3\nFileName: ./a\nFileChecksum: SHA256\n", ":3: a checksum is \"ALGORITHM: value\", got \"SHA256\"")]
    [InlineData("bad2.spdx", "SPDXVersion: SPDX-2.3\nPackageName: x\nPackageDescription: <text>never closed\n", ":3: <text> of PackageDescription is never closed by </text>")]
    [InlineData("old.spdx", "SPDXVersion: SPDX-1.2\n", ":1: SPDX-1.2 is not supported (SPDX-2.1 to SPDX-2.3)")]
    [InlineData("junk.txt", "hello\n", ":1:1: not a manifest: expected JSON, CycloneDX XML or SPDX tag-value (SPDXVersion: …)")]
    public void Bad_input_is_refused_naming_the_file_and_place_with_exit_2(string name, string content, string expected)
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, name);
        File.WriteAllText(file, content);
        var run = CliRunner.InProcess("manifest", file, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"iq: error IQ4007: {file}{expected}", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")) && Directory.EnumerateFiles(Path.Combine(dir.Path, "out")).Any(), "nothing is written");
    }

    public static TheoryData<string> JsonSboms =>
    [
        "generated/cyclonedx-npm-1.4.cdx.json", "generated/cyclonedx-npm-1.6.cdx.json", "generated/cyclonedx-npm-1.7.cdx.json",
        "generated/npm-sbom.cdx.json", "generated/npm-sbom.spdx.json", "file-level/bom-1.6.cdx.json", "file-level/npm-sbom-files.spdx.json",
    ];

    /// <summary>A real generator's JSON SBOM with a UTF-8 byte-order mark put in front (as Windows tools write them) gives
    /// the facts it gives without one, files hashed under --root included.</summary>
    [Theory]
    [MemberData(nameof(JsonSboms))]
    public void A_json_sbom_with_a_byte_order_mark_gives_the_same_facts_as_without(string sbom)
    {
        using var dir = new TempDir();
        var root = CopyProject(dir, tamper: true);
        var name = Path.GetFileName(sbom);
        var plain = Path.Combine(dir.Path, "plain", name);
        var marked = Path.Combine(dir.Path, "marked", name);
        Directory.CreateDirectory(Path.GetDirectoryName(plain)!);
        Directory.CreateDirectory(Path.GetDirectoryName(marked)!);
        var bytes = File.ReadAllBytes(Sbom(sbom));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{sbom} already starts with a byte-order mark");
        File.WriteAllBytes(plain, bytes);
        File.WriteAllBytes(marked, [.. Encoding.UTF8.Preamble, .. bytes]);
        var expected = ManifestReader.Read(plain, root, null).ToJsonString();
        Assert.Equal(expected, ManifestReader.Read(marked, root, null).ToJsonString());
        Assert.Contains("\"components\"", expected);
    }

    static readonly byte[][] Seeds =
    [
        File.ReadAllBytes(Sbom("file-level", "bom-1.6.cdx.json")), File.ReadAllBytes(Sbom("file-level", "bom-1.7.cdx.xml")),
        File.ReadAllBytes(Sbom("file-level", "npm-sbom-files.spdx.json")), File.ReadAllBytes(Sbom("file-level", "npm-sbom-files.spdx")),
        File.ReadAllBytes(Sbom("generated", "cyclonedx-npm-1.6.cdx.xml")),
        // As Windows tools write them: a UTF-8 byte-order mark first.
        [.. Encoding.UTF8.Preamble, .. File.ReadAllBytes(Sbom("generated", "npm-sbom.spdx.json"))],
        [.. Encoding.UTF8.Preamble, .. File.ReadAllBytes(Sbom("generated", "cyclonedx-npm-1.7.cdx.json"))],
    ];

    /// <summary>Any bytes, and any mutation of a real SBOM: a manifest, or an EvidenceInputException naming the file; never
    /// another exception.</summary>
    [Fact]
    public void Any_input_gives_a_manifest_or_a_diagnostic_never_another_exception()
    {
        using var dir = new TempDir();
        var mutant = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[0, 2]).Array[1, 8], (seed, edits) =>
        {
            var bytes = Seeds[seed].ToList();
            foreach (var (at, b, kind) in edits)
            {
                var i = at % Math.Max(1, bytes.Count);
                if (kind == 0 && bytes.Count > 0) bytes[i] = b;
                else if (kind == 1) bytes.Insert(i, b);
                else if (bytes.Count > 0) bytes.RemoveRange(i, Math.Min(bytes.Count - i, 1 + b % 64));
            }
            return bytes.ToArray();
        });
        var gen = Gen.OneOf(mutant, Gen.Byte.Array[0, 400], Gen.String.Select(s => Encoding.UTF8.GetBytes("SPDXVersion: SPDX-2.3\n" + s)),
            Gen.String.Select(s => Encoding.UTF8.GetBytes("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"," + s)));
        var file = Path.Combine(dir.Path, "m.json");
        gen.Sample(bytes =>
        {
            File.WriteAllBytes(file, bytes);
            try { ManifestReader.Read(file, null, null); return true; }
            catch (EvidenceInputException e) { return e.Message.StartsWith(file, StringComparison.Ordinal); }
        }, iter: 600, threads: 1);
    }

    /// <summary>Any mutation of a real JSON SBOM reads the same with a UTF-8 byte-order mark in front: the same facts, or
    /// refused both ways (with the same line and column unless the bytes are not UTF-8, whose offset counts the mark).</summary>
    [Fact]
    public void A_byte_order_mark_changes_nothing_a_json_sbom_says()
    {
        using var dir = new TempDir();
        byte[][] seeds = [File.ReadAllBytes(Sbom("file-level", "bom-1.6.cdx.json")), File.ReadAllBytes(Sbom("generated", "npm-sbom.spdx.json"))];
        var gen = Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Array[0, 4], (seed, edits) =>
        {
            var bytes = seeds[seed].ToArray();
            foreach (var (at, b) in edits) bytes[at % bytes.Length] = b;
            return bytes;
        });
        var plain = Path.Combine(dir.Path, "plain", "m.json");
        var marked = Path.Combine(dir.Path, "marked", "m.json");
        Directory.CreateDirectory(Path.GetDirectoryName(plain)!);
        Directory.CreateDirectory(Path.GetDirectoryName(marked)!);
        static string Outcome(string file)
        {
            try { return ManifestReader.Read(file, null, null).ToJsonString(); }
            catch (EvidenceInputException e) { return "refused " + e.Message.Replace(file, "m.json"); }
        }
        gen.Sample(bytes =>
        {
            File.WriteAllBytes(plain, bytes);
            File.WriteAllBytes(marked, [.. Encoding.UTF8.Preamble, .. bytes]);
            var (a, b) = (Outcome(plain), Outcome(marked));
            return a == b || (a.Contains("not UTF-8") && b.Contains("not UTF-8"));
        }, iter: 200, threads: 1);
    }
}
