using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Iq.Tests;

/// <summary>The HTML report in a real browser (Debian's chromium driven by Playwright), and the PDF printed from it.</summary>
public class HtmlReportTests(SampleReports samples) : IClassFixture<SampleReports>
{
    /// <summary>The flags the machine's notes give for headless Chromium here (the closed network refuses background calls).</summary>
    static readonly string[] Flags =
        ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [SkippableFact]
    public async Task Html_report_loads_offline_without_errors_filters_work_and_counts_match_the_json()
    {
        var chromium = Tools.Chromium;
        var html = samples.File("failing", "html");
        var json = JsonDocument.Parse(File.ReadAllBytes(samples.File("failing", "json"))).RootElement;
        var items = json.GetProperty("items").EnumerateArray().ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = [.. Flags, .. Environment.IsPrivilegedProcess ? new[] { "--no-sandbox" } : []],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") errors.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.Empty(errors);
        Assert.Equal([new Uri(html).AbsoluteUri], requests);   // self-contained: the page fetched nothing but itself
        Assert.Equal("fail", await page.GetAttributeAsync("#verdict", "data-verdict"));
        Assert.Equal(json.GetProperty("score").GetDouble(), double.Parse((await page.GetAttributeAsync("#score", "data-score"))!, System.Globalization.CultureInfo.InvariantCulture), 2);

        var rows = page.Locator("#item-table tbody tr.item");
        Assert.Equal(items.Count, await rows.CountAsync());
        async Task<int> Visible() => await page.Locator("#item-table tbody tr.item:visible").CountAsync();
        Assert.Equal(items.Count, await Visible());
        // Counts per outcome, as the page shows them, equal the JSON's.
        foreach (var o in json.GetProperty("counts").EnumerateObject())
            Assert.Equal(o.Value.GetInt32().ToString(), await page.Locator($"ul.counts li[data-outcome='{o.Name}'] b").InnerTextAsync());

        // Each filter, and two together, show exactly the rows the JSON says.
        await page.SelectOptionAsync("#f-outcome", "fail");
        Assert.Equal(items.Count(i => i.GetProperty("outcome").GetString() == "fail"), await Visible());
        Assert.Equal($"显示 {await Visible()} / {items.Count} 项", await page.InnerTextAsync("#shown"));
        await page.SelectOptionAsync("#f-section", "6.1");
        var failIn61 = await page.Locator("#item-table tbody tr.item:visible td.id").AllInnerTextsAsync();
        Assert.NotEmpty(failIn61);
        Assert.All(failIn61, id => Assert.StartsWith("6.1.", id));
        await page.SelectOptionAsync("#f-outcome", "");
        await page.SelectOptionAsync("#f-section", "");
        await page.SelectOptionAsync("#f-level", "should");
        Assert.Equal(items.Count(i => i.GetProperty("level").GetString() == "should"), await Visible());
        await page.SelectOptionAsync("#f-level", "");

        // Evidence opens on a click: actual and expected as the JSON has them.
        var docker = items.Single(i => i.GetProperty("id").GetString() == "6.1.1a.sw[Docker]");
        var row = page.Locator("tr.item[data-id='6.1.1a.sw[Docker]']");
        var evidence = row.Locator("details .evidence");
        Assert.False(await evidence.IsVisibleAsync());
        await row.Locator("details summary").ClickAsync();
        Assert.True(await evidence.IsVisibleAsync());
        var cells = await evidence.Locator("table.ev tr td").AllInnerTextsAsync();
        var e0 = docker.GetProperty("evidence")[0];
        Assert.Equal([e0.GetProperty("expression").GetString()!, e0.GetProperty("actual").GetString()!, e0.GetProperty("expected").GetString()!], cells.Take(3));

        // Charts inline as SVG; the inputs with their hashes; no placeholder left in what a reader sees.
        Assert.Equal(2, await page.Locator("#charts figure svg").CountAsync());
        foreach (var input in json.GetProperty("inputs").EnumerateArray())
            Assert.Contains(input.GetProperty("sha256").GetString()!, await page.InnerTextAsync("#inputs"));
        var text = await page.InnerTextAsync("body");
        Assert.DoesNotMatch(new Regex(@"\{[a-z_]+\}"), text);
        Assert.Contains("未填写", await page.InnerTextAsync("#c1"));
        Assert.Empty(errors);
    }

    [SkippableFact]
    public void Pdf_report_has_the_report_number_and_page_x_of_y_on_every_page()
    {
        Tools.RequirePoppler();
        _ = Tools.Chromium;
        using var dir = new TempDir();
        var pdf = Path.Combine(dir.Path, "report.pdf");
        var run = CliRunner.InProcess("report", samples.File("failing", "json"), "--pdf", pdf);
        Assert.True(run.ExitCode == 1, run.Stderr);
        var pages = Tools.PdfPages(pdf);
        Assert.InRange(pages, 5, 100); // each row lists the facts it read with their provenance (docs/trust.md)
        Assert.StartsWith("841.9", Tools.PdfPageSize(pdf));
        for (var p = 1; p <= pages; p++)
        {
            var text = Tools.PdfText(pdf, p);
            Assert.Contains("报告编号：EVAL-2026-031", text);
            Assert.Contains($"第 {p} 页，共 {pages} 页", text);
        }
        // Printed with every row's evidence open: the docker row's actual value is on paper.
        Assert.Contains("19.03.15", string.Concat(Enumerable.Range(1, pages).Select(p => Tools.PdfText(pdf, p))));
    }

    [Fact]
    public void Pdf_without_a_browser_says_what_to_install()
    {
        using var dir = new TempDir();
        var saved = Environment.GetEnvironmentVariable("IQ_CHROMIUM");
        try
        {
            Environment.SetEnvironmentVariable("IQ_CHROMIUM", Path.Combine(dir.Path, "no-such-browser"));
            var run = CliRunner.InProcess("report", samples.File("failing", "json"), "--pdf", Path.Combine(dir.Path, "r.pdf"));
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("apt-get install chromium", run.Stderr);
            Assert.False(File.Exists(Path.Combine(dir.Path, "r.pdf")));
        }
        finally { Environment.SetEnvironmentVariable("IQ_CHROMIUM", saved); }
    }
}
