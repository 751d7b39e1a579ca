using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Iq.Tests;

/// <summary>A store with a small fleet: hospital-a (compliant, then the failing bundle: its verdict changed), hospital-b
/// (failing) and hospital-c (a plan cut short: not evaluable). Built once for the fleet report tests.</summary>
public sealed class FleetStoreFixture : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("iq-fleetrep-").FullName;
    public string Db => Path.Combine(Dir, "results.db");

    public FleetStoreFixture()
    {
        var root = Path.Combine(Dir, "fleet");
        FleetTests.CopyBundle("compliant", Path.Combine(root, "north", "hospital-a"));
        FleetTests.CopyBundle("failing", Path.Combine(root, "south", "hospital-b"));
        var broken = FleetTests.CopyBundle("compliant", Path.Combine(root, "south", "hospital-c"));
        File.WriteAllText(Path.Combine(broken, "plan.json"), "{\n  \"kind\": \"plan\",\n  \"schema\": 1,\n");
        Assert.Equal(2, CliRunner.InProcess("fleet", "run", root, "--store", Db, "--as-of", "2026-12-01").ExitCode);
        var a = Path.Combine(root, "north", "hospital-a");
        foreach (var f in Directory.GetFiles(a)) File.Delete(f);
        FleetTests.CopyBundle("failing", a);
        Assert.Equal(2, CliRunner.InProcess("fleet", "run", root, "--store", Db, "--as-of", "2026-12-01").ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}

/// <summary><c>iq fleet report --html/--xlsx</c>: the workbook read back with the Open XML SDK holds the JSON report's
/// figures; the HTML opened in a real Chromium shows them, fetches nothing and logs no error; both in Chinese and English;
/// the files are written all or none.</summary>
public sealed class FleetReportTests(FleetStoreFixture fleet) : IClassFixture<FleetStoreFixture>
{
    static readonly string[] Flags =
        ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    (JsonElement Json, string Html, string Xlsx, CliRunner.Run Run) Report(string lang)
    {
        var dir = Directory.CreateDirectory(Path.Combine(fleet.Dir, "out-" + Guid.NewGuid().ToString("N"))).FullName;
        var (json, html, xlsx) = (Path.Combine(dir, "fleet.json"), Path.Combine(dir, "fleet.html"), Path.Combine(dir, "fleet.xlsx"));
        var run = CliRunner.InProcess("fleet", "report", "--store", fleet.Db, "--json", json, "--html", html, "--xlsx", xlsx, "--lang", lang);
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        return (JsonDocument.Parse(File.ReadAllBytes(json)).RootElement, html, xlsx, run);
    }

    static double Num(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("zh", "条目通过率", "按版本", "站点", "趋势", "结论变化", "不通过")]
    [InlineData("en", "Items", "By version", "Sites", "Trend", "Changed", "fail")]
    public void The_workbook_holds_the_json_figures(string lang, string itemsSheet, string versionSheet, string sitesSheet, string trendSheet,
        string changedSheet, string failWord)
    {
        var (json, _, xlsx, _) = Report(lang);
        using var book = new XlsxReader(xlsx);

        // Pass rate per item: every item of the JSON, with its counts and rate, as numbers.
        var items = book.Rows(itemsSheet).Skip(1).Where(r => r.Length > 0).ToDictionary(r => r[0]);
        var jsonItems = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(jsonItems.Count, items.Count);
        Assert.Contains(jsonItems, i => i.GetProperty("fail").GetInt32() > 0);
        foreach (var i in jsonItems)
        {
            var row = items[i.GetProperty("id").GetString()!];
            Assert.Equal([i.GetProperty("pass").GetInt64(), i.GetProperty("fail").GetInt64(), i.GetProperty("error").GetInt64(), i.GetProperty("other").GetInt64()],
                row[4..8].Select(v => (long)Num(v)).ToArray());
            if (i.GetProperty("pass_rate").ValueKind == JsonValueKind.Null) Assert.Equal("—", row[8]);
            else Assert.Equal(i.GetProperty("pass_rate").GetDouble(), Num(row[8]), 4);
        }

        // Verdicts by product version.
        var versions = book.Rows(versionSheet).Skip(1).Where(r => r.Length > 0).ToList();
        var jsonVersions = json.GetProperty("by_product_version").EnumerateArray().ToList();
        Assert.Equal(jsonVersions.Count, versions.Count);
        foreach (var (p, row) in jsonVersions.Zip(versions))
        {
            Assert.Equal(p.GetProperty("version").GetString(), row[1]);
            Assert.Equal(new[] { "pass", "fail", "incomplete", "not_evaluable", "total" }.Select(k => p.GetProperty(k).GetInt64()),
                row[2..7].Select(v => (long)Num(v)));
        }

        // Each site's current verdict, in the report's language; the site whose verdict changed.
        var sites = book.Rows(sitesSheet).Skip(1).Where(r => r.Length > 0).ToDictionary(r => r[0]);
        Assert.Equal(json.GetProperty("site_count").GetInt32(), sites.Count);
        Assert.Equal(failWord, sites["hospital-b"][4]);
        var change = Assert.Single(json.GetProperty("verdict_changed").EnumerateArray());
        var changed = Assert.Single(book.Rows(changedSheet).Skip(1), r => r.Length > 0);
        Assert.Equal(change.GetProperty("site").GetString(), changed[0]);
        Assert.Equal(change.GetProperty("audit").GetInt64(), (long)Num(changed[5]));

        // The trend: its figures, and the chart as a picture on the same sheet.
        var trend = book.Rows(trendSheet).Skip(1).Where(r => r.Length > 0).ToList();
        var jsonTrend = json.GetProperty("trend").EnumerateArray().ToList();
        Assert.NotEmpty(jsonTrend);
        Assert.Equal(jsonTrend.Select(t => (t.GetProperty("id").GetString(), t.GetProperty("period").GetString(), t.GetProperty("counted").GetInt64())),
            trend.Select(r => ((string?)r[0], (string?)r[1], (long)Num(r[3]))));
        var sheet = book.Sheet(trendSheet);
        var drawing = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)sheet.WorksheetPart!).DrawingsPart;
        Assert.NotNull(drawing);
        Assert.Single(drawing.ImageParts);
    }

    [SkippableFact]
    public async Task The_html_report_shows_the_json_figures_in_chromium_in_chinese_and_english()
    {
        var chromium = Tools.Chromium;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = [.. Flags, .. Environment.IsPrivilegedProcess ? new[] { "--no-sandbox" } : []],
        });
        foreach (var (lang, heading, failWord) in new[] { ("zh", "最常不通过的条目", "不通过"), ("en", "Items that fail most", "fail") })
        {
            var (json, html, _, _) = Report(lang);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var errors = new List<string>();
            var requests = new List<string>();
            page.Console += (_, m) => { if (m.Type is "error" or "warning") errors.Add($"{m.Type}: {m.Text}"); };
            page.PageError += (_, e) => errors.Add($"page error: {e}");
            page.Request += (_, r) => requests.Add(r.Url);
            await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.Empty(errors);
            Assert.Equal([new Uri(html).AbsoluteUri], requests);
            Assert.Equal(lang == "zh" ? "zh-CN" : "en", await page.GetAttributeAsync("html", "lang"));

            // The totals as a reader sees them.
            Assert.Equal(json.GetProperty("site_count").GetInt32().ToString(), await page.InnerTextAsync("#site-count"));
            Assert.Equal(json.GetProperty("audits").GetInt32().ToString(), await page.InnerTextAsync("#audit-count"));
            Assert.Equal(json.GetProperty("not_evaluable").GetInt32().ToString(), await page.InnerTextAsync("#not-evaluable-count"));

            // Verdicts by product version: the visible counts equal the JSON's.
            foreach (var p in json.GetProperty("by_product_version").EnumerateArray())
            {
                var row = page.Locator($"#by-version tr[data-version='{p.GetProperty("version").GetString()}'][data-product='{p.GetProperty("product").GetString()}']");
                Assert.True(await row.IsVisibleAsync());
                foreach (var k in new[] { "pass", "fail", "incomplete", "total" })
                    Assert.Equal(p.GetProperty(k).GetInt32().ToString(), await row.Locator("td." + k).InnerTextAsync());
                Assert.Equal(p.GetProperty("not_evaluable").GetInt32().ToString(), await row.Locator("td.not-evaluable").InnerTextAsync());
            }

            // Pass rate per item: the shown percentage is the JSON's rate.
            var itemRows = page.Locator("#items tbody tr");
            Assert.Equal(json.GetProperty("items").GetArrayLength(), await itemRows.CountAsync());
            foreach (var i in json.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("fail").GetInt32() > 0))
            {
                var rate = i.GetProperty("pass_rate").GetDouble();
                var cell = page.Locator($"#items tr[data-id='{i.GetProperty("id").GetString()}'] td.rate");
                Assert.Equal((100 * rate).ToString("0.0", CultureInfo.InvariantCulture) + "%", await cell.InnerTextAsync());
            }

            // The items that fail most, the site whose verdict changed, the bundle that could not be evaluated.
            Assert.Contains(heading, await page.InnerTextAsync("#worst-section h2"));
            var worst = json.GetProperty("worst_items").EnumerateArray().ToList();
            Assert.Equal(worst.Select(w => w.GetProperty("id").GetString()!), await page.Locator("#worst tbody td.id").AllInnerTextsAsync());
            var change = page.Locator("#changed tr[data-site='hospital-a']");
            Assert.Equal("pass", await change.GetAttributeAsync("data-previous"));
            Assert.Equal("fail", await change.GetAttributeAsync("data-verdict"));
            Assert.Equal(failWord, await page.InnerTextAsync("#sites tr[data-site='hospital-b'] td.verdict"));
            Assert.Contains("hospital-c", await page.InnerTextAsync("#failures"));

            // The trend: a chart drawn inline, and its figures.
            Assert.Equal(1, await page.Locator("#trend-chart svg").CountAsync());
            Assert.Equal(json.GetProperty("trend").GetArrayLength(), await page.Locator("#trend-table tbody tr").CountAsync());
            Assert.DoesNotMatch(new Regex(@"\{[a-z_]+\}"), await page.InnerTextAsync("body"));
            Assert.Empty(errors);
            await page.CloseAsync();
        }
    }

    [Fact]
    public void The_console_report_speaks_chinese_with_lang_zh()
    {
        var (_, _, _, run) = Report("zh");
        Assert.Contains("最常不通过的条目", run.Stdout);
        Assert.Contains("结论较上次审核有变化的站点（1）", run.Stdout);
        Assert.Contains("已写入：", run.Stdout);
        Assert.DoesNotContain("Items that fail most", run.Stdout);
    }

    [Fact]
    public void Reports_are_written_all_or_none()
    {
        var dir = Directory.CreateDirectory(Path.Combine(fleet.Dir, "none-" + Guid.NewGuid().ToString("N"))).FullName;
        var json = Path.Combine(dir, "fleet.json");
        var xlsx = Path.Combine(dir, "fleet.xlsx");
        // The HTML's target is a folder: nothing is written, not even the JSON and xlsx that could have been.
        var folder = Directory.CreateDirectory(Path.Combine(dir, "fleet.html")).FullName;
        var run = CliRunner.InProcess("fleet", "report", "--store", fleet.Db, "--json", json, "--xlsx", xlsx, "--html", folder);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fleet.html", run.Stderr);
        Assert.Contains("IQ4006", run.Stderr);
        Assert.Equal([folder], Directory.GetFileSystemEntries(dir));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    /// <summary>fresheyes3 #6: the trend counts sites as the items table does (each site once, by its latest collection in
    /// the month), so a month holding every site's current audit has the items table's figures; the whole fleet's line has
    /// its figures in the JSON, the workbook and the HTML. Before, the trend counted every audit stored (hospital-a twice).</summary>
    [Fact]
    public void The_trend_counts_sites_as_the_items_table_does_and_the_whole_fleet_has_its_figures()
    {
        var (json, html, xlsx, _) = Report("en");
        var items = json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var trend = json.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(["2026-11"], trend.Select(t => t.GetProperty("period").GetString()).Distinct());
        foreach (var t in trend)
        {
            var i = items[t.GetProperty("id").GetString()!];
            Assert.Equal(i.GetProperty("pass").GetInt64(), t.GetProperty("pass").GetInt64());
            Assert.Equal(i.GetProperty("pass").GetInt64() + i.GetProperty("fail").GetInt64() + i.GetProperty("error").GetInt64(), t.GetProperty("counted").GetInt64());
        }
        Assert.All(trend, t => Assert.True(t.GetProperty("counted").GetInt64() <= 2)); // two sites can be evaluated
        var overall = Assert.Single(json.GetProperty("trend_overall").EnumerateArray());
        Assert.Equal(2, overall.GetProperty("sites").GetInt64());
        Assert.Equal(trend.Sum(t => t.GetProperty("pass").GetInt64()), overall.GetProperty("pass").GetInt64());
        Assert.Equal(trend.Sum(t => t.GetProperty("counted").GetInt64()), overall.GetProperty("counted").GetInt64());

        using var book = new XlsxReader(xlsx);
        var row = Assert.Single(book.Rows("Trend, all items").Skip(1), r => r.Length > 0);
        Assert.Equal(["2026-11", "2", overall.GetProperty("pass").GetInt64().ToString(CultureInfo.InvariantCulture),
            overall.GetProperty("counted").GetInt64().ToString(CultureInfo.InvariantCulture)], row[0..4]);
        Assert.Equal("Sites counted", book.Rows("Trend")[0][3]);
        var page = File.ReadAllText(html);
        Assert.Matches($"<tr data-period=\"2026-11\"><td>2026-11</td><td class=\"num sites\" data-value=\"2\">2</td><td class=\"num pass\" data-value=\"{overall.GetProperty("pass").GetInt64()}\">", page);
    }

    /// <summary>fresheyes3 #10: the workbook has the recent runs, as docs/fleet.md says, with the JSON's figures.</summary>
    [Fact]
    public void The_workbook_has_the_recent_runs()
    {
        var (json, _, xlsx, _) = Report("zh");
        using var book = new XlsxReader(xlsx);
        var rows = book.Rows("最近的运行").Skip(1).Where(r => r.Length > 0).ToList();
        var runs = json.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(runs.Select(r => (r.GetProperty("id").GetInt64(), r.GetProperty("seen").GetInt64(), r.GetProperty("failed").GetInt64())),
            rows.Select(r => ((long)Num(r[0]), (long)Num(r[4]), (long)Num(r[7]))));
        Assert.All(rows, r => Assert.Equal("已完成", r[3]));
    }

    /// <summary>fresheyes3 #8 (the fleet report's own words): in Chinese, a requirement's level, a run's state and "not
    /// evaluable" are Chinese, one word per state in the console, the HTML and the workbook; a stored error is worded in the
    /// report's language (FleetErrorWords), and the heading says so, not "as the run recorded it" (fleet9 #7).</summary>
    [Fact]
    public void The_chinese_report_words_levels_run_states_and_not_evaluable_one_way()
    {
        var (_, html, xlsx, run) = Report("zh");
        Assert.DoesNotContain("[shall", run.Stdout);
        Assert.Contains("[应", run.Stdout);
        Assert.DoesNotContain("finished", run.Stdout);
        Assert.Contains("已完成", run.Stdout);
        Assert.Contains(ErrorNoteZh, run.Stdout);
        Assert.DoesNotContain("结果语言记下的原文", run.Stdout);
        var page = File.ReadAllText(html);
        Assert.DoesNotContain(">finished<", page);
        Assert.Contains("<td>已完成</td>", page);
        Assert.Contains(ErrorNoteZh, page);
        Assert.DoesNotContain("结果语言记下的原文", page);
        Assert.Contains("无法评价", run.Stdout);
        Assert.Contains("无法评价", page);
        Assert.DoesNotContain("无法评估", page + run.Stdout);
        using var book = new XlsxReader(xlsx);
        Assert.Contains("无法评价", book.SheetNames);
        Assert.DoesNotContain(book.SheetNames, n => n.Contains("无法评估", StringComparison.Ordinal));
    }

    const string ErrorNoteZh = "错误以本报告的语言给出";

    /// <summary>fleet9 #7: in English, the heading of the bundles not evaluable says their errors are in the report's
    /// language, as they are shown (the error of the mixed fleet's cut-short document, worded in English).</summary>
    [Fact]
    public void The_english_report_says_errors_are_in_the_reports_language()
    {
        var (_, html, _, run) = Report("en");
        const string note = "each error in the report's language";
        Assert.Contains(note, run.Stdout);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("Each error in the report's language"), File.ReadAllText(html), StringComparison.Ordinal);
        Assert.DoesNotContain("as the run recorded it", run.Stdout + File.ReadAllText(html), StringComparison.OrdinalIgnoreCase);
    }
}
