namespace Iq.Tests;

/// <summary>iq report refuses a results file whose seal does not hold, and says which way it does not: changed after it was
/// sealed, a seal that cannot be read, or the seal of another file. Only the first is a file changed since iq wrote it; the
/// others say nothing of the file's bytes, so they must not claim it was changed (in either language).</summary>
public sealed class ResultsSealWordsTests : IDisposable
{
    readonly TempDir _dir = new();
    string P(string name) => Path.Combine(_dir.Path, name);

    public void Dispose() => _dir.Dispose();

    string Audit(string name)
    {
        var json = P(name);
        var run = CliRunner.InProcess("audit", SampleReports.Checklist, "--facts", SampleReports.Sample("compliant"), "--as-of", "2026-11-22", "--json", json);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(json + ".seal"));
        return json;
    }

    (string En, string Zh) Refused(string results)
    {
        var en = CliRunner.InProcess("report", results, "--lang", "en", "--html", P("r.html"));
        var zh = CliRunner.InProcess("report", results, "--lang", "zh", "--html", P("r.html"));
        Assert.True(en.ExitCode == 2, en.Stderr);
        Assert.True(zh.ExitCode == 2, zh.Stderr);
        Assert.False(File.Exists(P("r.html")));
        return (en.Stderr, zh.Stderr);
    }

    [Fact]
    public void A_file_changed_after_it_was_sealed_is_said_to_be_changed()
    {
        var r = Audit("r.json");
        File.AppendAllText(r, " ");
        var (en, zh) = Refused(r);
        Assert.Contains("r.json: its seal does not hold (changed after it was sealed: SHA-256 ", en);
        Assert.Contains("the file was changed after iq wrote it", en);
        Assert.Contains("该文件在 iq 写出后已被改动", zh);
    }

    [Fact]
    public void An_unreadable_seal_is_said_to_be_unreadable_not_a_changed_file()
    {
        var r = Audit("r.json");
        File.WriteAllText(r + ".seal", "not a seal\n");
        var (en, zh) = Refused(r);
        Assert.Contains("r.json: its seal cannot be read (r.json.seal: ", en);
        Assert.Contains("nothing shows the file is the one iq wrote", en);
        Assert.DoesNotContain("changed", en);
        Assert.Contains("r.json：封签无法读取（r.json.seal: ", zh);
        Assert.DoesNotContain("改动", zh);
    }

    [Fact]
    public void The_seal_of_another_file_is_said_to_be_another_files_not_a_changed_file()
    {
        var a = Audit("a.json");
        var r = P("r.json");
        File.Copy(a, r);
        File.Copy(a + ".seal", r + ".seal");
        var (en, zh) = Refused(r);
        Assert.Contains("r.json: its seal r.json.seal is the seal of 'a.json', not of this file", en);
        Assert.DoesNotContain("changed", en);
        Assert.Contains("r.json：封签 r.json.seal 封的是 'a.json'，不是该文件", zh);
        Assert.DoesNotContain("改动", zh);
    }
}
