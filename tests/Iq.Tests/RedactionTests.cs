using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Facts;
using Iq.Rules.Binding;

namespace Iq.Tests;

/// <summary>iq redact and iq probe --redact: personal values gone, the checklist's outcomes unchanged, tokens stable
/// under one salt, the bundle given untouched, and docs/privacy.md equal to what the schema says.</summary>
public class RedactionTests
{
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    // Seals are left out: each says when it was sealed (docs/trust.md); the documents they seal are compared.
    static string Hash(string dir) => Convert.ToHexStringLower(SHA256.HashData(
        Directory.GetFiles(dir).Where(f => !f.EndsWith(".seal", StringComparison.Ordinal)).Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray()));

    /// <summary>Every original value of the declared personal fields in a bundle (those redaction must remove).</summary>
    static HashSet<string> PersonalValues(string dir)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            var doc = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var kind = (string)doc["kind"]!;
            foreach (var f in Redaction.Fields.Where(f => f.Kind == "*" || f.Kind == kind))
                Collect(doc, f.Path.Split('.'), 0, values);
        }
        values.ExceptWith(["0.0.0.0", "::", "127.0.0.1", "::1", "root", "%wheel", "%sudo", "unknown"]);
        return values;
    }

    static void Collect(JsonNode? node, string[] parts, int at, HashSet<string> values)
    {
        if (node is null) return;
        if (at == parts.Length)
        {
            if (node is JsonValue v && v.TryGetValue<string>(out var s)) values.Add(s);
            return;
        }
        var part = parts[at];
        var child = node is JsonObject o ? o[part.TrimEnd('[', ']')] : null;
        if (part.EndsWith("[]", StringComparison.Ordinal) && child is JsonArray a) foreach (var e in a) Collect(e, parts, at + 1, values);
        else Collect(child, parts, at + 1, values);
    }

    static (string Verdict, double Score, string[] Outcomes) Audit(string bundle, string json)
    {
        CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", "2026-11-22");
        var r = JsonNode.Parse(File.ReadAllText(json))!;
        return ((string)r["verdict"]!, (double)r["score"]!, r["items"]!.AsArray().Select(i => (string)i!["outcome"]!).ToArray());
    }

    [Theory]
    [InlineData("compliant")]
    [InlineData("failing")]
    public void A_redacted_sample_gives_the_same_outcomes_and_names_no_one(string sample)
    {
        using var dir = new TempDir();
        var salt = Path.Combine(dir.Path, "salt");
        var before = Hash(Sample(sample));
        var run = CliRunner.InProcess("redact", Sample(sample), "--out", Path.Combine(dir.Path, "r"), "--salt-file", salt);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not copied (not a fact document, not redacted): expected.txt", run.Stdout);
        Assert.Equal(before, Hash(Sample(sample))); // the bundle given is not changed

        var original = Audit(Sample(sample), Path.Combine(dir.Path, "a.json"));
        var redacted = Audit(Path.Combine(dir.Path, "r"), Path.Combine(dir.Path, "b.json"));
        Assert.Equal(original.Outcomes, redacted.Outcomes);
        Assert.Equal(original.Verdict, redacted.Verdict);
        Assert.Equal(original.Score, redacted.Score);
        // The sample's seals held, so the redacted copies are sealed again and keep their word.
        Assert.True(File.Exists(Path.Combine(dir.Path, "r", "environment.json.seal")));

        var personal = PersonalValues(Sample(sample));
        Assert.Contains("gpu-node-01", personal);
        Assert.Contains("pacs.hospital.example:2762", personal);
        var text = string.Concat(Directory.GetFiles(Path.Combine(dir.Path, "r")).Select(File.ReadAllText));
        foreach (var value in personal.Select(v => v.Contains(':') && !v.Contains('=') ? v[..v.LastIndexOf(':')] : v).Where(v => v.Length >= 3))
            Assert.DoesNotContain(value, text);
        Assert.DoesNotContain("10.1.2.30", text);
        // The assessors who judged manual items are persons too (fresh eyes 8, F-B4): each is a token in the copy.
        var judged = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "r", "attestations.json")))!["facts"]!["items"]!.AsArray();
        Assert.NotEmpty(judged);
        Assert.All(judged, j => Assert.StartsWith("person-", (string)j!["assessor"]!));

        // The same salt gives the same tokens; another salt, others.
        CliRunner.InProcess("redact", Sample(sample), "--out", Path.Combine(dir.Path, "again"), "--salt-file", salt);
        Assert.Equal(Hash(Path.Combine(dir.Path, "r")), Hash(Path.Combine(dir.Path, "again")));
        CliRunner.InProcess("redact", Sample(sample), "--out", Path.Combine(dir.Path, "other"), "--salt-file", Path.Combine(dir.Path, "salt2"));
        Assert.NotEqual(Hash(Path.Combine(dir.Path, "r")), Hash(Path.Combine(dir.Path, "other")));
    }

    [Fact]
    public void Probe_redact_hides_users_hosts_and_addresses_but_keeps_what_is_judged()
    {
        using var dir = new TempDir();
        var machine = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines", "security-host");
        var run = CliRunner.InProcess("probe", "--root", machine, "--redact", "--salt-file", Path.Combine(dir.Path, "salt"), "--out", Path.Combine(dir.Path, "b"));
        Assert.Equal(0, run.ExitCode);
        var security = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "b", "security.json")))!;
        var text = security.ToJsonString();
        foreach (var name in new[] { "toor", "backup", "bob", "deploy", "alice", "10.20.0.0", "10.0.0.5", "ai-server" })
            Assert.DoesNotContain(name, text);
        var facts = security["facts"]!;
        Assert.Matches("^user-[0-9a-f]{12}$", (string)facts["accounts"]!["uid0"]![0]!);
        Assert.Equal(2, facts["accounts"]!["weak_hash"]!.AsArray().Count);
        Assert.Equal(["%sudo", "%wheel"], facts["sudo"]!["unrestricted"]!.AsArray().Select(u => (string)u!["who"]!));
        Assert.Matches(@"^Defaults:user-[0-9a-f]{12}$", (string)facts["sudo"]!["nopasswd"]![0]!["who"]!);
        Assert.Matches(@"^User user-[0-9a-f]{12} Address ip-[0-9a-f]{12}/16$", (string)facts["ssh"]!["match_overrides"]![1]!["criteria"]!);
        Assert.Equal("passwordauthentication", (string)facts["ssh"]!["match_overrides"]![1]!["setting"]!);
        Assert.Equal(["0.0.0.0", "::", "ip-", "127.0.0.1", "::1"], facts["listening"]!["sockets"]!.AsArray().Select(s => ((string)s!["address"]!).StartsWith("ip-", StringComparison.Ordinal) ? "ip-" : (string)s["address"]!));
        Assert.Equal("""["sshd"]""", facts["pam"]!["mfa_services"]!.ToJsonString());
        Assert.Matches("^host-[0-9a-f]{12}$", (string)security["host"]!);
        Assert.Contains("redacted by iq", (string)security["comment"]!);
        var bundle = FactBundleReader.Load([Path.Combine(dir.Path, "b")], FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
    }

    [Fact]
    public void Bad_bundles_are_refused_and_nothing_is_written()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "b");
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "plan.json"), "{\n  \"kind\": \"plan\",\n  \"facts\": { \"staff\": [ }\n}\n");
        var run = CliRunner.InProcess("redact", bundle, "--out", Path.Combine(dir.Path, "out"), "--salt-file", Path.Combine(dir.Path, "salt"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"{bundle}/plan.json:3:", run.Stderr);
        Assert.Contains("error IQ4001: Malformed JSON", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
        var busy = Path.Combine(dir.Path, "busy");
        Directory.CreateDirectory(busy);
        File.WriteAllText(Path.Combine(busy, "x"), "");
        Assert.Equal($"iq: error IQ6003: --out: {busy} is not empty\n", CliRunner.InProcess("redact", Sample("compliant"), "--out", busy).Stderr);
        Assert.Equal("iq: error IQ6003: --out: the redacted copy cannot replace the bundle\n", CliRunner.InProcess("redact", bundle, "--out", bundle + "/").Stderr);
    }

    [Fact]
    public void The_privacy_page_is_up_to_date_and_every_personal_field_is_in_the_schema()
    {
        Assert.True(Redaction.PrivacyMarkdown(FactSchema.Default) == File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "privacy.md")),
            "docs/privacy.md is stale: regenerate it with ./iq redact --list > docs/privacy.md");
        foreach (var f in Redaction.Fields.Where(f => f.Kind != "*"))
        {
            IqType type = FactSchema.Default.Roots.Single(r => r.Kind == f.Kind).Type;
            foreach (var part in f.Path.Split('.').Skip(1)) // after "facts"
            {
                var name = part.TrimEnd('[', ']');
                type = Assert.IsType<ObjectType>(type is ListType l ? l.Element : type).Member(name)?.Type
                       ?? throw new Xunit.Sdk.XunitException($"{f.Kind}: {f.Path}: '{name}' is not in the schema");
            }
            Assert.Equal(IqType.String, type is ListType l2 ? l2.Element : type);
        }
    }
}
