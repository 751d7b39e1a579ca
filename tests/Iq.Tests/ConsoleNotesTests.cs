namespace Iq.Tests;

/// <summary>What the console says beside the forms (fresh eyes 8): iq verify's rows in Chinese use the reports' words for
/// provenance and seal (F-B1); an audit that writes a form with C.1's signature fields empty says so once, naming the
/// options that fill them (F-B3).</summary>
public class ConsoleNotesTests
{
    static string Failing => Path.Combine(TestPaths.Checklists, "samples", "failing");

    [Fact]
    public void Verify_in_Chinese_words_its_rows_as_the_reports_do()
    {
        var run = CliRunner.InProcess("verify", Failing, "--lang", "zh");
        Assert.Contains("attestations（评审）：由 iq ", run.Stdout);
        Assert.Contains("加封，散列一致，未签名", run.Stdout);
        Assert.Contains("environment（实测）", run.Stdout);
        Assert.DoesNotContain("sealed by", run.Stdout);
        Assert.DoesNotContain("(reviewed)", run.Stdout);
        // English keeps its words.
        Assert.Contains("attestations (reviewed): sealed by iq ", CliRunner.InProcess("verify", Failing, "--lang", "en").Stdout);
    }

    [Fact]
    public void An_audit_writing_a_form_with_C1_unsigned_says_which_fields_and_how_to_fill_them()
    {
        using var dir = new TempDir();
        var run = CliRunner.InProcess("audit", "--facts", Failing, "--as-of", "2026-11-22", "--html", Path.Combine(dir.Path, "r.html"),
            "--lang", "en", "--report", "assessors=Li");
        Assert.Contains("Note: the report's C.1 leaves Signer, Date signed not filled; fill them with --report signer=… --report sign_date=… or --report-info FILE", run.Stdout);
        var signed = CliRunner.InProcess("audit", "--facts", Failing, "--as-of", "2026-11-22", "--html", Path.Combine(dir.Path, "s.html"),
            "--lang", "en", "--report", "assessors=Li", "--report", "signer=Wu", "--report", "sign_date=2026-11-23");
        Assert.DoesNotContain("C.1", signed.Stdout);
    }
}
