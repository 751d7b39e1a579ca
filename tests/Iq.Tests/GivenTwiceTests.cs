namespace Iq.Tests;

/// <summary>The same evidence given twice, through several <c>--facts</c> folders or judgment files, in either order: a
/// second document of a kind (a fact given twice, perhaps with another value) and a second judgment of one item are refused,
/// naming both files (exit 2, nothing written); neither silently wins.</summary>
public sealed class GivenTwiceTests : IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    const string Checklist = """
        checklist "twice" {
          title "given twice"
          version "1"
        }
        section "A" "a" weight 1 {
          item "A.cores" "cores" {
            level shall
            expect env.cpu.logical_cores >= 8
          }
          item "A.staff" "staff on site" {
            level shall
            manual "check the staff"
          }
        }
        """;

    string Write(string relative, string text)
    {
        var path = Path.Combine(_dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    static string Env(int cores) =>
        $"{{\"kind\":\"environment\",\"schema\":1,\"collected_at\":\"2026-11-20T09:00:00Z\",\"facts\":{{\"cpu\":{{\"logical_cores\":{cores}}}}}}}\n";

    static string Judged(string status) =>
        "{\"kind\":\"attestations\",\"schema\":1,\"collected_at\":\"2026-11-20T09:00:00Z\",\"facts\":{\"items\":[\n"
        + $"{{\"item\":\"A.staff\",\"status\":\"{status}\",\"assessor\":\"Li\",\"date\":\"2026-11-20\"}}]}}}}\n";

    static string Yaml(string status) => $"- item: A.staff\n  status: {status}\n  assessor: Li\n  date: 2026-11-20\n";

    CliRunner.Run Audit(params string[] more)
    {
        var checklist = Path.Combine(_dir.Path, "twice.iq");
        if (!File.Exists(checklist)) File.WriteAllText(checklist, Checklist);
        return CliRunner.InProcess(["audit", checklist, "--as-of", "2026-11-22", "--json", Path.Combine(_dir.Path, "r.json"), .. more]);
    }

    void Refused(CliRunner.Run run)
    {
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "r.json")));
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("b", "a")]
    public void A_fact_document_of_one_kind_in_two_folders_is_refused_naming_both_in_either_order(string first, string second)
    {
        // Sixteen cores in one folder, four in the other: the item would pass on one and fail on the other.
        var a = Write("a/environment.json", Env(16));
        var b = Write("b/environment.json", Env(4));
        var (one, two) = (first == "a" ? a : b, second == "a" ? a : b);
        var run = Audit("--facts", Path.GetDirectoryName(one)!, "--facts", Path.GetDirectoryName(two)!);
        Refused(run);
        Assert.Contains($"{two}:1:1", run.Stderr);
        Assert.Contains($"Second 'environment' document in the bundle (the first is {one})", run.Stderr);
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("b", "a")]
    public void Two_attestations_documents_in_two_folders_are_refused_naming_both_in_either_order(string first, string second)
    {
        Write("a/environment.json", Env(16));
        var a = Write("a/attestations.json", Judged("pass"));
        var b = Write("b/attestations.json", Judged("fail"));
        var (one, two) = (first == "a" ? a : b, second == "a" ? a : b);
        var run = Audit("--facts", Path.GetDirectoryName(one)!, "--facts", Path.GetDirectoryName(two)!);
        Refused(run);
        Assert.Contains($"Second 'attestations' document in the bundle (the first is {one})", run.Stderr);
        Assert.Contains(two, run.Stderr);
    }

    [Theory]
    [InlineData("pass", "fail")]
    [InlineData("fail", "pass")]
    public void A_judgment_in_the_bundle_and_another_in_a_file_is_refused_naming_both(string inBundle, string inFile)
    {
        Write("a/environment.json", Env(16));
        var bundle = Write("a/attestations.json", Judged(inBundle));
        var file = Write("j.yaml", Yaml(inFile));
        var run = Audit("--facts", Path.GetDirectoryName(bundle)!, "--attestations", file);
        Refused(run);
        Assert.Contains($"Two attestations for 'A.staff': {inBundle} in {bundle}:2:", run.Stderr);
        Assert.Contains($" and {inFile} in {file}:1:", run.Stderr);
    }

    [Theory]
    [InlineData("j1.yaml", "j2.yaml")]
    [InlineData("j2.yaml", "j1.yaml")]
    public void A_judgment_in_two_files_is_refused_naming_both_in_either_order(string first, string second)
    {
        Write("a/environment.json", Env(16));
        Write("j1.yaml", Yaml("pass"));
        Write("j2.yaml", Yaml("fail"));
        string Status(string name) => name == "j1.yaml" ? "pass" : "fail";
        var run = Audit("--facts", Path.Combine(_dir.Path, "a"), "--attestations", Path.Combine(_dir.Path, first),
            "--attestations", Path.Combine(_dir.Path, second));
        Refused(run);
        Assert.Contains($"Two attestations for 'A.staff': {Status(first)} in {Path.Combine(_dir.Path, first)}:1:", run.Stderr);
        Assert.Contains($" and {Status(second)} in {Path.Combine(_dir.Path, second)}:1:", run.Stderr);
    }
}
