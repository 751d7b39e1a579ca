using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iq.Engine.Scans;

namespace Iq.Tests;

/// <summary>iq scans over real OpenSCAP and Lynis output: the committed captures and, where the tools are installed
/// (always in CI), a fresh run on this machine. What iq reads is compared with each tool's own summary.</summary>
public class ScanTests
{
    static string Case(string name) => Path.Combine(TestPaths.Cases, "scans", name);
    const string Ds = "/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml";

    /// <summary>oscap's stdout: one "Result\r\tVALUE" line per rule it evaluated (it leaves out notselected; the \r is
    /// its progress display).</summary>
    static Dictionary<string, int> OscapSummary(string stdout) =>
        Regex.Matches(stdout, @"^Result\r?\t(\w+)\r?$", RegexOptions.Multiline).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count());

    static Dictionary<string, int> Counts(JsonNode scan) =>
        scan["counts"]!.AsObject().Where(c => c.Key != "notselected").ToDictionary(c => c.Key, c => (int)c.Value!);

    static JsonObject Read(params string[] files)
    {
        var (facts, diagnostics) = SecurityScans.Read(files);
        Assert.True(facts is not null, string.Join("\n", diagnostics));
        return facts!;
    }

    [Fact]
    public void Captured_oscap_results_and_arf_match_oscaps_own_summary()
    {
        var facts = Read(Case("oscap-standard.results.xml.gz"), Case("oscap-standard.arf.xml.gz"));
        var expected = OscapSummary(File.ReadAllText(Case("oscap-standard.stdout.txt")));
        Assert.Equal(new Dictionary<string, int> { ["pass"] = 17, ["fail"] = 1, ["notapplicable"] = 26 }, expected);
        var (xccdf, arf) = (facts["scans"]![0]!, facts["scans"]![1]!);
        Assert.Equal(expected, Counts(xccdf));
        Assert.Equal(expected, Counts(arf));
        Assert.Equal(311, (int)xccdf["counts"]!["notselected"]!);
        Assert.Equal("xccdf-1.2+gzip", (string)xccdf["format"]!);
        Assert.Equal("arf-1.1+gzip", (string)arf["format"]!);
        Assert.Equal("xccdf_org.ssgproject.content_profile_standard", (string)arf["profile"]!);
        Assert.Equal("xccdf_org.ssgproject.content_benchmark_DEBIAN-11", (string)arf["benchmark"]!);
        Assert.Equal("1.3.7", (string)arf["tool_version"]!);
        Assert.Equal(75.0, (double)xccdf["score"]!);
        Assert.Equal(64, ((string)xccdf["sha256"]!).Length);
        // Every rule oscap printed is in the rules map with the result it printed, and a title from the benchmark.
        var printed = Regex.Matches(File.ReadAllText(Case("oscap-standard.stdout.txt")), @"^Rule\r?\t(\S+)\r?\nResult\r?\t(\w+)", RegexOptions.Multiline);
        Assert.Equal(44, printed.Count);
        var rules = facts["rules"]!.AsObject();
        Assert.Equal(355, rules.Count);
        foreach (Match m in printed)
        {
            Assert.Equal(m.Groups[2].Value, (string)rules[m.Groups[1].Value]!["result"]!);
            Assert.IsType<string>((string?)rules[m.Groups[1].Value]!["title"]);
        }
        var failed = rules["xccdf_org.ssgproject.content_rule_file_permissions_systemmap"]!;
        Assert.Equal("fail", (string)failed["result"]!);
        Assert.Equal("Verify that local System.map file (if exists) is readable only by root", (string)failed["title"]!);
        Assert.Equal("""{"$absent":"no Lynis report was given","$code":"IQ7205","$args":{}}""", facts["lynis"]!.ToJsonString());
    }

    [Fact]
    public void The_unmodified_debian11_content_on_debian12_is_all_notapplicable_and_read_so()
    {
        var facts = Read(Case("oscap-standard-asis.results.xml.gz"));
        var expected = OscapSummary(File.ReadAllText(Case("oscap-standard-asis.stdout.txt")));
        Assert.Equal(new Dictionary<string, int> { ["notapplicable"] = 44 }, expected);
        Assert.Equal(expected, Counts(facts["scans"]![0]!));
    }

    /// <summary>Lynis's own summary lines.</summary>
    static (int Warnings, int Suggestions, int Tests, int Index) LynisSummary(string stdout)
    {
        int Number(string pattern) => Regex.Match(stdout, pattern, RegexOptions.Multiline) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return (Number(@"^\s+Warnings \((\d+)\):"), Number(@"^\s+Suggestions \((\d+)\):"), Number(@"^\s+Tests performed : (\d+)"), Number(@"^\s+Hardening index : (\d+)"));
    }

    [Fact]
    public void Captured_lynis_report_matches_lynis_own_summary()
    {
        var facts = Read(Case("lynis-report.dat"));
        var summary = LynisSummary(File.ReadAllText(Case("lynis.stdout.txt")));
        Assert.Equal((2, 46, 240, 56), summary);
        var lynis = facts["lynis"]!;
        Assert.Equal(summary, (lynis["warnings"]!.AsArray().Count, lynis["suggestions"]!.AsArray().Count, lynis["tests_executed"]!.AsArray().Count, (int)lynis["hardening_index"]!));
        Assert.Equal("""{"test":"PKGS-7392","text":"Found one or more vulnerable packages.","details":"-"}""", lynis["warnings"]![0]!.ToJsonString());
        var scan = facts["scans"]![0]!;
        Assert.Equal("3.0.8", (string)scan["tool_version"]!);
        // The host's wall clock, no zone: read in UTC when iq scans is given no --tz, and said so (LynisLocalTimesTests).
        Assert.Equal("2026-11-30T05:23:11Z", (string)scan["started"]!);
        Assert.Equal("UTC", (string)scan["local_times"]!["zone"]!);
        Assert.Equal(213, (int)scan["counts"]!["tests_skipped"]!);
        Assert.Equal("""{"$absent":"no OpenSCAP results were given","$code":"IQ7204","$args":{}}""", facts["rules"]!.ToJsonString());
    }

    [SkippableFact]
    public void Oscap_run_here_is_read_without_loss_plain_and_gzipped()
    {
        var oscap = Requires.Tool("oscap", "openscap-scanner");
        if (!File.Exists(Ds)) { if (Requires.InCi) Assert.Fail($"{Ds} missing: ./test installs ssg-debian"); Skip.If(true, $"{Ds} missing (apt-get install ssg-debian); skipped"); }
        using var dir = new TempDir();
        // Debian 12 has no content of its own: the Debian 11 benchmark without its platform line (see Cases/scans/README.md).
        var ds = Path.Combine(dir.Path, "ds.xml");
        File.WriteAllLines(ds, File.ReadLines(Ds).Where(l => l.Trim() != """<xccdf-1.2:platform idref="cpe:/o:debian:debian_linux:11"/>"""));
        var (results, arf) = (Path.Combine(dir.Path, "results.xml"), Path.Combine(dir.Path, "arf.xml"));
        var run = Requires.Run(oscap, "xccdf", "eval", "--profile", "xccdf_org.ssgproject.content_profile_standard", "--results", results, "--results-arf", arf, ds);
        Assert.True(run.Code is 0 or 2, $"oscap exited {run.Code}: {run.Stderr}"); // 2: some rule failed
        var expected = OscapSummary(run.Stdout);
        Assert.True(expected.Values.Sum() > 0, "oscap printed no results");
        using (var gz = new GZipStream(File.Create(results + ".gz"), CompressionLevel.Fastest)) using (var s = File.OpenRead(results)) s.CopyTo(gz);
        var facts = Read(results, arf, results + ".gz");
        foreach (var scan in facts["scans"]!.AsArray()) Assert.Equal(expected, Counts(scan!));
        Assert.Equal("xccdf-1.2+gzip", (string)facts["scans"]![2]!["format"]!);
    }

    [SkippableFact]
    public void Lynis_run_here_is_read_without_loss()
    {
        var lynis = Requires.Tool("lynis", "lynis");
        using var dir = new TempDir();
        var report = Path.Combine(dir.Path, "lynis-report.dat");
        // Three groups keep it to about 30 s; the whole audit takes about 90 s (the committed capture is a whole one).
        var run = Requires.Run(lynis, "audit", "system", "--quick", "--no-colors", "--skip-plugins", "--tests-from-group", "authentication ssh firewalls",
            "--report-file", report, "--logfile", Path.Combine(dir.Path, "lynis.log"));
        Assert.True(run.Code == 0, $"lynis exited {run.Code}: {run.Stderr}");
        var summary = LynisSummary(run.Stdout);
        Assert.True(summary.Tests > 0, "lynis printed no 'Tests performed'");
        var l = Read(report)["lynis"]!;
        Assert.Equal(summary, (l["warnings"]!.AsArray().Count, l["suggestions"]!.AsArray().Count, l["tests_executed"]!.AsArray().Count, (int)l["hardening_index"]!));
    }

    [Fact]
    public void Iq_scans_writes_the_document_and_prints_each_scan()
    {
        using var dir = new TempDir();
        var run = CliRunner.InProcess("scans", Case("oscap-standard.arf.xml.gz"), Case("lynis-report.dat"), "--out", dir.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("openscap 1.3.7, xccdf_org.ssgproject.content_profile_standard (arf-1.1+gzip): 17 pass, 1 fail, 26 notapplicable, 311 notselected", run.Stdout);
        Assert.Contains("lynis 3.0.8, hardening index 56: 240 tests_executed, 213 tests_skipped, 2 warnings, 46 suggestions", run.Stdout);
        var bundle = Iq.Engine.Facts.FactBundleReader.Load([dir.Path], Iq.Engine.Facts.FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
        Assert.Equal("security_scans", Assert.Single(bundle.Inputs).Kind);
    }

    [Theory]
    [InlineData("compliant", "pass pass pass pass pass", 0)]
    [InlineData("failing", "pass pass pass fail fail", 1)]
    public void The_scans_tailoring_requires_named_rules_to_pass_and_no_lynis_warning(string sample, string outcomes, int exit)
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "examples", "scans.iq"), "--facts",
            Path.Combine(TestPaths.Checklists, "samples", sample), "--json", json, "--as-of", "2026-11-22");
        Assert.Equal(exit, run.ExitCode);
        var items = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray()
            .Where(i => ((string)i!["id"]!).StartsWith("6.2.1.scan-rule[", StringComparison.Ordinal) || (string)i!["id"]! == "6.2.1.lynis-warnings");
        Assert.Equal(outcomes, string.Join(' ', items.Select(i => (string)i!["outcome"]!)));
    }

    // ---- bad input: exit 2, file and line or element path, nothing written -----------------------------------------

    static CliRunner.Run Refused(string name, string content, out string output)
    {
        var dir = Directory.CreateTempSubdirectory("iq-scans-").FullName;
        var file = Path.Combine(dir, name);
        File.WriteAllText(file, content);
        output = Path.Combine(dir, "out");
        var run = CliRunner.InProcess("scans", file, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.False(Directory.Exists(output), "nothing may be written for bad input");
        Assert.DoesNotContain("   at ", run.Stderr);
        return run;
    }

    const string Xccdf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="b">
          <Rule id="r1"><title>One</title></Rule>
          <TestResult id="t" start-time="2026-11-30T05:22:58+00:00" end-time="2026-11-30T05:22:59+00:00" test-system="cpe:/a:redhat:openscap:1.3.7">
            <benchmark href="ds.xml" id="b"/>
            <profile idref="p"/>
            <target>host-a</target>
            <rule-result idref="r1" severity="high"><result>pass</result><ident system="https://nvd.nist.gov/cce/index.cfm">CCE-1</ident></rule-result>
            RULE2
            <score system="urn:xccdf:scoring:default" maximum="100">100</score>
          </TestResult>
        </Benchmark>
        """;

    [Fact]
    public void A_minimal_result_is_read_with_its_idents()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "r.xml");
        File.WriteAllText(file, Xccdf.Replace("RULE2", ""));
        var rules = Read(file)["rules"]!;
        Assert.Equal("""{"r1":{"result":"pass","severity":"high","title":"One","idents":["CCE-1"],"scan":"FILE"}}""".Replace("FILE", file), rules.ToJsonString());
    }

    [Fact]
    public void A_result_that_is_not_an_xccdf_result_names_the_line_and_the_element()
    {
        var run = Refused("r.xml", Xccdf.Replace("RULE2", """<rule-result idref="r2"><result>passed</result></rule-result>"""), out _);
        Assert.EndsWith("r.xml:9:6: error IQ4020: /Benchmark/TestResult[1]/rule-result[2] (r2): result 'passed' is not an XCCDF result (pass, fail, error, unknown, notapplicable, notchecked, notselected, informational, fixed)\n", run.Stderr);
        run = Refused("r.xml", Xccdf.Replace("RULE2", """<rule-result severity="low"><result>pass</result></rule-result>"""), out _);
        Assert.EndsWith("r.xml:9:6: error IQ4020: /Benchmark/TestResult[1]/rule-result[2]: a rule-result needs idref\n", run.Stderr);
    }

    [Fact]
    public void A_dtd_is_refused_so_no_entity_is_ever_expanded()
    {
        var bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2">&lol2;</Benchmark>""";
        var run = Refused("bomb.xml", bomb, out _);
        Assert.Matches(@"bomb\.xml:1:\d+: error IQ4020: the scan report's XML cannot be read: holds a DTD \(refused, against entity expansion and external entities\) \(XML says: For security reasons DTD is prohibited in this XML document\)", run.Stderr);
        var xxe = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2">&x;</Benchmark>""";
        Assert.DoesNotContain("root:", Refused("xxe.xml", xxe, out _).Stderr);
    }

    [Fact]
    public void A_gzip_bomb_stops_at_the_limit()
    {
        var dir = Directory.CreateTempSubdirectory("iq-scans-").FullName;
        var file = Path.Combine(dir, "bomb.xml.gz");
        using (var gz = new GZipStream(File.Create(file), CompressionLevel.SmallestSize))
        {
            gz.Write("<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"><!-- "u8);
            var zeros = new byte[1 << 20];
            Array.Fill(zeros, (byte)' ');
            for (var i = 0; i < 600; i++) gz.Write(zeros); // 600 MiB of spaces in a comment, about 600 KB on disk
        }
        Assert.True(new FileInfo(file).Length < 4 << 20);
        var run = CliRunner.InProcess("scans", file, "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{file}:1:1: error IQ4020: decompresses to more than 512 MiB; refused (a gzip bomb?)\n", run.Stderr);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("junk.xml", "<html><body>no</body></html>", "junk.xml:1:2: error IQ4020: /html: not XCCDF results or ARF: the root element is <html> in namespace ''")]
    [InlineData("bench.xml", "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"><Rule id=\"r\"/></Benchmark>", "bench.xml:1:1: error IQ4020: no TestResult element: this is a benchmark or data stream without results (oscap xccdf eval --results FILE writes results)")]
    [InlineData("cut.xml", "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"><TestResult>", "cut.xml:1:69: error IQ4020: the scan report's XML cannot be read: the XML ends before its document does (XML says: Unexpected end of file has occurred. The following elements are not closed: TestResult, Benchmark)")]
    [InlineData("report.dat", "# Lynis Report\nreport_version_major=1\nhardening_index=high\n", "report.dat:3:1: error IQ4020: hardening_index must be a number from 0 to 100, not 'high'")]
    [InlineData("report.dat", "# Lynis Report\nreport_version_major=1\nwarning[]=no fields\n", "report.dat:3:1: error IQ4020: warning[] needs TEST|text|details|…")]
    [InlineData("notes.txt", "hello world\n", "notes.txt:1:1: error IQ4020: not a Lynis report line (key=value)")]
    [InlineData("empty.dat", "", "empty.dat:1:1: error IQ4020: not a Lynis report: no report_version_major line")]
    public void Bad_reports_are_refused_with_their_position(string name, string content, string message)
    {
        var run = Refused(name, content, out var output);
        Assert.EndsWith(message + "\n", run.Stderr);
        Assert.StartsWith(Path.GetDirectoryName(output)!, run.Stderr);
    }

    [Fact]
    public void Two_lynis_reports_and_a_missing_file_are_refused()
    {
        var run = CliRunner.InProcess("scans", Case("lynis-report.dat"), Case("lynis-report.dat"), "/nonexistent/report.xml", "--out", Path.Combine(Path.GetTempPath(), "iq-no-out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{Case("lynis-report.dat")}:1:1: error IQ4020: a second Lynis report (the first is {Case("lynis-report.dat")}): give one per bundle", run.Stderr);
        Assert.Contains("/nonexistent/report.xml:1:1: error IQ1012: file not found", run.Stderr);
    }
}
