using System.Text.Json;

namespace Iq.Tests;

/// <summary>A manual judgment is evidence only when the lab vouches for it: given on the command line (<c>--attestations</c>)
/// or in the bundle's attestations document whose seal holds and, when trusted keys are given, is signed by one of them.
/// Anyone can write an attestations.json with any assessor's name; a judgment in one the lab does not vouch for leaves the
/// manual row <c>notchecked</c> (to judge), saying why, and is counted in the verdict basis (fresh-eyes F-B4).</summary>
public class BundleJudgmentTrustTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    static string Copy(TempDir dir, string name = "bundle")
    {
        var bundle = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Sample("compliant"), "*.json*")) File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        return bundle;
    }

    static JsonElement Audit(TempDir dir, string bundle, params string[] extra)
    {
        var json = Path.Combine(dir.Path, $"r{Guid.NewGuid():N}.json");
        var run = CliRunner.InProcess(["audit", Checklist, "--facts", bundle, "--json", json, "--lang", "en", "--as-of", TestClock.AsOfFor(bundle), .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        return JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.Clone();
    }

    static List<JsonElement> ManualRows(JsonElement results) =>
        results.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("method").GetString() == "manual").ToList();

    static string Openssl()
    {
        var openssl = Oracles.Which("openssl");
        Oracles.Require(openssl is not null, "openssl (Debian package openssl)");
        return openssl!;
    }

    static void Ok((int Exit, string Stdout, string Stderr) run) => Assert.True(run.Exit == 0, run.Stdout + run.Stderr);
    static void Ok(CliRunner.Run run) => Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

    /// <summary>Every manual row is to judge, none passes, each says why its judgment was not taken; the verdict basis
    /// counts them.</summary>
    static void NoneJudged(JsonElement results, string why)
    {
        var manual = ManualRows(results);
        Assert.True(manual.Count >= 30, $"{manual.Count} manual rows");
        foreach (var row in manual)
        {
            var id = row.GetProperty("id").GetString();
            Assert.True(row.GetProperty("outcome").GetString() == "notchecked", $"{id}: {row.GetProperty("outcome").GetString()} {row.GetProperty("message").GetString()}");
            Assert.Equal("judgment_not_taken", row.GetProperty("reason").GetProperty("kind").GetString());
            Assert.Contains(why, row.GetProperty("message").GetString());
            // The judgment is kept for the reader: who said what, not taken.
            Assert.Equal("pass", row.GetProperty("reason").GetProperty("judgment").GetProperty("status").GetString());
        }
        Assert.NotEqual("pass", results.GetProperty("verdict").GetString());
        Assert.Equal(manual.Count, results.GetProperty("verdict_basis").GetProperty("judgments_not_taken").GetInt32());
    }

    /// <summary>The sample with every document signed by the lab's key except attestations.json, sealed without a key (as
    /// anyone can): with <c>--trust-key</c> the automatic rows stand on the lab's seals, the 32 judgments do not.</summary>
    [SkippableFact]
    public void With_trusted_keys_an_unsigned_attestations_document_judges_nothing()
    {
        var openssl = Openssl();
        using var dir = new TempDir();
        string P(string name) => Path.Combine(dir.Path, name);
        Ok(Oracles.Run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("lab.key")]));
        Ok(Oracles.Run(openssl, ["pkey", "-in", P("lab.key"), "-pubout", "-out", P("lab.pub")]));
        var bundle = Copy(dir);
        foreach (var seal in Directory.GetFiles(bundle, "*.seal")) File.Delete(seal);
        Ok(CliRunner.InProcess("seal", bundle, "--sign-key", P("lab.key")));
        var attestations = Path.Combine(bundle, "attestations.json");
        File.Delete(attestations + ".seal");
        Ok(CliRunner.InProcess("seal", attestations));

        var signedElsewhere = Audit(dir, bundle, "--trust-key", P("lab.pub"));
        NoneJudged(signedElsewhere, "not signed by a trusted key");
        Assert.Equal("incomplete", signedElsewhere.GetProperty("verdict").GetString());

        // Signed by the lab, the same judgments decide the rows.
        File.Delete(attestations + ".seal");
        Ok(CliRunner.InProcess("seal", attestations, "--sign-key", P("lab.key")));
        var signed = Audit(dir, bundle, "--trust-key", P("lab.pub"));
        Assert.All(ManualRows(signed), r => Assert.Equal("attested", r.GetProperty("reason").GetProperty("kind").GetString()));
        Assert.Equal(0, signed.GetProperty("verdict_basis").GetProperty("judgments_not_taken").GetInt32());
    }

    /// <summary>Without trusted keys: the seal deleted and the assessor renamed (a vendor-written "third-party" judgment),
    /// or the sealed document edited, judges nothing; a document that calls itself declared needs no seal and judges
    /// nothing either. The sample's document, sealed and unchanged, judges as before (docs/trust.md).</summary>
    [Fact]
    public void Without_trusted_keys_an_unsealed_or_edited_attestations_document_judges_nothing()
    {
        using var dir = new TempDir();
        var unsealed = Copy(dir, "unsealed");
        var doc = Path.Combine(unsealed, "attestations.json");
        File.Delete(doc + ".seal");
        File.WriteAllText(doc, File.ReadAllText(doc).Replace("周静（第三方检测机构）", "厂家工程师"));
        NoneJudged(Audit(dir, unsealed), "not sealed");

        var edited = Copy(dir, "edited");
        doc = Path.Combine(edited, "attestations.json");
        File.WriteAllText(doc, File.ReadAllText(doc).Replace("周静（第三方检测机构）", "厂家工程师"));
        NoneJudged(Audit(dir, edited), "seal is broken");

        var declared = Copy(dir, "declared");
        doc = Path.Combine(declared, "attestations.json");
        File.Delete(doc + ".seal");
        File.WriteAllText(doc, File.ReadAllText(doc).Replace("\"schema\": 1,", "\"schema\": 1, \"provenance\": \"declared\","));
        NoneJudged(Audit(dir, declared), "not sealed");

        var sample = Audit(dir, Copy(dir, "sample"));
        Assert.All(ManualRows(sample), r => Assert.Equal("attested", r.GetProperty("reason").GetProperty("kind").GetString()));
        Assert.Equal("pass", sample.GetProperty("verdict").GetString());
    }
}
