using System.Text.Json;

namespace Iq.Tests;

/// <summary>Omission is never notapplicable: a fact a document leaves out is missing evidence; only a document that says
/// so (the plan's {"not_applicable": "why"}, required: false) or the checklist (empty notapplicable) makes an item n/a,
/// and the reason is shown. Software names match the inventory ignoring case, by aliases, or as NAME-&lt;version&gt;.</summary>
public class OmissionTests
{
    const string Plan = """
        {"kind": "plan", "schema": 1, "facts": {
          "hardware": {"minimum": {"memory": "64 GiB", "infiniband": {"not_applicable": "单节点部署，不需要 InfiniBand"}}},
          "software": [
            {"name": "Docker", "min_version": "20.10"},
            {"name": "nvidia-driver", "min_version": "535"},
            {"name": "cuda-toolkit", "min_version": "12.0", "aliases": ["cuda-toolkit-12-2"]},
            {"name": "openssl", "min_version": "3.0.11-1"},
            {"name": "tritonserver", "min_version": "2.40", "required": false},
            {"name": "nvidia-kernel", "min_version": "1"}],
          "staff": []}}
        """;

    const string Software = """
        {"kind": "software", "schema": 1, "facts": {
          "docker": {"name": "docker", "version": "24.0.7", "source": "command"},
          "nvidia-driver-535": {"name": "nvidia-driver-535", "version": "535.129.03-0ubuntu1", "source": "dpkg"},
          "cuda-toolkit-12-2": {"name": "cuda-toolkit-12-2", "version": "12.2.2-1", "source": "dpkg"},
          "cuda-toolkit-11-8": {"name": "cuda-toolkit-11-8", "version": "11.8.0-1", "source": "dpkg"},
          "openssl": {"name": "openssl", "version": "3.0.11-1~deb12u2", "source": "dpkg"},
          "nvidia-kernel-535": {"name": "nvidia-kernel-535", "version": "535.1", "source": "dpkg"},
          "nvidia-kernel-550": {"name": "nvidia-kernel-550", "version": "550.1", "source": "dpkg"}}}
        """;

    const string Checklist = """
        checklist "omission" { title "t" version "1" scoring weighted pass_at mark veto shall }
        param mark = 70
        section "s" "s" {
          item "memory" "memory in the plan" { expect plan.hardware.minimum.memory >= 32 GiB }
          item "storage" "storage in the plan" { expect plan.hardware.minimum.storage >= 1 TiB }
          item "ib" "InfiniBand" { expect plan.hardware.minimum.infiniband }
          item "sw" foreach s in plan.software "{s.name}" {
            when if(exists(s.required), s.required, true) or exists(software[s.name]) because "{s.name} is optional and not installed"
            expect exists(software[s.name])
            expect software[s.name].version >= s.min_version
          }
          item "staff" foreach p in plan.staff "{p.name}" { expect p.trained }
          item "gpus" foreach g in env.gpus "{g.index}" { expect g.memory > 0 B  empty notapplicable "no GPU on this machine" }
        }
        """;

    static Dictionary<string, JsonElement> Audit(TempDir dir, string planJson, params string[] extra)
    {
        File.WriteAllText(Path.Combine(dir.Path, "plan.json"), planJson);
        File.WriteAllText(Path.Combine(dir.Path, "software.json"), Software);
        File.WriteAllText(Path.Combine(dir.Path, "environment.json"), """{"kind": "environment", "schema": 1, "facts": {"gpus": []}}""");
        var checklist = Path.Combine(dir.Path, "c.iq");
        File.WriteAllText(checklist, Checklist);
        // Beside the bundle, not in it: no output goes into a folder the run reads.
        using var results = new TempDir();
        var json = Path.Combine(results.Path, "r.json");
        var run = CliRunner.InProcess(["audit", checklist, "--facts", dir.Path, "--json", json, .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.Clone());
        items["$pass_at"] = doc.RootElement.GetProperty("scoring").GetProperty("pass_at").Clone();
        return items;
    }

    static string Outcome(Dictionary<string, JsonElement> items, string id) => items[id].GetProperty("outcome").GetString()!;
    static string Message(Dictionary<string, JsonElement> items, string id) => items[id].GetProperty("message").GetString()!;

    [Fact]
    public void A_fact_the_plan_leaves_out_is_missing_evidence_and_a_declared_one_is_held_with_its_reason()
    {
        using var dir = new TempDir();
        var items = Audit(dir, Plan);
        Assert.Equal("pass", Outcome(items, "memory"));
        Assert.Equal("error", Outcome(items, "storage"));
        Assert.Equal("missing evidence: plan.hardware.minimum.storage", Message(items, "storage"));
        // A shall row the vendor's plan alone declares not applicable is left to judge, its reason shown (docs/trust.md).
        Assert.Equal("notchecked", Outcome(items, "ib"));
        Assert.Contains("单节点部署，不需要 InfiniBand", Message(items, "ib"), StringComparison.Ordinal);
        Assert.Contains("plan.hardware.minimum.infiniband", Message(items, "ib"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_is_an_error_unless_the_checklist_says_it_is_fine()
    {
        using var dir = new TempDir();
        var items = Audit(dir, Plan);
        Assert.Equal("error", Outcome(items, "staff"));
        Assert.Equal("missing evidence: plan.staff is an empty list; the requirement needs at least one entry", Message(items, "staff"));
        Assert.Equal("notapplicable", Outcome(items, "gpus"));
        Assert.Equal("not applicable: env.gpus is empty: no GPU on this machine", Message(items, "gpus"));
    }

    [Fact]
    public void Software_names_match_ignoring_case_by_aliases_and_as_versioned_packages()
    {
        using var dir = new TempDir();
        var items = Audit(dir, Plan);
        Assert.Equal("pass", Outcome(items, "sw[Docker]"));                    // ignoring case
        Assert.Equal("pass", Outcome(items, "sw[nvidia-driver]"));             // nvidia-driver-535, in dpkg order
        Assert.Equal("pass", Outcome(items, "sw[cuda-toolkit]"));              // two versioned packages; the alias names one
        Assert.Equal("fail", Outcome(items, "sw[openssl]"));                   // 3.0.11-1~deb12u2 < 3.0.11-1 in dpkg order
        Assert.Equal("notapplicable", Outcome(items, "sw[tritonserver]"));
        Assert.Equal("not applicable: tritonserver is optional and not installed", Message(items, "sw[tritonserver]"));
        // Two versioned packages and no alias: ambiguous, named, never a guess.
        Assert.Equal("fail", Outcome(items, "sw[nvidia-kernel]"));
        Assert.Contains("also missing evidence: software[\"nvidia-kernel\"] (ambiguous as NAME-<version>: nvidia-kernel-535, nvidia-kernel-550 all match",
            Message(items, "sw[nvidia-kernel]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_plan_may_declare_a_fact_not_applicable()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "logs.json"), """{"kind": "logs", "schema": 1, "facts": {"largest_gap": {"not_applicable": "no"}}}""");
        var checklist = Path.Combine(dir.Path, "c.iq");
        File.WriteAllText(checklist, "checklist \"x\" { }\nitem \"a\" \"A\" { expect logs.largest_gap < 1 h }\n");
        var run = CliRunner.InProcess("audit", checklist, "--facts", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("logs.json:1:56: error IQ4002: expected a value: only the plan may declare a fact not applicable, got an object at $.facts.largest_gap", run.Stderr);
    }

    [Fact]
    public void The_pass_mark_is_a_param_the_command_line_can_set()
    {
        using var dir = new TempDir();
        Assert.Equal(70, Audit(dir, Plan)["$pass_at"].GetDouble());
        using var dir2 = new TempDir();
        Assert.Equal(90, Audit(dir2, Plan, "--set", "mark=90")["$pass_at"].GetDouble());
    }
}
