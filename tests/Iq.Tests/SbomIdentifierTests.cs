using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using CsCheck;
using Iq.Engine.Evidence;

namespace Iq.Tests;

/// <summary>An SBOM's identifiers (CycloneDX bom-ref, SPDX SPDXID). The SBOMs real generators wrote
/// (tests/Iq.Tests/Cases/sbom/README.md: cyclonedx-npm, npm sbom, reuse, CycloneDX's own library) are read as they are;
/// the same SBOMs with one identifier given again, or one reference pointed at nothing, are refused naming both places.
/// CycloneDX: "Every bom-ref MUST be unique within the BOM"; a dependency's ref names "an element identified by the
/// attribute 'bom-ref' in the same BOM document". SPDX 2.3: an SPDXID "uniquely identif[ies] any element in an SPDX
/// document".</summary>
public class SbomIdentifierTests
{
    static string Sbom(params string[] parts) => Path.Combine([TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "sbom", .. parts]);

    static IEnumerable<string> Real(string pattern) =>
        new[] { "generated", "file-level" }.SelectMany(d => Directory.GetFiles(Sbom(d), pattern)).Order(StringComparer.Ordinal);

    public static TheoryData<string> RealSboms => [.. Real("*").Select(f => Path.GetRelativePath(Sbom(), f))];

    [Theory]
    [MemberData(nameof(RealSboms))]
    public void A_real_generators_sbom_is_read(string name)
    {
        var doc = ManifestReader.Parse(Sbom(name));
        Assert.True(doc.Components.Count > 0 || doc.Files.Count > 0, "a package or a file"); // reuse lists files only
    }

    /// <summary>The message for <paramref name="bytes"/> (written as <paramref name="name"/>); fails if the reader takes it.</summary>
    static string Refusal(string name, string text)
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, name);
        File.WriteAllText(file, text);
        var e = Assert.Throws<EvidenceInputException>(() => ManifestReader.Parse(file));
        Assert.StartsWith(file + ":", e.Message);
        return e.Message[file.Length..];
    }

    /// <summary>Every object of a JSON document that has <paramref name="member"/>, with its path, in document order.</summary>
    static List<(JsonObject Node, string Path)> Holders(JsonNode? n, string member, string at = "$")
    {
        var found = new List<(JsonObject, string)>();
        switch (n)
        {
            case JsonObject o:
                if (o.ContainsKey(member)) found.Add((o, at));
                foreach (var (k, v) in o) found.AddRange(Holders(v, member, $"{at}.{k}"));
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) found.AddRange(Holders(a[i], member, $"{at}[{i}]"));
                break;
        }
        return found;
    }

    static readonly string[] CdxJson = [.. Real("*.cdx.json")];
    static readonly string[] SpdxJson = [.. Real("*.spdx.json")];

    [Fact]
    public void A_bom_ref_given_again_is_refused_naming_both_paths()
    {
        var cases = Gen.Int[0, CdxJson.Length - 1].SelectMany(f =>
        {
            var n = Holders(JsonNode.Parse(File.ReadAllText(CdxJson[f])), "bom-ref").Count;
            return Gen.Select(Gen.Int[0, n - 2], Gen.Int[1, n - 1], (i, d) => (f, i, j: Math.Min(n - 1, i + d)));
        });
        cases.Sample(c =>
        {
            var doc = JsonNode.Parse(File.ReadAllText(CdxJson[c.f]))!;
            var holders = Holders(doc, "bom-ref");
            var (first, second) = (holders[c.i], holders[c.j]);
            var r = first.Node["bom-ref"]!.GetValue<string>();
            second.Node["bom-ref"] = r;
            var message = Refusal("m.cdx.json", doc.ToJsonString());
            // Both places, whichever of the two the reader met first.
            Assert.Contains($"bom-ref \"{r}\" is also given at ", message);
            Assert.Contains($" at {first.Path}.bom-ref", message);
            Assert.Contains($" at {second.Path}.bom-ref", message);
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void A_dependency_on_a_bom_ref_that_is_not_there_is_refused_at_its_path()
    {
        var cases = Gen.Int[0, CdxJson.Length - 1].SelectMany(f =>
        {
            var refs = References(JsonNode.Parse(File.ReadAllText(CdxJson[f]))!).Count;
            return Gen.Int[0, refs - 1].Select(k => (f, k));
        });
        cases.Sample(c =>
        {
            var doc = JsonNode.Parse(File.ReadAllText(CdxJson[c.f]))!;
            var (set, path) = References(doc)[c.k];
            set("pkg:npm/not-in-this-bom@0.0.0");
            var message = Refusal("m.cdx.json", doc.ToJsonString());
            Assert.EndsWith($"no element of the BOM has bom-ref \"pkg:npm/not-in-this-bom@0.0.0\" at {path}", message);
        }, iter: 60, threads: 1);

        // Each reference of dependencies[]: a way to change it, and its path.
        static List<(Action<string> Set, string Path)> References(JsonNode doc)
        {
            var list = new List<(Action<string>, string)>();
            var deps = doc["dependencies"]!.AsArray();
            for (var i = 0; i < deps.Count; i++)
            {
                var d = deps[i]!.AsObject();
                list.Add((v => d["ref"] = v, $"$.dependencies[{i}].ref"));
                if (d["dependsOn"] is JsonArray on)
                    for (var j = 0; j < on.Count; j++)
                    {
                        var (a, k) = (on, j);
                        list.Add((v => a[k] = v, $"$.dependencies[{i}].dependsOn[{j}]"));
                    }
            }
            return list;
        }
    }

    [Theory]
    [InlineData("generated/cyclonedx-npm-1.4.cdx.xml")]
    [InlineData("generated/cyclonedx-npm-1.6.cdx.xml")]
    [InlineData("file-level/bom-1.7.cdx.xml")]
    public void A_bom_ref_given_again_in_xml_is_refused_with_both_lines(string name)
    {
        var n = XDocument.Load(Sbom(name)).Descendants().Count(e => e.Attribute("bom-ref") is not null);
        Gen.Select(Gen.Int[0, n - 2], Gen.Int[1, n - 1]).Sample((i, d) =>
        {
            var j = Math.Min(n - 1, i + d);
            var doc = XDocument.Load(Sbom(name));
            var holders = doc.Descendants().Where(e => e.Attribute("bom-ref") is not null).ToList();
            var r = holders[i].Attribute("bom-ref")!.Value;
            holders[j].SetAttributeValue("bom-ref", r);
            var text = doc.Declaration + "\n" + doc.ToString();
            // Where the two now are in the text written.
            var lines = XDocument.Parse(text, LoadOptions.SetLineInfo).Descendants().Where(e => e.Attribute("bom-ref") is not null)
                .Select(e => ((IXmlLineInfo)e.Attribute("bom-ref")!).LineNumber).ToList();
            var message = Refusal("m.cdx.xml", text);
            Assert.StartsWith($":{lines[j]}:", message);
            Assert.Contains($"bom-ref \"{r}\" is also given at line {lines[i]}", message);
        }, iter: 20, threads: 1);
    }

    [Fact]
    public void A_spdxid_given_again_is_refused_naming_both_paths()
    {
        var cases = Gen.Int[0, SpdxJson.Length - 1].SelectMany(f =>
        {
            var n = Holders(JsonNode.Parse(File.ReadAllText(SpdxJson[f])), "SPDXID").Count;
            return Gen.Select(Gen.Int[0, n - 2], Gen.Int[1, n - 1], (i, d) => (f, i, j: Math.Min(n - 1, i + d)));
        });
        cases.Sample(c =>
        {
            var doc = JsonNode.Parse(File.ReadAllText(SpdxJson[c.f]))!;
            var holders = Holders(doc, "SPDXID");
            var (first, second) = (holders[c.i], holders[c.j]);
            var id = first.Node["SPDXID"]!.GetValue<string>();
            second.Node["SPDXID"] = id;
            var message = Refusal("m.spdx.json", doc.ToJsonString());
            Assert.Contains($"SPDXID \"{id}\" is also given at ", message);
            Assert.Contains($" at {first.Path}.SPDXID", message);
            Assert.Contains($" at {second.Path}.SPDXID", message);
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void A_relationship_to_an_element_that_is_not_there_is_refused_at_its_path()
    {
        var cases = Gen.Int[0, SpdxJson.Length - 1].SelectMany(f =>
        {
            var n = JsonNode.Parse(File.ReadAllText(SpdxJson[f]))!["relationships"]!.AsArray().Count;
            return Gen.Select(Gen.Int[0, n - 1], Gen.Bool, (k, related) => (f, k, related));
        });
        cases.Sample(c =>
        {
            var doc = JsonNode.Parse(File.ReadAllText(SpdxJson[c.f]))!;
            var member = c.related ? "relatedSpdxElement" : "spdxElementId";
            doc["relationships"]![c.k]![member] = "SPDXRef-nowhere";
            var message = Refusal("m.spdx.json", doc.ToJsonString());
            Assert.EndsWith($"no element of the document has SPDXID \"SPDXRef-nowhere\" at $.relationships[{c.k}].{member}", message);
        }, iter: 40, threads: 1);
    }

    [Theory]
    [InlineData("generated/reuse.spdx")]
    [InlineData("file-level/npm-sbom-files.spdx")]
    public void Tag_value_identifiers_given_again_or_pointing_at_nothing_are_refused_with_their_lines(string name)
    {
        var lines = File.ReadAllLines(Sbom(name));
        var ids = lines.Select((l, n) => (l, n)).Where(x => x.l.StartsWith("SPDXID: ", StringComparison.Ordinal)).Select(x => x.n).ToList();
        var relationships = lines.Select((l, n) => (l, n)).Where(x => x.l.StartsWith("Relationship: ", StringComparison.Ordinal)).Select(x => x.n).ToList();
        Gen.Select(Gen.Int[0, ids.Count - 2], Gen.Int[1, ids.Count - 1]).Sample((i, d) =>
        {
            var (a, b) = (ids[i], ids[Math.Min(ids.Count - 1, i + d)]);
            var changed = lines.ToArray();
            changed[b] = lines[a];
            var message = Refusal("m.spdx", string.Join('\n', changed) + "\n");
            Assert.Equal($":{b + 1}: SPDXID \"{lines[a][8..]}\" is also given at line {a + 1} (an SPDX identifier is unique within its document)", message);
        }, iter: 30, threads: 1);
        Gen.Int[0, relationships.Count - 1].Sample(k =>
        {
            var changed = lines.ToArray();
            var at = relationships[k];
            changed[at] = string.Join(' ', lines[at].Split(' ')[..^1]) + " SPDXRef-nowhere";
            var message = Refusal("m.spdx", string.Join('\n', changed) + "\n");
            Assert.Equal($":{at + 1}: no element of the document has SPDXID \"SPDXRef-nowhere\"", message);
        }, iter: 30, threads: 1);
    }

    /// <summary>The same refusal by the command: exit 2, the message, nothing written.</summary>
    [Fact]
    public void Iq_manifest_refuses_a_real_sbom_with_a_bom_ref_given_twice_with_exit_2_and_writes_nothing()
    {
        using var dir = new TempDir();
        var doc = JsonNode.Parse(File.ReadAllText(Sbom("generated", "cyclonedx-npm-1.6.cdx.json")))!;
        var components = doc["components"]!.AsArray();
        components[1]!["bom-ref"] = components[0]!["bom-ref"]!.GetValue<string>();
        var file = Path.Combine(dir.Path, "bom.cdx.json");
        File.WriteAllText(file, doc.ToJsonString());
        var run = CliRunner.InProcess("manifest", file, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"iq: error IQ4007: {file}:", run.Stderr);
        Assert.Contains("$.components[0].bom-ref", run.Stderr);
        Assert.Contains("$.components[1].bom-ref", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")) && Directory.EnumerateFiles(Path.Combine(dir.Path, "out")).Any(), "nothing is written");
    }
}
