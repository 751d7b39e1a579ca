namespace Iq.Tests;

/// <summary>Nothing verified is never a pass (fresh eyes 8, F-A1): a checklist of items that cannot fail is refused by
/// <c>iq check</c> at each item's line and column, and a tautology the compiler's folding does not see still cannot pass
/// an empty bundle.</summary>
public class NeverFailsTests
{
    const string Header = "checklist \"nf\" { title \"t\" version \"1\" scoring weighted pass_at 80 veto shall }\n";

    [Fact]
    public void Items_that_cannot_fail_are_refused_at_their_positions()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "nf.iq");
        File.WriteAllText(file, Header + "section \"6\" \"s\" {\n" +
            "  item \"a\" \"true\" { level shall expect true }\n" +
            "  item \"c\" \"or true\" { level shall expect any(plan.software) or true }\n" +
            "  item \"f\" \"exists or\" { level shall expect exists(env.cpu.logical_cores) or not exists(env.cpu.logical_cores) }\n" +
            "  item \"g\" \"1==1\" { level shall expect 1 == 1 }\n" +
            "  item \"h\" \"score only 1\" { level shall score 1 }\n" +
            "  item \"ok\" \"a fact\" { level shall expect exists(env.cpu.logical_cores) or not exists(env.memory.total) }\n}\n");
        var run = CliRunner.InProcess("check", file, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}:3:3: error IQ2012: Item 'a' reads no fact: it can never fail", run.Stderr);
        Assert.Contains($"{file}:4:", run.Stderr);
        Assert.Contains("The 'expect' of item 'c' holds whatever the facts are", run.Stderr);
        Assert.Contains("The 'expect' of item 'f' holds whatever the facts are", run.Stderr);
        Assert.Contains($"{file}:6:3: error IQ2012: Item 'g' reads no fact", run.Stderr);
        Assert.Contains($"{file}:7:3: error IQ2012: Item 'h' reads no fact", run.Stderr);
        Assert.DoesNotContain("'ok'", run.Stderr);
    }

    [Fact]
    public void A_tautology_the_compiler_misses_does_not_pass_an_empty_bundle()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "taut.iq");
        // not (x and not x) holds whatever x is; folding does not look inside 'and', so the audit must hold the line.
        File.WriteAllText(file, Header + "section \"6\" \"s\" {\n" +
            "  item \"t\" \"tautology\" { level shall expect not (exists(env.cpu.logical_cores) and not exists(env.cpu.logical_cores)) }\n}\n");
        Assert.Equal(0, CliRunner.InProcess("check", file).ExitCode);
        var empty = Directory.CreateDirectory(Path.Combine(dir.Path, "empty")).FullName;
        var run = CliRunner.InProcess("audit", file, "--facts", empty, "--as-of", "2026-12-01", "--lang", "en");
        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("Verdict: PASS", run.Stdout);
        Assert.Contains("no 'environment' document in the bundle", run.Stdout);
    }
}
