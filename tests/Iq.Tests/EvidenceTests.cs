using System.Text.Json.Nodes;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;

namespace Iq.Tests;

/// <summary>Manifests and SBOMs, JUnit reports and snapshots, each into facts the IQ checklist reads.</summary>
public class EvidenceTests
{
    static string Case(params string[] parts) => Path.Combine([TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", .. parts]);

    [Fact]
    public void A_tampered_and_a_missing_file_are_reported_exactly()
    {
        var facts = ManifestReader.Read(Case("manifest", "manifest.json"), Case("manifest", "install"), null);
        Assert.Equal(1, (long)facts["files_missing"]!);
        Assert.Equal(1, (long)facts["files_changed"]!);
        Assert.Equal(0, (long)facts["files_extra"]!);
        Assert.Equal(["ok", "changed", "ok", "missing"], facts["components"]!.AsArray().Select(c => (string)c!["status"]!));
        Assert.True((bool)facts["version_scheme_ok"]!);
        Assert.Equal("""{"present":true,"features":true,"fixes":true,"dependencies":true}""", facts["release_notes"]!.ToJsonString());
        Assert.Equal("3.1.0", (string)facts["documents"]![1]!["version"]!);
    }

    [Fact]
    public void Extra_files_and_a_version_pattern()
    {
        using var dir = new TempDir();
        foreach (var f in Directory.GetFiles(Case("manifest", "install"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(Case("manifest", "install"), f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        File.WriteAllText(Path.Combine(dir.Path, "stray.sh"), "echo not listed");
        var facts = ManifestReader.Read(Case("manifest", "manifest.json"), dir.Path, @"^\d+\.\d+$");
        Assert.Equal(1, (long)facts["files_extra"]!);
        Assert.False((bool)facts["version_scheme_ok"]!);
    }

    [Fact]
    public void A_cyclonedx_sbom_from_a_real_generator_loses_no_component()
    {
        var bom = JsonNode.Parse(File.ReadAllText(Case("manifest", "npm-project", "bom.json")))!;
        var facts = ManifestReader.Read(Case("manifest", "npm-project", "bom.json"), null, null);
        Assert.Equal("cyclonedx", (string)facts["format"]!);
        Assert.Equal((string)bom["metadata"]!["component"]!["version"]!, (string)facts["package"]!["version"]!);
        var expected = bom["components"]!.AsArray().Select(c => $"{c!["name"]}@{c["version"]}").Order();
        Assert.Equal(expected, facts["components"]!.AsArray().Select(c => $"{c!["name"]}@{c["version"]}").Order());
    }

    [Fact]
    public void Spdx_packages_and_files()
    {
        var facts = ManifestReader.Read(Case("manifest", "spdx.json"), Case("manifest", "install"), null);
        Assert.Equal("spdx", (string)facts["format"]!);
        // The described package first, holding the file listed at its top level; then the other package.
        Assert.Equal(["nodule-det", "onnxruntime"], facts["components"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal("ok", (string)facts["components"]![0]!["status"]!);
        Assert.Equal("the manifest gives no file hash for it", (string)facts["components"]![1]!["status"]!["$absent"]!);
        Assert.Equal(1, (long)facts["files_verified"]!);
    }

    [Fact]
    public void An_sbom_with_wrong_types_names_the_json_path()
    {
        var e = Assert.Throws<EvidenceInputException>(() => ManifestReader.Read(Case("manifest", "bad-types.cdx.json"), null, null));
        Assert.Equal($"{Case("manifest", "bad-types.cdx.json")}:18:15: expected a string at $.components[1].name", e.Message);
    }

    [Fact]
    public void Junit_suites_are_counted_with_their_categories()
    {
        var facts = JunitFacts.Read([Case("junit", "report.xml")], new Dictionary<string, string> { ["PACS*"] = "data-interface", ["end to end*"] = "main-flow" });
        Assert.Equal("""{"total":7,"passed":4,"failed":2,"skipped":1}""",
            new JsonObject { ["total"] = facts["total"]!.DeepClone(), ["passed"] = facts["passed"]!.DeepClone(), ["failed"] = facts["failed"]!.DeepClone(), ["skipped"] = facts["skipped"]!.DeepClone() }.ToJsonString());
        Assert.Equal(["interface", "data-interface", "main-flow"], facts["suites"]!.AsArray().Select(s => (string)s!["category"]!));
    }

    [Fact]
    public void An_xml_bomb_is_refused_not_expanded()
    {
        var e = Assert.Throws<EvidenceInputException>(() => JunitFacts.Read([Case("junit", "bomb.xml")], new Dictionary<string, string>()));
        Assert.StartsWith($"{Case("junit", "bomb.xml")}: not a JUnit XML report: ", e.Message);
        Assert.Contains("DTD is prohibited", e.Message);
    }

    [Fact]
    public void Snapshot_comparison_finds_added_removed_changed_and_mode()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "app");
        Directory.CreateDirectory(Path.Combine(root, "conf"));
        File.WriteAllText(Path.Combine(root, "conf", "a.yaml"), "a: 1");
        File.WriteAllText(Path.Combine(root, "b.bin"), "b");
        File.WriteAllText(Path.Combine(root, "c.sh"), "c");
        var before = Path.Combine(dir.Path, "before.json");
        Assert.Equal(0, CliRunner.InProcess("snapshot", root, "-o", before).ExitCode);
        File.WriteAllText(Path.Combine(root, "conf", "a.yaml"), "a: 2");
        File.Delete(Path.Combine(root, "b.bin"));
        File.WriteAllText(Path.Combine(root, "leftover.tmp"), "x");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "c.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var bundle = Path.Combine(dir.Path, "bundle");
        var run = CliRunner.InProcess("snapshot", "--compare", before, root, "--rollback-time", "12 min", "--out", bundle);
        Assert.Equal(0, run.ExitCode);
        var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "rollback.json")))!["facts"]!;
        Assert.Equal((1, 1, 1, 1), ((long)facts["added"]!, (long)facts["removed"]!, (long)facts["changed"]!, (long)facts["permission_changes"]!));
        Assert.Equal(720_000, (double)facts["duration"]!);
        Assert.Equal("""[{"path":"leftover.tmp","change":"added"},{"path":"b.bin","change":"removed"},{"path":"c.sh","change":"mode"},{"path":"conf/a.yaml","change":"changed"}]""",
            facts["examples"]!.ToJsonString());
        Assert.True(FactBundleReader.Load([bundle], FactSchema.Default).Succeeded);
    }

    [Fact]
    public void Analyzer_documents_read_back_as_a_valid_bundle()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.InProcess("logs", Case("logs", "apt-history.log"), "--out", dir.Path).ExitCode);
        Assert.Equal(0, CliRunner.InProcess("tests", Case("junit", "report.xml"), "--out", dir.Path).ExitCode);
        Assert.Equal(0, CliRunner.InProcess("manifest", Case("manifest", "manifest.json"), "--root", Case("manifest", "install"), "--out", dir.Path).ExitCode);
        var bundle = FactBundleReader.Load([dir.Path], FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
        Assert.Equal(["logs", "manifest", "tests"], bundle.Inputs.Select(i => i.Kind).Order());
    }
}
