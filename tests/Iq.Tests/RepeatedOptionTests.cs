namespace Iq.Tests;

/// <summary>A NAME=VALUE option (<c>--set</c>, <c>--report</c>) that gives one name two values is refused (exit 2, naming
/// both values) instead of the last one winning silently; the same value twice is accepted, it changes nothing. A
/// single-valued option given twice is refused in the shared parsing of every command, naming both values in the user's
/// language (the parser's own refusal named neither, in English only); the same value twice too: give it once.</summary>
public class RepeatedOptionTests
{
    static string Compliant => Path.Combine(TestPaths.Checklists, "samples", "compliant");

    static void RefusedNaming(CliRunner.Run run, string option, string first, string second)
    {
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"{option} is given twice with different values: '{first}' and '{second}'; give it once", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_param_set_twice_to_different_values_is_refused()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        RefusedNaming(CliRunner.InProcess("audit", "--facts", Compliant, "--set", "pass_mark=1", "--set", "pass_mark=100", "--json", json), "--set pass_mark", "1", "100");
        RefusedNaming(CliRunner.InProcess("audit", "--facts", Compliant, "--report", "object=A", "--report", "object=B", "--json", json), "--report object", "A", "B");
        Assert.False(File.Exists(json));
        Assert.Equal(0, CliRunner.InProcess("audit", "--facts", Compliant, "--set", "pass_mark=60", "--set", "pass_mark=60", "--as-of", "2026-11-22", "--json", json, "-q").ExitCode);
    }

    [Fact]
    public void A_single_valued_option_given_twice_is_refused_in_every_command()
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        RefusedNaming(CliRunner.InProcess("audit", "--facts", Compliant, "--scoring", "weighted", "--scoring", "flat", "--json", json), "--scoring", "weighted", "flat");
        RefusedNaming(CliRunner.InProcess("audit", "--facts", Compliant, "--json", json, "--json", Path.Combine(dir.Path, "s.json")), "--json", json, Path.Combine(dir.Path, "s.json"));
        RefusedNaming(CliRunner.InProcess("audit", "--facts", Compliant, "--as-of", "2026-11-22", "--as-of=2026-01-01", "--json", json), "--as-of", "2026-11-22", "2026-01-01");
        RefusedNaming(CliRunner.InProcess("explain", "6.1.1a.cpu", "--facts", Compliant, "--as-of", "2026-11-22", "--as-of", "2026-01-01"), "--as-of", "2026-11-22", "2026-01-01");
        RefusedNaming(CliRunner.InProcess("snapshot", dir.Path, "-o", Path.Combine(dir.Path, "..", "a.json"), "--output", "b.json"), "--output", Path.Combine(dir.Path, "..", "a.json"), "b.json");
        Assert.False(File.Exists(json));
        var same = CliRunner.InProcess("audit", "--facts", Compliant, "--as-of", "2026-11-22", "--as-of", "2026-11-22", "--json", json, "-q");
        Assert.Equal(2, same.ExitCode);
        Assert.Contains("--as-of is given more than once ('2026-11-22'); give it once", same.Stderr);
        Assert.DoesNotContain("expects a single argument", same.Stderr);
        var zh = CliRunner.InProcess("audit", "--facts", Compliant, "--scoring", "flat", "--scoring", "weighted", "--lang", "zh");
        Assert.Contains("--scoring 给出了两次且取值不同：'flat' 与 'weighted'", zh.Stderr);
    }
}
