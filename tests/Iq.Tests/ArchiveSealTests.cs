using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>An audit archive sealed as docs/trust.md says to vouch for it (<c>iq seal audit.zip</c>, which writes
/// <c>audit.zip.seal</c>): <c>iq report audit.zip</c> and <c>iq verify audit.zip</c> check that seal, never pass it by. Intact,
/// the report's header says the archive's seal held and no warning is given; the archive changed after sealing (results edited
/// inside, the manifest's hash recomputed so that the manifest alone cannot see it) is refused by iq report (exit 2, nothing
/// written) and shown broken by iq verify (exit 1).</summary>
public class ArchiveSealTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");
    static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");

    /// <summary>An audit of the compliant sample archived to <c>a.zip</c>, sealed by iq seal.</summary>
    static string SealedArchive(TempDir dir)
    {
        var zip = Path.Combine(dir.Path, "a.zip");
        var audit = CliRunner.InProcess("audit", Checklist, "--facts", Compliant, "--json", Path.Combine(dir.Path, "r.json"), "--archive", zip, "--as-of", "2026-11-22");
        Assert.True(audit.ExitCode == 0, audit.Stderr);
        var seal = CliRunner.InProcess("seal", zip);
        Assert.True(seal.ExitCode == 0, seal.Stderr);
        Assert.True(File.Exists(zip + ".seal"));
        return zip;
    }

    /// <summary>The results inside the zip edited (the report's object renamed, the rows left consistent) and the manifest's
    /// SHA-256 and size for them recomputed: what someone changing an archive by hand would do.</summary>
    static void Tamper(string zip)
    {
        var entries = new List<(string Name, byte[] Bytes)>();
        using (var read = ZipFile.OpenRead(zip))
            foreach (var e in read.Entries)
            {
                using var s = e.Open();
                var buffer = new MemoryStream();
                s.CopyTo(buffer);
                entries.Add((e.FullName, buffer.ToArray()));
            }
        var i = entries.FindIndex(e => e.Name == "results.json");
        var text = Encoding.UTF8.GetString(entries[i].Bytes);
        var edited = text.Replace("\"object\": \"\"", "\"object\": \"another device\"");
        Assert.NotEqual(text, edited);
        var bytes = Encoding.UTF8.GetBytes(edited);
        entries[i] = ("results.json", bytes);
        var m = entries.FindIndex(e => e.Name == "manifest.json");
        var manifest = JsonNode.Parse(entries[m].Bytes)!;
        var listed = manifest["files"]!.AsArray().Single(f => (string)f!["path"]! == "results.json")!;
        listed["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        listed["bytes"] = bytes.Length;
        entries[m] = ("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));
        File.Delete(zip);
        using var write = ZipFile.Open(zip, ZipArchiveMode.Create);
        foreach (var (name, data) in entries)
        {
            using var s = write.CreateEntry(name).Open();
            s.Write(data);
        }
    }

    [Fact]
    public void A_sealed_archive_is_reported_as_vouched_by_its_seal_in_the_header_and_by_iq_verify()
    {
        using var dir = new TempDir();
        var zip = SealedArchive(dir);
        var html = Path.Combine(dir.Path, "h.html");
        var xlsx = Path.Combine(dir.Path, "c.xlsx");
        var report = CliRunner.InProcess("report", zip, "--html", html, "--xlsx", xlsx, "--lang", "en");
        Assert.True(report.ExitCode == 0, report.Stderr);
        // No "unsealed manifest" warning: the archive's own seal held.
        Assert.Equal("", report.Stderr);
        var sha = Convert.ToHexStringLower(SHA256.HashData(ResultsIn(zip)));
        var line = $"results.json in the archive a.zip (SHA-256 {sha}): the archive's seal a.zip.seal verified, the hash matches, not signed; the results' hash matches its manifest";
        Assert.Contains("Rendered from: " + line + "\n", report.Stdout);
        // The HTML header and the scorecard's C.1 say the same, not in red.
        var page = File.ReadAllText(html);
        Assert.Contains("id=\"source\" data-source=\"sealedarchive\"", page);
        Assert.DoesNotContain("class=\"source unverified\"", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(line), page);
        using (var x = new XlsxReader(xlsx))
            Assert.Contains(x.Rows(x.SheetNames[0]), r => r.Length > 1 && r[1] == line);
        var verify = CliRunner.InProcess("verify", zip, "--lang", "en");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.StartsWith($"ok         {zip}  audit archive: sealed by iq ", verify.Stdout);
        Assert.Contains("files agree with its manifest", verify.Stdout);
        // A report rendered from it is vouched for: iq verify of the report passes, naming the sealed archive.
        var reportVerify = CliRunner.InProcess("verify", html, "--lang", "en");
        Assert.True(reportVerify.ExitCode == 0, reportVerify.Stdout);
        Assert.Contains("matches an audit archive's manifest, and the archive's seal held", reportVerify.Stdout);
    }

    [Fact]
    public void A_sealed_archive_changed_after_sealing_is_refused_by_iq_report_and_broken_in_iq_verify()
    {
        using var dir = new TempDir();
        var zip = SealedArchive(dir);
        Tamper(zip);
        // The manifest alone cannot see the edit: its hash was recomputed.
        Assert.Equal(0, CliRunner.InProcess("archive", "--verify", zip).ExitCode);
        var xlsx = Path.Combine(dir.Path, "c.xlsx");
        var report = CliRunner.InProcess("report", zip, "--xlsx", xlsx, "--lang", "en");
        Assert.Equal(2, report.ExitCode);
        Assert.Contains($"{zip}: the archive's seal does not hold (changed after it was sealed: SHA-256 ", report.Stderr);
        Assert.Contains("the archive was changed after it was sealed, so no report or comparison is made from it", report.Stderr);
        Assert.DoesNotContain("   at ", report.Stderr);
        Assert.False(File.Exists(xlsx));
        Assert.False(File.Exists(xlsx + ".seal"));
        // iq diff reads archives the same way.
        Assert.Equal(2, CliRunner.InProcess("diff", zip, Path.Combine(dir.Path, "r.json")).ExitCode);
        var verify = CliRunner.InProcess("verify", zip, "--lang", "en");
        Assert.Equal(1, verify.ExitCode);
        Assert.StartsWith($"broken     {zip}  audit archive: changed after it was sealed", verify.Stdout);
    }

    /// <summary>A seal beside the archive that is not one (unreadable), or that seals another file, refuses the report too,
    /// each in its own words: neither says the archive was changed (nothing shows it was; nothing shows it is iq's either).</summary>
    [Theory]
    [InlineData("not json", "the archive's seal cannot be read (a.zip.seal: ")]
    [InlineData("other", "the archive's seal a.zip.seal is the seal of 'b.zip', not of this archive; nothing shows the archive is the one iq wrote")]
    public void A_seal_beside_the_archive_that_does_not_hold_refuses_the_report(string kind, string says)
    {
        using var dir = new TempDir();
        var zip = SealedArchive(dir);
        if (kind == "other")
        {
            var seal = JsonNode.Parse(File.ReadAllText(zip + ".seal"))!;
            seal["file"] = "b.zip";
            File.WriteAllText(zip + ".seal", seal.ToJsonString());
        }
        else File.WriteAllText(zip + ".seal", "{ not json");
        var html = Path.Combine(dir.Path, "h.html");
        var report = CliRunner.InProcess("report", zip, "--html", html, "--lang", "en");
        Assert.Equal(2, report.ExitCode);
        Assert.Contains($"{zip}: {says}", report.Stderr);
        Assert.Contains("nothing shows the archive is the one iq wrote, so no report or comparison is made from it", report.Stderr);
        Assert.DoesNotContain("changed", report.Stderr);
        Assert.False(File.Exists(html));
        Assert.Equal(1, CliRunner.InProcess("verify", zip, "--lang", "en").ExitCode);
    }

    /// <summary>Nothing verified is never a pass (docs/trust.md): an archive with no seal beside it is <c>missing</c>, exit 1, as a
    /// results file with none is (was: <c>unsealed</c>, exit 0); iq report of it goes on, warning that its manifest is unsealed.</summary>
    [Fact]
    public void An_archive_with_no_seal_is_missing_in_iq_verify_and_fails_it()
    {
        using var dir = new TempDir();
        var zip = SealedArchive(dir);
        File.Delete(zip + ".seal");
        var verify = CliRunner.InProcess("verify", zip, "--lang", "en");
        Assert.True(verify.ExitCode == 1, verify.Stdout + verify.Stderr);
        Assert.StartsWith($"missing    {zip}  audit archive: not sealed (no a.zip.seal beside it): its manifest is unsealed, so nothing shows the archive is the one iq wrote", verify.Stdout);
        Assert.Contains("1 file(s): 0 sealed and intact, 1 failed", verify.Stdout);
        // The results file beside it, also without its seal, is missing in the same words' state: files and archives alike.
        File.Delete(Path.Combine(dir.Path, "r.json.seal"));
        var json = CliRunner.InProcess("verify", Path.Combine(dir.Path, "r.json"), "--lang", "en");
        Assert.True(json.ExitCode == 1, json.Stdout);
        Assert.StartsWith("missing ", json.Stdout);
        var report = CliRunner.InProcess("report", zip, "--json", Path.Combine(dir.Path, "again.json"), "--lang", "en");
        Assert.True(report.ExitCode == 0, report.Stdout + report.Stderr);
        Assert.Contains("which is unsealed; nothing shows the archive is the one iq wrote", report.Stderr);
    }

    /// <summary>A folder in which no seal held, though none was needed (a hand-written plan, unsealed), verified nothing: exit
    /// 1, the summary saying so (was: exit 0). With one seal that held beside it, the unsealed plan does not fail the run.</summary>
    [Fact]
    public void A_folder_where_no_seal_was_verified_is_not_a_pass()
    {
        using var dir = new TempDir();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "d")).FullName;
        File.Copy(Path.Combine(Compliant, "plan.json"), Path.Combine(folder, "plan.json"));
        var none = CliRunner.InProcess("verify", folder, "--lang", "en");
        Assert.True(none.ExitCode == 1, none.Stdout + none.Stderr);
        Assert.Contains($"unsealed   {folder}/plan.json  plan (declared): declared facts, not sealed", none.Stdout);
        Assert.Contains("1 file(s): 0 sealed and intact, 0 failed; signatures not checked (no --trust-key); no seal was verified, so nothing shows any of these files is one iq wrote (exit 1)", none.Stdout);
        Assert.Equal(1, CliRunner.InProcess("verify", Directory.CreateDirectory(Path.Combine(dir.Path, "empty")).FullName).ExitCode);

        File.Copy(Path.Combine(Compliant, "environment.json"), Path.Combine(folder, "environment.json"));
        File.Copy(Path.Combine(Compliant, "environment.json.seal"), Path.Combine(folder, "environment.json.seal"));
        var one = CliRunner.InProcess("verify", folder, "--lang", "en");
        Assert.True(one.ExitCode == 0, one.Stdout + one.Stderr);
        Assert.DoesNotContain("no seal was verified", one.Stdout);
    }

    static byte[] ResultsIn(string zip)
    {
        using var read = ZipFile.OpenRead(zip);
        using var s = read.GetEntry("results.json")!.Open();
        var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
