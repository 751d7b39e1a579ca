using System.Text.Json;

namespace Iq.Tests;

/// <summary>An <c>error</c> row's fix says what would let the row be decided, chosen by why it could not be: a value the
/// plan leaves out is to be declared in plan.json (before, the failing sample's 6.1.1a.storage, whose machine has 5 TiB and
/// whose plan gives no minimum, told the lab to "expand the storage"); rows contradicted by a finding, or lacking the
/// provenance they require, carry an action (before, none). The fact's kind is read from the results file's own provenance
/// (the document each fact came from), not from this test; every report (console, results.json, HTML, workbook, read back
/// with the Open XML SDK) shows the one fix, in Chinese from the catalog too.</summary>
public class ErrorRowFixTests
{
    static string Failing => Path.Combine(TestPaths.Checklists, "samples", "failing");

    static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "iq-errfix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    static JsonElement Row(JsonElement results, string id) =>
        results.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    static string? Fix(JsonElement row) => row.TryGetProperty("fix", out var f) ? f.GetString() : null;

    [Fact]
    public void An_error_row_names_the_action_its_cause_calls_for_not_the_items_fail_fix()
    {
        var dir = TempDir();
        try
        {
            var json = Path.Combine(dir, "r.json");
            var run = CliRunner.InProcess("audit", "--facts", Failing, "--lang", "en", "--json", json);
            Assert.True(run.ExitCode == 1, run.Stderr);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var r = doc.RootElement;

            // A value the plan leaves out: the plan's fix, never the machine's.
            var storage = Row(r, "6.1.1a.storage");
            Assert.Equal("error", storage.GetProperty("outcome").GetString());
            Assert.Equal("missing_evidence", storage.GetProperty("reason").GetProperty("kind").GetString());
            Assert.Equal("declare plan.hardware.minimum.storage in plan.json", Fix(storage));
            Assert.Equal("IQ8101", storage.GetProperty("fix_words").GetProperty("code").GetString());
            // The console's row: its head line and the indented lines under it.
            var lines = run.Stdout.Split('\n');
            var head = Array.FindIndex(lines, l => l.Contains(" 6.1.1a.storage ", StringComparison.Ordinal));
            var under = lines.Skip(head + 1).TakeWhile(l => l.StartsWith("        ", StringComparison.Ordinal)).ToList();
            Assert.Contains("        fix: declare plan.hardware.minimum.storage in plan.json", under);
            Assert.Single(under, l => l.TrimStart().StartsWith("fix:", StringComparison.Ordinal));

            // Every error row missing only plan facts asks to declare them; every other error row says what to do.
            foreach (var row in r.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("outcome").GetString() == "error"))
            {
                var fix = Fix(row);
                Assert.False(string.IsNullOrEmpty(fix), $"{row.GetProperty("id").GetString()} has no fix");
                var reason = row.GetProperty("reason");
                if (reason.GetProperty("kind").GetString() == "missing_evidence"
                    && reason.GetProperty("facts").EnumerateArray().All(f => f.GetProperty("path").GetString()!.StartsWith("plan.", StringComparison.Ordinal)))
                    Assert.StartsWith("declare plan.", fix);
            }

            // Contradicted by a finding (the tests ran before the installation ended): re-run them, import with iq tests.
            var contradicted = r.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("reason").GetProperty("kind").GetString() == "contradicted").ToList();
            Assert.NotEmpty(contradicted);
            Assert.All(contradicted, row => Assert.StartsWith("re-run the tests after the installation has finished and import the report: iq tests ", Fix(row)));
            // A provenance not met (a rollback time typed in, not measured): have iq measure it, with iq snapshot.
            var unmet = r.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("reason").GetProperty("kind").GetString() == "provenance_not_met").ToList();
            Assert.Contains(unmet, row => row.GetProperty("id").GetString() == "6.3.2b.time"
                && Fix(row) == "have iq measure rollback.duration on the installed host and keep its seal: iq snapshot --compare BEFORE.json DIR --out BUNDLE/ --run -- ROLLBACK-COMMAND");

            // Read back: HTML and workbook in Chinese from the catalog, the same fix.
            var html = Path.Combine(dir, "r.html");
            var xlsx = Path.Combine(dir, "r.xlsx");
            var report = CliRunner.InProcess("report", json, "--html", html, "--xlsx", xlsx, "--lang", "zh");
            Assert.True(report.ExitCode == 1, report.Stderr);
            Assert.Contains("在 plan.json 中声明 plan.hardware.minimum.storage", File.ReadAllText(html));
            using var workbook = new XlsxReader(xlsx);
            var cells = workbook.SheetNames.SelectMany(sheet => workbook.Cells(sheet).Select(workbook.Text)).ToList();
            Assert.Contains("在 plan.json 中声明 plan.hardware.minimum.storage", cells);
            Assert.Contains(cells, c => c.StartsWith("在安装完成后重新运行功能测试，并导入其报告：iq tests ", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Every kind of finding that contradicts a row names an action (before, collected_before_installation had
    /// none, and the row's own fix was cleared): the kinds from the enum, the documents from the engine's list of kinds
    /// measured on the host, each document's command from the fact schema.</summary>
    [Fact]
    public void Every_finding_that_contradicts_a_row_has_a_fix()
    {
        var schema = Iq.Engine.Facts.FactSchema.Default;
        foreach (var kind in Iq.Engine.Audit.RowProvenances.OnHost)
            foreach (var findingKind in Enum.GetValues<Iq.Rules.Model.FindingKind>())
            {
                var finding = new Iq.Rules.Model.Finding(findingKind, [kind + ".json", "logs.json"], "2019-01-01T00:00:00Z", "2026-11-18T08:02:11Z");
                var fix = Iq.Rules.Runtime.ErrorFixes.For(new Iq.Rules.Runtime.Contradicted(finding, Iq.Rules.Runtime.Outcome.Pass,
                    new Iq.Rules.Runtime.Passed()), schema, d => d == kind + ".json" ? kind : "logs");
                Assert.True(fix is not null, $"{findingKind} on {kind}.json has no fix");
                if (findingKind == Iq.Rules.Model.FindingKind.CollectedBeforeInstallation)
                {
                    var command = schema.Roots.Single(r => r.Kind == kind).Command!;
                    Assert.Equal($"measure {kind}.json again on the installed host after the installation: {command}", fix!.Render(Iq.Rules.Messages.Lang.En));
                    Assert.Equal($"在安装之后于被安装的主机上重新测量 {kind}.json：{command}", fix.Render(Iq.Rules.Messages.Lang.Zh));
                }
            }
    }
}
