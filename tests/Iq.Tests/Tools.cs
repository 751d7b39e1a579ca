using System.Diagnostics;

namespace Iq.Tests;

/// <summary>External tools some tests need (LibreOffice, poppler, Chromium). Absent: the test skips with a message naming
/// what to install — except in CI (CI=true), where ./test installs them and a missing tool fails the test.</summary>
static class Tools
{
    static readonly bool InCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require(string install, params string[] candidates)
    {
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is not null) return found;
        var message = $"{string.Join(" or ", candidates)} not found: install {install} (./test does)";
        if (InCi) Assert.Fail(message);
        Skip.If(true, message);
        return "";
    }

    public static string Soffice => Require("libreoffice-calc-nogui", "/usr/bin/soffice", "/usr/bin/libreoffice");
    public static string Chromium => Require("chromium", "/usr/bin/chromium");

    public static void RequirePoppler() => Require("poppler-utils", "/usr/bin/pdftotext", "/usr/bin/pdfinfo", "/usr/bin/pdftoppm");

    /// <summary>Runs a tool without a shell; its stdout, or a failed assertion with its stderr.</summary>
    public static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish in 300 s");
        }
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>LibreOffice headless: the workbook to PDF, in a private profile.</summary>
    public static string XlsxToPdf(string xlsx, string outDir)
    {
        Run(Soffice, "--headless", $"-env:UserInstallation=file://{outDir}/lo-profile", "--convert-to", "pdf", "--outdir", outDir, xlsx);
        var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(xlsx) + ".pdf");
        Assert.True(File.Exists(pdf), $"LibreOffice made no PDF of {xlsx}");
        return pdf;
    }

    public static int PdfPages(string pdf)
    {
        RequirePoppler();
        var info = Run("/usr/bin/pdfinfo", pdf);
        return int.Parse(info.Split('\n').First(l => l.StartsWith("Pages:")).Split(':')[1].Trim());
    }

    public static string PdfPageSize(string pdf) =>
        Run("/usr/bin/pdfinfo", pdf).Split('\n').First(l => l.StartsWith("Page size:"))["Page size:".Length..].Trim();

    public static string PdfText(string pdf, int page) => Run("/usr/bin/pdftotext", "-layout", "-f", $"{page}", "-l", $"{page}", pdf, "-");
}
