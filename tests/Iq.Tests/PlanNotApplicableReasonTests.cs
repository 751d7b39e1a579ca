using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>The vendor's plan may say a requirement does not apply only with a reason, by the same rule as a judgment or a
/// model description (<c>NotApplicableReason</c>): "n/a", "无", "不适用" say nothing and are refused at their JSON path, exit 2,
/// where they took shall rows (4.1.1 a hardware, 4.1.2 stages, software …) out of the score (fresh-eyes F-B3).</summary>
public class PlanNotApplicableReasonTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    static string Bundle(TempDir dir, Action<JsonObject> edit)
    {
        var bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.Checklists, "samples", "failing"), "*.json*"))
            File.Copy(f, Path.Combine(bundle, Path.GetFileName(f)));
        var plan = Path.Combine(bundle, "plan.json");
        var doc = JsonNode.Parse(File.ReadAllText(plan))!.AsObject();
        edit(doc["facts"]!.AsObject());
        File.WriteAllText(plan, doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return bundle;
    }

    [Theory]
    [InlineData("hardware", "n/a")]
    [InlineData("stages", "无")]
    [InlineData("software", "不适用")]
    [InlineData("data_imports", "N/A because")]
    public void A_plan_not_applicable_that_gives_no_reason_is_refused_at_its_path(string fact, string reason)
    {
        using var dir = new TempDir();
        var bundle = Bundle(dir, f => f[fact] = new JsonObject { ["not_applicable"] = reason });
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--lang", "en", "--as-of", TestClock.AsOfFor(bundle));
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"$.facts.{fact}.not_applicable", run.Stderr);
        Assert.Contains($"'{reason}' is not one", run.Stderr);
        Assert.Contains("plan.json", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    /// <summary>A reason (four letters or characters beyond the filler words) is still taken as the plan's word.</summary>
    [Fact]
    public void A_plan_not_applicable_with_a_reason_is_read()
    {
        using var dir = new TempDir();
        var bundle = Bundle(dir, f => f["hardware"]!.AsObject()["minimum"]!.AsObject()["infiniband"] = new JsonObject { ["not_applicable"] = "单节点部署，不需要 InfiniBand" });
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--lang", "en", "--as-of", TestClock.AsOfFor(bundle));
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
    }
}
