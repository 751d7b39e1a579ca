using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Iq.Tests;

/// <summary>Seals shown to the reader: the scorecard's attachment sheet (read back from the xlsx) and the HTML report's
/// inputs table (in Debian's chromium) list each input's seal status — sealed and verified, sealed but changed, not sealed —
/// with the signing key's id (what openssl computes from the lab's public key), in the report's language; the seal notes
/// on rows are in that language too.</summary>
public class SealReportTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    /// <summary>The compliant sample signed with a key openssl made, then its probe edited and its baseline's seal removed;
    /// audited with the lab's public key trusted, zh reports (xlsx, HTML, JSON) and the same re-rendered in English.</summary>
    sealed class Signed : IDisposable
    {
        public readonly TempDir Dir = new();
        public string P(string name) => Path.Combine(Dir.Path, name);
        public string KeyId = "";

        public Signed()
        {
            var openssl = Oracles.Which("openssl");
            Oracles.Require(openssl is not null, "openssl (Debian package openssl)");
            Ok(Oracles.Run(openssl!, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P("lab.key")]));
            Ok(Oracles.Run(openssl!, ["pkey", "-in", P("lab.key"), "-pubout", "-out", P("lab.pub")]));
            Ok(Oracles.Run(openssl!, ["pkey", "-pubin", "-in", P("lab.pub"), "-outform", "DER", "-out", P("lab.der")]));
            KeyId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(P("lab.der"))));
            var bundle = P("bundle");
            Directory.CreateDirectory(bundle);
            foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Checklists, "samples", "compliant"), "*.json"))
                File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
            Assert.Equal(0, CliRunner.InProcess("seal", bundle, "--sign-key", P("lab.key")).ExitCode);
            var probe = Path.Combine(bundle, "environment.json");
            File.WriteAllText(probe, File.ReadAllText(probe).Replace("\"logical_cores\": 128", "\"logical_cores\": 129"));
            File.Delete(Path.Combine(bundle, "baseline.json.seal"));
            var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--trust-key", P("lab.pub"), "--as-of", "2026-11-22",
                "--json", P("r.json"), "--xlsx", P("zh.xlsx"), "--html", P("zh.html"));
            Assert.True(run.ExitCode == 1, run.Stderr);
            var en = CliRunner.InProcess("report", P("r.json"), "--lang", "en", "--xlsx", P("en.xlsx"), "--html", P("en.html"));
            Assert.True(en.ExitCode == 1, en.Stderr);
        }

        static void Ok((int Exit, string Stdout, string Stderr) run) => Assert.True(run.Exit == 0, run.Stderr);

        public void Dispose() => Dir.Dispose();
    }

    /// <summary>Per input file name: the seal's status and detail, and the key id, from the attachment sheet.</summary>
    static Dictionary<string, (string Seal, string KeyId)> Attachments(string xlsx, string sheet)
    {
        using var x = new XlsxReader(xlsx);
        var rows = x.Rows(sheet);
        Assert.Equal(5, rows[0].Length);
        return rows.Skip(1).Where(r => r.Length >= 5 && r[1] is { Length: > 0 } && r[1].EndsWith(".json") && r[3] is { Length: > 0 })
            .ToDictionary(r => Path.GetFileName(r[1]), r => (r[3], r[4]));
    }

    [SkippableFact]
    public void Attachment_sheet_lists_each_inputs_seal_status_and_key_id_in_zh_and_en()
    {
        using var s = new Signed();
        var zh = Attachments(s.P("zh.xlsx"), "C.7 附件");
        Assert.Equal(["封签", "签名密钥标识"], new XlsxReader(s.P("zh.xlsx")).Rows("C.7 附件")[0][3..]);
        Assert.StartsWith("已加封，校验通过\n", zh["software.json"].Seal);
        Assert.Contains($"签名已用可信密钥 {s.P("lab.pub")} 验证", zh["software.json"].Seal);
        Assert.Equal(s.KeyId, zh["software.json"].KeyId);
        Assert.StartsWith("已加封，但已被改动\n加封后被改动", zh["environment.json"].Seal);
        Assert.Equal(s.KeyId, zh["environment.json"].KeyId);
        Assert.Equal(("未加封\n旁边没有 baseline.json.seal", "—"), zh["baseline.json"]);
        // Nothing in English in the zh sheet's seal cells, no placeholder left.
        foreach (var (seal, _) in zh.Values)
        {
            Assert.DoesNotMatch(new Regex("sealed|signature|beside"), seal);
            Assert.DoesNotMatch(new Regex(@"\{[a-z_0-9]+\}"), seal);
        }

        var en = Attachments(s.P("en.xlsx"), "C.7 Attachments");
        Assert.StartsWith("sealed and verified\n", en["software.json"].Seal);
        Assert.StartsWith("sealed but changed\nchanged after it was sealed: SHA-256 ", en["environment.json"].Seal);
        Assert.Equal(("not sealed\nno baseline.json.seal beside it", "—"), en["baseline.json"]);
        Assert.Equal(s.KeyId, en["tests.json"].KeyId);
    }

    [SkippableFact]
    public void Zh_rows_word_their_seal_notes_in_chinese()
    {
        using var s = new Signed();
        using var x = new XlsxReader(s.P("zh.xlsx"));
        var texts = x.SheetNames.SelectMany(n => x.Cells(n)).Select(x.Text).ToList();
        // The rows resting on the edited probe name it with the Chinese note; the English detail appears nowhere.
        Assert.Contains(texts, t => t.Contains("environment.json：封签已损坏（加封后被改动：SHA-256 为 "));
        Assert.DoesNotContain(texts, t => t.Contains("seal broken") || t.Contains("not sealed") || t.Contains("changed after it was sealed"));
        var html = File.ReadAllText(s.P("zh.html"));
        Assert.Contains("封签已损坏：加封后被改动", html);
        Assert.DoesNotContain("changed after it was sealed", html);
        Assert.DoesNotContain("seal broken", html);
        // The results file keeps its English detail beside the reason as data.
        var input = JsonDocument.Parse(File.ReadAllBytes(s.P("r.json"))).RootElement.GetProperty("inputs").EnumerateArray()
            .Single(i => i.GetProperty("path").GetString()!.EndsWith("environment.json"));
        Assert.StartsWith("changed after it was sealed", input.GetProperty("seal").GetProperty("detail").GetString());
        Assert.Equal("changed", input.GetProperty("seal").GetProperty("reason").GetProperty("cause").GetString());
        Assert.Equal(s.KeyId, input.GetProperty("seal").GetProperty("reason").GetProperty("key_id").GetString());
    }

    [SkippableFact]
    public async Task Html_inputs_table_shows_each_seal_status_and_key_id_in_a_browser()
    {
        var chromium = Tools.Chromium;
        using var s = new Signed();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", .. Environment.IsPrivilegedProcess ? new[] { "--no-sandbox" } : []],
        });
        foreach (var (file, verified, changed, notSealed) in new[]
                 {
                     ("zh.html", "已加封，校验通过", "已加封，但已被改动", "未加封"),
                     ("en.html", "sealed and verified", "sealed but changed", "not sealed"),
                 })
        {
            var page = await browser.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type is "error" or "warning") errors.Add(m.Text); };
            await page.GotoAsync(new Uri(s.P(file)).AbsoluteUri);
            async Task<(string Status, string Key)> Row(string name)
            {
                var row = page.Locator($"#inputs tr[data-kind]:has(td:text-is('{s.P("bundle")}/{name}'))");
                Assert.Equal(1, await row.CountAsync());
                return (await row.Locator("td.seal b").InnerTextAsync(), await row.Locator("td").Nth(4).InnerTextAsync());
            }
            Assert.Equal((verified, s.KeyId), await Row("software.json"));
            Assert.Equal((changed, s.KeyId), await Row("environment.json"));
            Assert.Equal((notSealed, ""), await Row("baseline.json"));
            Assert.Equal("signature_verified", await page.GetAttributeAsync($"#inputs tr[data-kind='software']", "data-seal"));
            Assert.Equal("changed", await page.GetAttributeAsync($"#inputs tr[data-kind='environment']", "data-seal"));
            Assert.Equal("no_seal", await page.GetAttributeAsync($"#inputs tr[data-kind='baseline']", "data-seal"));
            Assert.DoesNotMatch(new Regex(@"\{[a-z_0-9]+\}"), await page.InnerTextAsync("#inputs"));
            Assert.Empty(errors);
        }
    }
}
