using System.Globalization;
using System.Text;
using Iq.Rules.Runtime;
using Iq.Rules.Versions;
using Xunit.Abstractions;

namespace Iq.Tests;

/// <summary>Each version scheme against the real tool of that scheme, run live: dpkg on pairs drawn from this machine's
/// package database, rpm's own vercmp, the packaging library (PEP 440), npm's semver module and semver.org's examples.
/// The expected order always comes from the tool, never from our code.</summary>
public class VersionSchemeTests(ITestOutputHelper output)
{
    static string Case(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "versions", name);

    static int Ours(VersionScheme scheme, string a, string b)
    {
        var x = scheme.Parse(a, out var ea) ?? throw new Xunit.Sdk.XunitException($"{scheme.Name} does not parse \"{a}\": {ea}");
        var y = scheme.Parse(b, out var eb) ?? throw new Xunit.Sdk.XunitException($"{scheme.Name} does not parse \"{b}\": {eb}");
        return Math.Sign(scheme.Compare(x, y));
    }

    /// <summary>Lines of a corpus file: (text, must parse); "! text" must not parse.</summary>
    static List<(string Text, bool Valid)> Corpus(string name) =>
        File.ReadAllLines(Case(name)).Where(l => l.Length > 0)
            .Select(l => l.StartsWith("! ", StringComparison.Ordinal) ? (l[2..], false) : (l, true)).ToList();

    static string Sign(int c) => c < 0 ? "<" : c > 0 ? ">" : "=";

    void Report(string scheme, int pairs, List<string> disagreements)
    {
        output.WriteLine($"{scheme}: {pairs} pairs, {pairs - disagreements.Count} agree");
        Assert.True(disagreements.Count == 0, $"{scheme}: {disagreements.Count} of {pairs} pairs disagree:\n" + string.Join("\n", disagreements.Take(30)));
    }

    /// <summary>Checks an oracle's answer <c>{ valid: [bool], cmp: [[int|null]] }</c> over a corpus against the scheme: each
    /// text's validity (ours, the oracle's and the corpus's mark agree) and the sign of every comparison of valid texts.</summary>
    void CompareWithOracle(VersionScheme scheme, string oracle, string name, List<(string Text, bool Valid)> corpus, string stdout)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var valid = doc.RootElement.GetProperty("valid").EnumerateArray().Select(v => v.GetBoolean()).ToList();
        var cmp = doc.RootElement.GetProperty("cmp");
        var disagreements = new List<string>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var ours = scheme.Parse(corpus[i].Text, out _) is not null;
            if (ours != valid[i]) disagreements.Add($"\"{corpus[i].Text}\": {oracle} says {(valid[i] ? "valid" : "invalid")}, ours {(ours ? "valid" : "invalid")}");
            if (corpus[i].Valid != valid[i]) disagreements.Add($"\"{corpus[i].Text}\": the corpus marks it {(corpus[i].Valid ? "valid" : "invalid")}");
        }
        var pairs = 0;
        for (var i = 0; i < corpus.Count; i++)
            for (var j = 0; j < corpus.Count; j++)
            {
                if (!valid[i] || !valid[j]) continue;
                pairs++;
                var theirs = cmp[i][j].GetInt32();
                var ours = Ours(scheme, corpus[i].Text, corpus[j].Text);
                if (ours != theirs) disagreements.Add($"{corpus[i].Text} vs {corpus[j].Text}: {oracle} {Sign(theirs)}, ours {Sign(ours)}");
            }
        Report(name, pairs, disagreements);
    }

    // ---- dpkg ----

    /// <summary>Every distinct version in the package database, with the pairs worth comparing: each version beside its
    /// neighbours in sorted text order (same package family: revisions, ~, +b1, +debNuM meet), every version with an epoch
    /// against the same text without it, and a seeded random sample across the whole set.</summary>
    static List<(string A, string B)> DpkgPairs(out List<string> versions)
    {
        versions = File.ReadLines("/var/lib/dpkg/status")
            .Where(l => l.StartsWith("Version: ", StringComparison.Ordinal)).Select(l => l[9..].Trim())
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var pairs = new List<(string, string)>();
        for (var i = 0; i + 1 < versions.Count; i++) pairs.Add((versions[i], versions[i + 1]));
        foreach (var v in versions.Where(v => v.Contains(':')))
            pairs.Add((v, v[(v.IndexOf(':') + 1)..]));
        foreach (var v in versions.Where(v => v.Contains('~')))
            pairs.Add((v, v[..v.IndexOf('~')]));
        var random = new Random(20261130);
        for (var i = 0; i < 200; i++) pairs.Add((versions[random.Next(versions.Count)], versions[random.Next(versions.Count)]));
        // The cases of issue 13.
        pairs.AddRange([("9.1-1", "9.1"), ("3.0.11-1~deb12u2", "3.0.11-1"), ("1.0~rc1", "1.0"), ("2.36-9+deb12u9", "2.36-9"),
            ("1.2.3-1+b1", "1.2.3-1"), ("1:0.9", "2.0"), ("1.0+dfsg-1", "1.0-1"), ("1.0.0", "1.0"), ("1.0a", "1.0")]);
        return pairs.Distinct().ToList();
    }

    [SkippableFact]
    public void Dpkg_agrees_with_dpkg_compare_versions_on_the_package_database()
    {
        Oracles.Require(File.Exists("/var/lib/dpkg/status") && Oracles.Which("dpkg") is not null, "dpkg (a Debian machine)");
        var pairs = DpkgPairs(out var versions);
        Assert.True(versions.Count >= 100, $"only {versions.Count} versions in the package database");
        var disagreements = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
        {
            // dpkg --compare-versions exits 0 when the relation holds.
            var lt = Oracles.Run("dpkg", ["--compare-versions", p.A, "lt", p.B]).Exit == 0;
            var gt = !lt && Oracles.Run("dpkg", ["--compare-versions", p.A, "gt", p.B]).Exit == 0;
            var theirs = lt ? -1 : gt ? 1 : 0;
            var ours = Ours(DpkgVersionScheme.Instance, p.A, p.B);
            if (ours != theirs) disagreements.Add($"{p.A} vs {p.B}: dpkg {Sign(theirs)}, ours {Sign(ours)}");
        });
        int Count(Func<string, bool> f) => pairs.Count(p => f(p.A) || f(p.B));
        output.WriteLine($"dpkg: {versions.Count} distinct versions in /var/lib/dpkg/status; pairs with an epoch {Count(v => v.Contains(':'))}, " +
                         $"a revision {Count(v => v.Contains('-'))}, ~ {Count(v => v.Contains('~'))}, +bN {Count(v => v.Contains("+b"))}, " +
                         $"+debNuM {Count(v => System.Text.RegularExpressions.Regex.IsMatch(v, @"\+deb\d+u\d+"))}");
        Assert.True(pairs.Count >= 300, $"only {pairs.Count} pairs");
        Assert.True(Count(v => v.Contains(':')) >= 10 && Count(v => v.Contains('~')) >= 10 && Count(v => v.Contains("+deb")) >= 10,
            "the database lacks epochs, ~ or +debNuM versions to test with");
        Report("dpkg", pairs.Count, disagreements.ToList());
    }

    [Theory]
    [InlineData("9.1-1", "9.1", 1)]
    [InlineData("3.0.11-1~deb12u2", "3.0.11-1", -1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1:0.9", "2.0", 1)]
    [InlineData("2.36-9+deb12u9", "2.36-9+deb12u10", -1)]
    public void Dpkg_orders_the_cases_of_the_issue(string a, string b, int expected) =>
        // Stated by Debian policy 5.6.12 (the expectations are the policy's, checked against dpkg above).
        Assert.Equal(expected, Ours(DpkgVersionScheme.Instance, a, b));

    [Theory]
    [InlineData("", "version string is empty")]
    [InlineData("1.0 2", "version string has embedded spaces")]
    [InlineData("a:1.0", "epoch in version is not number")]
    [InlineData("1:", "nothing after colon in version number")]
    [InlineData("1.0-", "revision number is empty")]
    [InlineData("abc", "version number does not start with digit")]
    [InlineData("1.0_1", "invalid character '_' in version number")]
    public void Dpkg_refuses_what_dpkg_calls_bad(string text, string why)
    {
        Assert.Null(DpkgVersionScheme.Instance.Parse(text, out var error));
        Assert.Equal(why, error);
    }

    // ---- rpm ----

    [SkippableFact]
    public void Rpm_agrees_with_rpm_vercmp()
    {
        Oracles.Require(Oracles.Which("rpm") is not null, "rpm (Debian package rpm)");
        var corpus = Corpus("rpm.txt").Select(c => c.Text).ToList();
        // Real Debian versions too: rpm orders any string, and these have epochs, ~ and +.
        if (File.Exists("/var/lib/dpkg/status"))
        {
            DpkgPairs(out var debian);
            var random = new Random(7);
            corpus.AddRange(debian.OrderBy(_ => random.Next()).Take(60));
        }
        var pairs = (from a in corpus from b in corpus select (a, b)).Where((_, i) => i % 3 == 0).ToList();
        Assert.DoesNotContain(pairs, p => (p.a + p.b).IndexOfAny(['"', '\\', '%', '{', '}']) >= 0);
        // A few rpm processes, the pairs in a Lua table (rpm.vercmp as rpm's own test suite calls it); print in rpm's
        // Lua adds no newline, so each result ends with a comma.
        var theirs = new List<int>();
        foreach (var chunk in pairs.Chunk(400))
        {
            var lua = new StringBuilder("%{lua: local p = {");
            foreach (var (a, b) in chunk) lua.Append(CultureInfo.InvariantCulture, $"{{\"{a}\",\"{b}\"}},");
            lua.Append("} for _, x in ipairs(p) do print(rpm.vercmp(x[1], x[2]) .. \",\") end}");
            var (exit, stdout, stderr) = Oracles.Run("rpm", ["--eval", lua.ToString()]);
            Assert.True(exit == 0, stderr);
            theirs.AddRange(stdout.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => Math.Sign(int.Parse(l, CultureInfo.InvariantCulture))));
        }
        Assert.Equal(pairs.Count, theirs.Count);
        var disagreements = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var ours = Ours(RpmVersionScheme.Instance, pairs[i].a, pairs[i].b);
            if (ours != theirs[i]) disagreements.Add($"{pairs[i].a} vs {pairs[i].b}: rpm {Sign(theirs[i])}, ours {Sign(ours)}");
        }
        Report("rpm", pairs.Count, disagreements);
    }

    // ---- PEP 440 ----

    static string? PythonWithPackaging() =>
        new[] { "/usr/bin/python3", Oracles.Which("python3") }.OfType<string>().Where(File.Exists)
            .FirstOrDefault(p => Oracles.Run(p, ["-c", "import packaging.version"]).Exit == 0);

    [SkippableFact]
    public void Pep440_agrees_with_the_packaging_library()
    {
        var python = PythonWithPackaging();
        Oracles.Require(python is not null, "python3-packaging (Debian package)");
        var corpus = Corpus("pep440.txt");
        // Versions of the Python packages installed on this machine.
        var dist = "/usr/lib/python3/dist-packages";
        if (Directory.Exists(dist))
            corpus.AddRange(Directory.EnumerateDirectories(dist).Select(Path.GetFileName).OfType<string>()
                .Select(d => System.Text.RegularExpressions.Regex.Match(d, @"^[^-]+-(.+)\.(dist|egg)-info$"))
                .Where(m => m.Success).Select(m => (m.Groups[1].Value, true)).Distinct());
        var texts = corpus.Select(c => c.Text).ToList();
        const string script = """
            import sys, json
            from packaging.version import Version, InvalidVersion
            texts = json.load(sys.stdin)
            parsed = []
            for t in texts:
                try: parsed.append(Version(t))
                except InvalidVersion: parsed.append(None)
            out = {"valid": [p is not None for p in parsed], "cmp": []}
            for i, a in enumerate(parsed):
                row = []
                for b in parsed:
                    row.append(None if a is None or b is None else (a > b) - (a < b))
                out["cmp"].append(row)
            print(json.dumps(out))
            """;
        var (exit, stdout, stderr) = Oracles.Run(python!, ["-c", script], System.Text.Json.JsonSerializer.Serialize(texts));
        Assert.True(exit == 0, stderr);
        CompareWithOracle(Pep440VersionScheme.Instance, "packaging", "pep440", corpus, stdout);
    }

    // ---- SemVer ----

    [Fact]
    public void Semver_follows_the_precedence_examples_of_semver_org()
    {
        // semver.org §11: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2 < 1.0.0-beta.11
        // < 1.0.0-rc.1 < 1.0.0, and 1.0.0 < 2.0.0 < 2.1.0 < 2.1.1; §10: build metadata does not figure in precedence.
        string[] chain = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"];
        for (var i = 0; i < chain.Length; i++)
            for (var j = 0; j < chain.Length; j++)
                Assert.Equal(i.CompareTo(j), Ours(SemVerScheme.Instance, chain[i], chain[j]));
        Assert.Equal(0, Ours(SemVerScheme.Instance, "1.0.0+20130313144700", "1.0.0"));
        Assert.Equal(0, Ours(SemVerScheme.Instance, "1.0.0-beta+exp.sha.5114f85", "1.0.0-beta"));
    }

    [SkippableFact]
    public void Semver_agrees_with_npms_semver_module()
    {
        var npm = Oracles.Which("npm");
        var root = npm is null ? null : Oracles.Run(npm, ["root", "-g"]).Stdout.Trim();
        var module = root is null ? null : Path.Combine(root, "npm", "node_modules", "semver");
        Oracles.Require(module is not null && Directory.Exists(module) && Oracles.Which("node") is not null, "Node.js with npm (npm bundles the semver module)");
        var corpus = Corpus("semver.txt");
        var texts = corpus.Select(c => c.Text).ToList();
        var script = $$"""
            const semver = require({{System.Text.Json.JsonSerializer.Serialize(module)}});
            let input = ''; process.stdin.on('data', d => input += d); process.stdin.on('end', () => {
              const texts = JSON.parse(input);
              const valid = texts.map(t => semver.valid(t) !== null && !/^[v=\s]/.test(t));
              const cmp = texts.map((a, i) => texts.map((b, j) => valid[i] && valid[j] ? semver.compare(a, b) : null));
              console.log(JSON.stringify({ valid, cmp }));
            });
            """;
        var (exit, stdout, stderr) = Oracles.Run(Oracles.Which("node")!, ["-e", script], System.Text.Json.JsonSerializer.Serialize(texts));
        Assert.True(exit == 0, stderr);
        CompareWithOracle(SemVerScheme.Instance, "npm semver", "semver", corpus, stdout);
    }

    // ---- how versions meet in comparisons ----

    [Fact]
    public void A_version_without_a_scheme_is_read_in_the_scheme_of_the_other_side()
    {
        var installed = new IqVersion("9.1-1", DpkgVersionScheme.Instance);
        Assert.True(installed.CompareTo(new IqVersion("9.1", null)) > 0);
        Assert.True(new IqVersion("9.1", null).CompareTo(installed) < 0);
        // Generic order when neither names one: the Debian revision reads as a pre-release.
        Assert.True(new IqVersion("9.1-1", null).CompareTo(new IqVersion("9.1", null)) < 0);
        Assert.Same(GenericVersionScheme.Instance, IqVersion.SchemeUsed(new IqVersion("1.0", null), "2.0"));
        Assert.Same(DpkgVersionScheme.Instance, IqVersion.SchemeUsed("2.0", installed));
    }

    [Fact]
    public void A_text_that_does_not_parse_in_the_scheme_is_an_error_naming_it()
    {
        var torch = new IqVersion("2.1.0+cu121", Pep440VersionScheme.Instance);
        var e = Assert.Throws<EvaluationException>(() => torch.CompareTo(new IqVersion("latest", null)));
        Assert.Equal("not a pep440 version: \"latest\" (not a PEP 440 version)", e.Message);
        var mixed = Assert.Throws<EvaluationException>(() => torch.CompareTo(new IqVersion("2.1.0", SemVerScheme.Instance)));
        Assert.Equal("cannot compare pep440 version \"2.1.0+cu121\" with semver version \"2.1.0\"", mixed.Message);
    }
}

/// <summary>Versions in an audit: the scheme comes from the fact's <c>source</c>, the plan's text is read in it, and
/// the row says which order decided.</summary>
public class VersionAuditTests
{
    [Fact]
    public void An_audit_compares_by_the_source_scheme_and_says_which()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "software.json"), """
            {"kind": "software", "schema": 1, "facts": {
              "libssl3": {"name": "libssl3", "version": "3.0.11-1~deb12u2", "source": "dpkg"},
              "gzip": {"name": "gzip", "version": "9.1-1", "source": "dpkg"},
              "docker": {"name": "docker", "version": "19.03.15", "source": "command"},
              "odd": {"name": "odd", "version": "abc", "source": "dpkg"}}}
            """);
        var checklist = Path.Combine(dir.Path, "v.iq");
        File.WriteAllText(checklist, """
            checklist "v" { title "versions" version "1" }
            section "s" "s" {
              item "ssl" "openssl is patched" { expect software["libssl3"].version >= "3.0.11-1" }
              item "gzip" "gzip 9.1 or later" { expect software["gzip"].version >= "9.1" }
              item "docker" "docker 20.10 or later" { expect software["docker"].version >= "20.10" }
              item "odd" "an odd version" { expect software["odd"].version >= "1.0" }
            }
            """);
        // Beside the bundle, not in it: no output goes into a folder the run reads.
        using var results = new TempDir();
        var json = Path.Combine(results.Path, "r.json");
        CliRunner.InProcess("audit", checklist, "--facts", dir.Path, "--json", json);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        // 3.0.11-1~deb12u2 is below 3.0.11-1 in Debian's order (the generic order called it equal or above).
        Assert.Equal("fail", items["ssl"].GetProperty("outcome").GetString());
        var evidence = items["ssl"].GetProperty("evidence")[0];
        Assert.Equal(">= 3.0.11-1 (dpkg order: Debian policy, epoch, upstream, revision, ~)", evidence.GetProperty("expected").GetString());
        Assert.Equal("pass", items["gzip"].GetProperty("outcome").GetString());
        Assert.Equal("fail", items["docker"].GetProperty("outcome").GetString());
        Assert.Contains("generic dotted order", items["docker"].GetProperty("evidence")[0].GetProperty("expected").GetString());
        Assert.Equal("error", items["odd"].GetProperty("outcome").GetString());
        Assert.Equal("not a dpkg version: \"abc\" (version number does not start with digit)", items["odd"].GetProperty("message").GetString());
    }
}
