namespace Iq.Tests;

/// <summary>Fresh eyes 6, B7: a security.json symbolically linked to another bundle's sealed, passing one was read by
/// <c>iq audit</c> (6.2.1 nullok, sudo-nopasswd and TLS fails gone) and passed over by <c>iq verify</c> (11 files listed,
/// exit 0): the lab's seal check and the audit disagreed about what the bundle is. One rule now (BundleFileNames,
/// docs/trust.md): a document or a seal that is a link is refused by name, exit 2, nothing written, by both. A hard link is
/// the file itself and is read and verified alike, as a copy is.</summary>
public sealed class BundleLinkTests : IDisposable
{
    readonly TempDir _dir = new();
    string P(string name) => Path.Combine(_dir.Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    static string Sample(string name) => Path.Combine(TestPaths.Checklists, "samples", name);

    /// <summary>The failing sample with its security.json and seal replaced by links to the compliant sample's (the repro).</summary>
    string Linked()
    {
        var bundle = FleetTests.CopyBundle("failing", P("SP"));
        foreach (var name in new[] { "security.json", "security.json.seal" })
        {
            File.Delete(Path.Combine(bundle, name));
            File.CreateSymbolicLink(Path.Combine(bundle, name), Path.Combine(Sample("compliant"), name));
        }
        return bundle;
    }

    string LinkRefusal(string bundle, string name) =>
        $"{bundle}/{name}:1:1: error IQ4003: is a symbolic link to {Path.Combine(Sample("compliant"), name)}, and a bundle's documents and their seals must be the files themselves";

    [Fact]
    public void A_linked_document_is_refused_by_the_audit_by_name()
    {
        var bundle = Linked();
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", bundle, "--as-of", "2026-11-22", "--json", P("out.json"), "--lang", "en");
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains(LinkRefusal(bundle, "security.json"), run.Stderr);
        Assert.Contains(LinkRefusal(bundle, "security.json.seal"), run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(P("out.json")));
    }

    [Fact]
    public void A_linked_document_is_refused_by_iq_verify_as_by_the_audit()
    {
        var bundle = Linked();
        var run = CliRunner.InProcess("verify", bundle, "--lang", "en");
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains(LinkRefusal(bundle, "security.json"), run.Stderr);
        Assert.Contains(LinkRefusal(bundle, "security.json.seal"), run.Stderr);
    }

    [Fact]
    public void A_linked_document_is_refused_by_iq_seal_and_iq_redact_with_nothing_written()
    {
        var bundle = Linked();
        File.Delete(Path.Combine(bundle, "security.json.seal"));
        File.Delete(Path.Combine(bundle, "plan.json.seal"));
        var seal = CliRunner.InProcess("seal", bundle, "--lang", "en");
        Assert.True(seal.ExitCode == 2, seal.Stdout + seal.Stderr);
        Assert.Contains(LinkRefusal(bundle, "security.json"), seal.Stderr);
        Assert.False(File.Exists(Path.Combine(bundle, "plan.json.seal")));
        var redact = CliRunner.InProcess("redact", bundle, "--out", P("r"), "--lang", "en");
        Assert.True(redact.ExitCode == 2, redact.Stdout + redact.Stderr);
        Assert.Contains(LinkRefusal(bundle, "security.json"), redact.Stderr);
        Assert.False(Directory.Exists(P("r")));
    }

    /// <summary>A hard link is the file: the audit reads it as it reads a copy (the same results), and iq verify checks its
    /// seal like any other document's.</summary>
    [Fact]
    public void A_hard_linked_document_is_read_and_verified_as_a_copy_is()
    {
        var copied = FleetTests.CopyBundle("compliant", P("copied"));
        var linked = FleetTests.CopyBundle("compliant", P("linked"));
        File.Delete(Path.Combine(linked, "security.json"));
        var ln = System.Diagnostics.Process.Start("ln", [Path.Combine(copied, "security.json"), Path.Combine(linked, "security.json")])!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
        var a = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", copied, "--as-of", "2026-11-22", "--json", P("a.json"));
        var b = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", linked, "--as-of", "2026-11-22", "--json", P("b.json"));
        Assert.True(a.ExitCode is 0 or 1, a.Stderr);
        Assert.Equal(a.ExitCode, b.ExitCode);
        static string Outcomes(string results) => string.Join("\n", System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(results)).RootElement
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString() + " " + i.GetProperty("outcome").GetString()));
        Assert.Equal(Outcomes(P("a.json")), Outcomes(P("b.json")));
        var verify = CliRunner.InProcess("verify", linked, "--lang", "en");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Matches($@"(?m)^ok\s+{System.Text.RegularExpressions.Regex.Escape(Path.Combine(linked, "security.json"))} ", verify.Stdout);
    }

    /// <summary>iq verify looks at the documents the audit reads, hidden ones included: a hidden document the audit would
    /// read (and refuse here as a second plan) is listed, never passed over.</summary>
    [Fact]
    public void Iq_verify_lists_a_hidden_document_the_audit_reads()
    {
        var bundle = FleetTests.CopyBundle("compliant", P("b"));
        File.Copy(Path.Combine(bundle, "plan.json"), Path.Combine(bundle, ".plan.json"));
        var run = CliRunner.InProcess("verify", bundle, "--lang", "en");
        Assert.Contains(Path.Combine(bundle, ".plan.json"), run.Stdout);
    }

    /// <summary>A document or a seal named directly (not listed from a folder) is read as the file itself too: the reader
    /// opens it with O_NOFOLLOW, so a link there, put in place after any check, is refused with the bundle's words, never
    /// read through (was: read and hashed through the link).</summary>
    [Fact]
    public void A_document_or_seal_named_directly_is_not_read_through_a_link()
    {
        if (!OperatingSystem.IsLinux()) return;
        var target = Path.Combine(Sample("compliant"), "security.json");
        foreach (var (name, kind) in new[] { ("doc.json", Iq.Rules.Io.InputKind.FactDocument), ("doc.json.seal", Iq.Rules.Io.InputKind.Seal) })
        {
            var link = P(name);
            File.CreateSymbolicLink(link, target);
            var refused = Assert.Throws<Iq.Rules.Io.InputFileException>(() => Iq.Rules.Io.InputFiles.ReadAllBytes(link, kind));
            Assert.Equal(Iq.Rules.Messages.Msg.DocumentIsLink.Code, refused.Code);
            Assert.Contains(target, refused.Message);
            Assert.Throws<Iq.Rules.Io.InputFileException>(() => Iq.Rules.Io.InputFiles.ReadPooled(link, kind).Dispose());
        }
        // The file itself is read as before.
        File.Copy(target, P("copy.json"));
        Assert.Equal(File.ReadAllBytes(target), Iq.Rules.Io.InputFiles.ReadAllBytes(P("copy.json"), Iq.Rules.Io.InputKind.FactDocument));
    }
}
