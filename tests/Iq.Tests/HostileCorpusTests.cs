namespace Iq.Tests;

/// <summary>The hostile-input corpus (tests/hostile), every case through the real iq process. Cases run one at a time:
/// some time the process, and some send it signals.</summary>
[Collection("hostile corpus")]
public class HostileCorpusTests
{
    public static IEnumerable<object[]> Cases() => HostileCorpus.Load().Select(c => new object[] { c.Class, c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string @class, string name)
    {
        var c = HostileCorpus.Load().Single(x => x.Class == @class && x.Name == name);
        var problems = HostileCorpus.Check(c);
        Assert.True(problems.Count == 0, $"{c.File}:{c.Line}: {c}\n  run: iq {c.Run}\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Every_class_has_cases_and_every_case_file_parses()
    {
        var cases = HostileCorpus.Load().ToList();
        var classes = cases.Select(c => c.Class).Distinct().ToList();
        foreach (var dir in Directory.EnumerateDirectories(HostileCorpus.Root).Where(d => Path.GetFileName(d) != "fixtures"))
            Assert.Contains(Path.GetFileName(dir), classes);
        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
    }
}
