using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Engine.Facts;
using Iq.Engine.Probes.Security;
using Iq.Engine.Scans;

namespace Iq.Tests;

/// <summary>Every reader of the security work, fed mutants of real inputs and random text: never an exception, and every
/// problem it reports names its file and a line (or, for XML, a line, column and element path).</summary>
public class SecurityReaderPropertyTests
{
    static string Machine(params string[] parts) => Path.Combine([TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines", "security-host", .. parts]);

    static readonly string[] Tokens =
    [
        "\n", " ", "\t", "#", "=", ":", ",", "!", "(", ")", "[", "]", "{", "}", "\"", "'", "\\", "\\\n", "*", "/", "%", "@include ", "#includedir ",
        "Match ", "Include /etc/ssh/sshd_config.d/*.conf\n", "all", "NOPASSWD:", "ALL", "-a ", "always,exit", "-S ", "-F ", "-w ", "-p ", "-k ",
        "auth ", "required ", "[success=1 default=ignore]", "pam_unix.so ", "nullok", "rotate ", "weekly", "0A", ":0016", "中", "\u0000", "\uFFFD",
        "<", ">", "</", "<rule-result idref=\"x\">", "<result>", "pass", "</result>", "</rule-result>", "warning[]=", "|", "hardening_index=",
    ];

    static string Mutate(string text, (int Kind, int At, int Token, int Length)[] edits)
    {
        foreach (var (kind, at, token, length) in edits)
        {
            if (text.Length == 0) { text = Tokens[token % Tokens.Length]; continue; }
            var i = at % text.Length;
            text = kind switch
            {
                0 => text.Remove(i, Math.Min(length, text.Length - i)),
                1 => text.Insert(i, Tokens[token % Tokens.Length]),
                _ => text.Insert(i, text.Substring(i, Math.Min(length, text.Length - i))),
            };
        }
        return text;
    }

    static Gen<string> Mutants(params string[] seeds)
    {
        var edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1_000_000], Gen.Int[0, 1000], Gen.Int[1, 60]);
        return Gen.OneOf(
            Gen.Select(Gen.Int[0, seeds.Length - 1], edit.Array[1, 8], (s, e) => Mutate(seeds[s], e)),
            Gen.String[0, 400],
            Gen.Char.Array[0, 300].Select(c => new string(c)));
    }

    static bool Positioned(IEnumerable<ConfigProblem> problems, params string[] files) =>
        problems.All(p => p.Line >= 0 && p.Problem.ToString().Length > 0 && (files.Length == 0 || files.Contains(p.File) || p.File.StartsWith('/')));

    [Fact]
    public void Sshd_config() => Mutants(File.ReadAllText(Machine("etc", "ssh", "sshd_config")), File.ReadAllText(Machine("etc", "ssh", "sshd_config.d", "10-hardening.conf")))
        .Sample(text =>
        {
            var files = new InMemoryFiles(new Dictionary<string, string> { ["/etc/ssh/sshd_config"] = text, ["/etc/ssh/sshd_config.d/a.conf"] = text });
            var read = SshdConfig.Read(files);
            var (_, problems) = SshdConfig.ParseTestOutput(text);
            return Positioned(read.Problems) && Positioned(problems, "sshd -T");
        }, iter: 600);

    [Fact]
    public void Pam_stacks() => Mutants(File.ReadAllText(Machine("etc", "pam.d", "sshd")), File.ReadAllText(Machine("etc", "pam.d", "sudo")), File.ReadAllText(Machine("etc", "pam.d", "common-auth")))
        .Sample(text =>
        {
            var files = new InMemoryFiles(new Dictionary<string, string> { ["/etc/pam.d/sshd"] = text, ["/etc/pam.d/common-auth"] = text, ["/etc/pam.d/system-otp"] = text });
            return Positioned(PamConfig.Read(files, sssdPromptsForSecondFactor: true).Problems);
        }, iter: 600);

    [Fact]
    public void Sudoers_files() => Mutants(File.ReadAllText(Machine("etc", "sudoers")), File.ReadAllText(Machine("etc", "sudoers.d", "90-vendor")))
        .Sample(text =>
        {
            var files = new InMemoryFiles(new Dictionary<string, string> { ["/etc/sudoers"] = text, ["/etc/sudoers.d/x"] = text });
            return Positioned(Sudoers.Read(files).Problems);
        }, iter: 600);

    [Fact]
    public void Accounts_audit_firewall_sockets() => Mutants(
            File.ReadAllText(Machine("etc", "passwd")), File.ReadAllText(Machine("etc", "shadow")), File.ReadAllText(Machine("etc", "group")),
            File.ReadAllText(Machine("etc", "audit", "rules.d", "50-iq.rules")), File.ReadAllText(Machine("proc", "net", "tcp")), File.ReadAllText(Machine("proc", "net", "tcp6")),
            "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport 22 accept\n\t}\n}\n",
            "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n", "enabled 1\npid 731\n")
        .Sample(text =>
        {
            var problems = new List<ConfigProblem>();
            problems.AddRange(Accounts.Passwd(text).Problems);
            problems.AddRange(Accounts.Shadow(text).Problems);
            problems.AddRange(Accounts.Group(text).Problems);
            problems.AddRange(AuditRules.Parse(text, "auditctl -l").Problems);
            problems.AddRange(FirewallRules.Nft(text).Problems);
            problems.AddRange(FirewallRules.IptablesSave(text).Problems);
            problems.AddRange(ProcNetTcp.Parse(text, "tcp", "/proc/net/tcp").Problems);
            AuditRules.Status(text);
            JournaldConfig.TimeSpan(text);
            return Positioned(problems, "/etc/passwd", "/etc/shadow", "/etc/group", "auditctl -l", "nft list ruleset", "iptables-save", "/proc/net/tcp");
        }, iter: 600);

    [Fact]
    public void Logrotate_and_journald() => Mutants(File.ReadAllText(Machine("etc", "logrotate.d", "rsyslog")), File.ReadAllText(Machine("etc", "logrotate.conf")),
            "[Journal]\nStorage=persistent\nMaxRetentionSec=6month\n")
        .Sample(text =>
        {
            var files = new InMemoryFiles(new Dictionary<string, string>
            {
                ["/etc/logrotate.conf"] = text + "\ninclude /etc/logrotate.d\n", ["/etc/logrotate.d/x"] = text, ["/etc/systemd/journald.conf"] = text,
            });
            var rotation = LogRotation.For(files, "/var/log/auth.log");
            return Positioned(rotation.Problems) && Positioned(JournaldConfig.Read(files).Problems)
                   && (rotation.Retention is null) == (rotation.Why is not null);
        }, iter: 600);

    [Fact]
    public void Xccdf_and_arf()
    {
        var seed = Encoding.UTF8.GetString(Decompress(Path.Combine(TestPaths.Cases, "scans", "oscap-standard.results.xml.gz")));
        // The TestResult and a Rule or two, not the 3.6 MB whole, so that each mutant is read quickly.
        var at = seed.IndexOf("<TestResult", StringComparison.Ordinal);
        var small = "<?xml version=\"1.0\"?>\n<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\">\n"
                    + "<Rule id=\"xccdf_org.ssgproject.content_rule_partition_for_home\"><title>Home</title></Rule>\n"
                    + seed[at..(seed.IndexOf("</rule-result>", seed.IndexOf("<rule-result", at, StringComparison.Ordinal) + 1500, StringComparison.Ordinal) + 14)]
                    + "\n<score system=\"urn:xccdf:scoring:default\">75</score></TestResult></Benchmark>\n";
        Assert.Empty(XccdfResults.Read(new MemoryStream(Encoding.UTF8.GetBytes(small)), "seed.xml").Diagnostics);
        Mutants(small).Sample(text =>
        {
            var read = XccdfResults.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "m.xml");
            return read.Diagnostics.All(d => d.Span.File == "m.xml" && d.Span.Line >= 1 && d.Span.Column >= 1 && d.Code == "IQ4020")
                   && (read.Diagnostics.Count > 0 || read.Results.Count > 0);
        }, iter: 500);
    }

    [Fact]
    public void Lynis_reports() => Mutants(File.ReadAllText(Path.Combine(TestPaths.Cases, "scans", "lynis-report.dat"))[..6000])
        .Sample(text =>
        {
            var read = LynisReport.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "m.dat");
            return read.Diagnostics.All(d => d.Span.File == "m.dat" && d.Span.Line >= 1 && d.Code == "IQ4020");
        }, iter: 500);

    [Fact]
    public void Redaction_of_any_json() => Mutants(File.ReadAllText(Path.Combine(TestPaths.Checklists, "samples", "failing", "security.json")),
            File.ReadAllText(Path.Combine(TestPaths.Checklists, "samples", "failing", "plan.json")))
        .Sample(text =>
        {
            var (documents, diagnostics) = Redaction.Redact([("m.json", Encoding.UTF8.GetBytes(text))], new byte[16], FactSchema.Default);
            return diagnostics.Count > 0 ? documents.Count == 0 && diagnostics.All(d => d.Span.File == "m.json")
                : documents.Count == 1 && JsonNode.Parse(documents[0].Text) is JsonObject;
        }, iter: 400);

    static byte[] Decompress(string file)
    {
        using var s = ScanInput.Open(file);
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
