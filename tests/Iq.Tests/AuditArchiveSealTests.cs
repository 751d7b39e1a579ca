using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary><c>iq audit --archive</c> seals the archive it writes as it seals results.json and the reports (and as
/// <c>iq seal</c> would): <c>audit.zip.seal</c> beside it, signed with --sign-key. Checked against tools nobody here wrote:
/// sha256sum for the hash, openssl for the signature over the payload docs/trust.md defines; <c>iq verify</c> says ok, and
/// broken once a byte of the archive changes.</summary>
public sealed class AuditArchiveSealTests : IDisposable
{
    readonly TempDir _dir = new();
    string P(string name) => Path.Combine(_dir.Path, name);

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void The_audit_seals_its_archive_signed_with_the_lab_key()
    {
        var openssl = Oracles.Which("openssl");
        Oracles.Require(openssl is not null, "openssl (Debian package openssl)");
        var sha256sum = Oracles.Which("sha256sum");
        Oracles.Require(sha256sum is not null, "sha256sum (Debian package coreutils)");
        void Ok((int Exit, string Stdout, string Stderr) run) => Assert.True(run.Exit == 0, run.Stderr);
        Ok(Oracles.Run(openssl!, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("lab.key")]));
        Ok(Oracles.Run(openssl!, ["pkey", "-in", P("lab.key"), "-pubout", "-out", P("lab.pub")]));

        var archive = P("audit.zip");
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", SampleReports.Sample("compliant"), "--as-of", "2026-11-22",
            "--json", P("results.json"), "--archive", archive, "--sign-key", P("lab.key"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(archive + ".seal"), "the audit wrote no seal beside audit.zip");

        var seal = JsonNode.Parse(File.ReadAllText(archive + ".seal"))!;
        Assert.Equal("audit.zip", (string?)seal["file"]);
        Assert.Equal(Oracles.Run(sha256sum!, [archive]).Stdout.Split(' ')[0], (string?)seal["sha256"]);
        Assert.Equal(new FileInfo(archive).Length, (long)seal["size"]!);
        Assert.Equal((0, "Verified OK\n"), Oracles.OpensslVerifiesSeal(openssl!, seal, P("lab.pub"), _dir.Path));

        var ok = CliRunner.InProcess("verify", archive, "--trust-key", P("lab.pub"));
        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
        Assert.StartsWith("ok ", ok.Stdout.Split('\n').Single(l => l.Contains("audit.zip")).Trim());

        // One byte appended, as a careless copy or a hand edit would: the seal no longer holds.
        File.AppendAllText(archive, "x");
        var broken = CliRunner.InProcess("verify", archive, "--trust-key", P("lab.pub"));
        Assert.True(broken.ExitCode == 1, broken.Stdout + broken.Stderr);
        Assert.StartsWith("broken", broken.Stdout.Split('\n').Single(l => l.Contains("audit.zip")).Trim());
    }

    /// <summary>Unsigned without --sign-key, as every other seal of the audit; the archive written to standard output gets
    /// none (there is no file beside which to put it).</summary>
    [Fact]
    public void Unsigned_without_a_key_and_none_for_standard_output()
    {
        var archive = P("audit.zip");
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", SampleReports.Sample("compliant"), "--as-of", "2026-11-22",
            "--archive", archive);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var seal = JsonNode.Parse(File.ReadAllText(archive + ".seal"))!;
        Assert.Null(seal["signature"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(archive))), (string?)seal["sha256"]);
        Assert.Equal(0, CliRunner.InProcess("verify", archive).ExitCode);
    }
}
