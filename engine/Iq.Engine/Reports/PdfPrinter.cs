using System.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Engine.Reports;

/// <summary>Prints the HTML report to PDF with a headless Chromium (Debian's <c>chromium</c>, or the browser
/// <c>IQ_CHROMIUM</c> names): the report's print stylesheet gives A4 landscape pages with the report number and
/// "page x of y" in every page's margin. Run without a shell, with a private profile, no network beyond the page, and a
/// time limit; a browser that is missing or fails is a message, never an exception.</summary>
public static class PdfPrinter
{
    public static MessageText InstallHint => Msg.PdfNeedsBrowser.Text;

    static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser to print with, or null when none is installed.</summary>
    public static string? FindBrowser()
    {
        if (Environment.GetEnvironmentVariable("IQ_CHROMIUM") is { Length: > 0 } given) return File.Exists(given) ? given : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in Names)
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    /// <summary>The flags every headless run gets: no first-run, sync, component updates or background networking (the
    /// page is a local file and must not reach out), and no sandbox when run as root (Chromium refuses otherwise).</summary>
    public static IReadOnlyList<string> HeadlessFlags(string profile) =>
    [
        "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--mute-audio", $"--user-data-dir={profile}",
        .. Environment.IsPrivilegedProcess ? new[] { "--no-sandbox" } : [],
    ];

    /// <summary>Prints <paramref name="html"/> (a file) to <paramref name="pdf"/>; returns null, or what went wrong (a message).</summary>
    public static MessageText? Print(string html, string pdf, TimeSpan? timeout = null)
    {
        if (FindBrowser() is not { } browser) return InstallHint;
        var profile = Directory.CreateTempSubdirectory("iq-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var a in HeadlessFlags(profile)) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add("--no-pdf-header-footer");
            psi.ArgumentList.Add($"--print-to-pdf={Path.GetFullPath(pdf)}");
            psi.ArgumentList.Add(new Uri(Path.GetFullPath(html)).AbsoluteUri);
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(120)))
            {
                p.Kill(entireProcessTree: true);
                return Msg.PdfTimedOut.With(browser, Math.Round((timeout ?? TimeSpan.FromSeconds(120)).TotalSeconds));
            }
            if (p.ExitCode != 0 || !File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                var last = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
                return Msg.PdfFailed.With(browser, p.ExitCode, last.Length > 0 ? ": " + last : "");
            }
            _ = stdout.Result;
            return null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return Msg.PdfNotStarted.With(browser, e.Message);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
