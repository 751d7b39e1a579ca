using System.Text.Json.Nodes;
using Iq.Engine.Probes;
using Iq.Engine.Probes.Security;

namespace Iq.Tests;

/// <summary>The security probes over fixture machines with known contents (every value asserted), failure modes, and
/// the readers checked against the real tools: sshd -T -f for sshd_config, visudo -c for sudoers.</summary>
public class SecurityProbeTests
{
    static string Machines => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines");

    static JsonObject Security(string machine, string? tools = null, string? root = null) =>
        SecurityProbes.ProbeAsync(new ProbeContext(root ?? Path.Combine(Machines, machine), tools is null ? [] : [Path.Combine(Machines, tools, "tools")],
            TimeSpan.FromSeconds(5)), CancellationToken.None).GetAwaiter().GetResult();

    static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static string J(JsonNode? n) => n?.ToJsonString(Relaxed) ?? "null";

    [Fact]
    public void Sshd_files_with_include_and_match_when_sshd_is_not_installed()
    {
        var ssh = Security("security-host", tools: "security-host")["ssh"]!;
        Assert.Equal("sshd: not found on the search path", (string)ssh["fallback_reason"]!);
        Assert.Equal("files: /etc/ssh/sshd_config, /etc/ssh/sshd_config.d/10-hardening.conf, /etc/ssh/sshd_config.d/20-vendor.conf (settings not written there: OpenSSH's defaults since 7.0)",
            (string)ssh["source"]!);
        // The include comes first and its value wins; Match all overrides PermitRootLogin yes; README is not *.conf.
        Assert.Equal("no", (string)ssh["password_authentication"]!);
        Assert.Equal("no", (string)ssh["permit_root_login"]!);
        Assert.Equal("yes", (string)ssh["pubkey_authentication"]!);
        Assert.Equal("yes", (string)ssh["kbd_interactive_authentication"]!);
        Assert.Equal("no", (string)ssh["permit_empty_passwords"]!);
        Assert.Equal("yes", (string)ssh["use_pam"]!);
        Assert.Equal("publickey,keyboard-interactive", (string)ssh["authentication_methods"]!);
        Assert.Equal("""["aes256-gcm@openssh.com","aes128-ctr","aes256-cbc"]""", J(ssh["ciphers"]));
        Assert.Equal("""["hmac-sha2-256","hmac-md5"]""", J(ssh["macs"]));
        Assert.Equal("""["curve25519-sha256","diffie-hellman-group1-sha1"]""", J(ssh["kex_algorithms"]));
        Assert.Equal("""[{"criteria":"Group service-engineers","setting":"permitrootlogin","value":"prohibit-password","file":"/etc/ssh/sshd_config.d/10-hardening.conf","line":7},""" +
                     """{"criteria":"User backup Address 10.20.0.0/16","setting":"passwordauthentication","value":"yes","file":"/etc/ssh/sshd_config","line":15},""" +
                     """{"criteria":"User backup Address 10.20.0.0/16","setting":"permitemptypasswords","value":"yes","file":"/etc/ssh/sshd_config","line":16}]""",
            J(ssh["match_overrides"]));
    }

    [Fact]
    public void Sshd_T_output_is_used_when_sshd_runs()
    {
        var ssh = Security("security-host", tools: "sshd-t")["ssh"]!;
        Assert.Equal("sshd -T", (string)ssh["source"]!);
        Assert.Null(ssh["fallback_reason"]);
        Assert.Equal("no", (string)ssh["password_authentication"]!);
        Assert.Equal("no", (string)ssh["permit_root_login"]!);
        Assert.Equal("""["hmac-sha2-256","hmac-md5"]""", J(ssh["macs"]));
        // Match blocks are not in sshd -T's answer without -C, so they still come from the files.
        Assert.Equal(3, ssh["match_overrides"]!.AsArray().Count);
    }

    [Fact]
    public void A_failing_sshd_T_falls_back_to_the_files_and_says_why()
    {
        var ssh = Security("security-host", tools: "sshd-broken")["ssh"]!;
        Assert.Equal("sshd -T exited 255: Missing privilege separation directory: /run/sshd", (string)ssh["fallback_reason"]!);
        Assert.StartsWith("files: /etc/ssh/sshd_config, ", (string)ssh["source"]!);
        Assert.Equal("no", (string)ssh["password_authentication"]!);
    }

    [Fact]
    public void Defaults_that_changed_between_OpenSSH_versions_are_unknown_not_guessed()
    {
        var ssh = Security("gpu-server")["ssh"]!;
        Assert.Equal("no", (string)ssh["password_authentication"]!);              // from the include
        Assert.Equal("prohibit-password", (string)ssh["permit_root_login"]!);     // OpenSSH's default since 7.0
        Assert.Equal("""{"$absent":"kbdinteractiveauthentication is not set in the files and its default depends on the OpenSSH version (sshd: not found on the search path)","$code":"IQ7036","$args":{"keyword":"kbdinteractiveauthentication","fallback":{"$code":"IQ7030","$args":{"tool":"sshd"}}}}""",
            J(ssh["kbd_interactive_authentication"]));
        Assert.Equal("""{"$absent":"ciphers is not set in the files and its default depends on the OpenSSH version (sshd: not found on the search path)","$code":"IQ7036","$args":{"keyword":"ciphers","fallback":{"$code":"IQ7030","$args":{"tool":"sshd"}}}}""", J(ssh["ciphers"]));
        Assert.Equal("""[{"criteria":"User backup","setting":"permitrootlogin","value":"yes","file":"/etc/ssh/sshd_config","line":6}]""",
            J(ssh["match_overrides"]));
    }

    [Fact]
    public void No_ssh_server_is_measured_as_not_installed()
    {
        var ssh = Security("debian12-kvm")["ssh"]!;
        Assert.False((bool)ssh["installed"]!);
        Assert.Equal("""{"$absent":"no SSH server is installed","$code":"IQ7033","$args":{}}""", J(ssh["password_authentication"]));
        Assert.Equal("sshd is not on the search path and /etc/ssh/sshd_config does not exist", (string)ssh["source"]!);
    }

    [Fact]
    public void Pam_second_factors_and_nullok()
    {
        var pam = Security("security-host")["pam"]!;
        // sshd: pam_google_authenticator required. sudo: pam_u2f sufficient (replaces the password) and pam_oath with
        // nullok (users without a token pass): neither enforces a second factor.
        Assert.Equal("""["sshd"]""", J(pam["mfa_services"]));
        Assert.Equal("""{"service":"sshd","module":"pam_google_authenticator","control":"required","enforced":true,"file":"/etc/pam.d/sshd","line":3}""",
            J(pam["mfa_modules"]![0]));
        Assert.Equal(["sudo:pam_u2f:false", "sudo:pam_oath:false", "system-otp:pam_u2f:false", "system-otp:pam_oath:false"],
            pam["mfa_modules"]!.AsArray().Skip(1).Select(m => $"{m!["service"]}:{m["module"]}:{m["enforced"]}"));
        Assert.Equal("""[{"service":"common-auth","module":"pam_unix","file":"/etc/pam.d/common-auth","line":2},{"service":"system-otp","module":"pam_oath","file":"/etc/pam.d/system-otp","line":2}]""",
            J(pam["nullok"]));
    }

    [Fact]
    public void Accounts_with_uid_0_empty_and_weak_hashes()
    {
        var accounts = Security("security-host")["accounts"]!;
        Assert.Equal("""{"source":"/etc/passwd, /etc/shadow","uid0":["toor"],"empty_password":["backup"],"weak_hash":["bob","deploy"]}""", J(accounts));
    }

    [Fact]
    public void An_unreadable_shadow_is_missing_evidence_not_an_empty_list()
    {
        var accounts = Security("gpu-server")["accounts"]!;
        Assert.Equal("""{"$absent":"/etc/passwd not found","$code":"IQ7001","$args":{"file":"/etc/passwd"}}""", J(accounts));
        var root = CopyOf("security-host");
        File.Delete(Path.Combine(root, "etc", "shadow"));
        accounts = Security("", root: root)["accounts"]!;
        Assert.Equal("""["toor"]""", J(accounts["uid0"]));
        Assert.Equal("""{"$absent":"/etc/shadow not found","$code":"IQ7001","$args":{"file":"/etc/shadow"}}""", J(accounts["empty_password"]));
        Directory.Delete(root, true);
    }

    [Fact]
    public void Sudo_exemptions_and_unrestricted_grants()
    {
        var sudo = Security("security-host")["sudo"]!;
        Assert.Equal("/etc/sudoers, /etc/sudoers.d/90-vendor, /etc/sudoers.d/README", (string)sudo["source"]!); // not old.dpkg-old
        Assert.Equal(["Defaults:deploy@7", "alice@17", "#1003@18"], sudo["nopasswd"]!.AsArray().Select(r => $"{r!["who"]}@{r["line"]}"));
        // %sudo: alice listed, deploy by primary group; %wheel: bob and carol, through an alias of ALL. ENGINEERS run one
        // service's commands; alice runs psql as postgres; carol runs less as herself: none of these is unrestricted.
        Assert.Equal("""[{"who":"%sudo","rule":"%sudo\tALL=(ALL:ALL) ALL","file":"/etc/sudoers","line":15,"members":2},""" +
                     """{"who":"%wheel","rule":"%wheel ALL = (ALL) EVERYTHING","file":"/etc/sudoers.d/90-vendor","line":2,"members":2}]""",
            J(sudo["unrestricted"]));
    }

    [Fact]
    public void Audit_rules_loaded_in_the_kernel()
    {
        var audit = Security("security-host", tools: "security-host")["audit"]!;
        Assert.Equal("""{"source":"auditctl -s, auditctl -l (the rules loaded in the kernel)","loaded":true,"enabled":true,"daemon_running":true,"rules":5,"execve":true,""" +
                     "\"privileged\":[\"/usr/bin/su\",\"/usr/bin/sudo\"],\"watches\":[" +
                     """{"path":"/usr/bin/sudo","permissions":"x","key":"privileged"},{"path":"/usr/bin/su","permissions":"x","key":"privileged"},""" +
                     """{"path":"/etc/sudoers","permissions":"wa","key":"scope"},{"path":"/srv/ai/data","permissions":"rwa","key":"medical-data"}]}""", J(audit));
    }

    [Fact]
    public void Without_auditctl_the_configured_rules_are_read_and_marked_not_loaded()
    {
        var audit = Security("security-host")["audit"]!;
        Assert.False((bool)audit["loaded"]!);
        Assert.Equal("files: /etc/audit/rules.d/50-iq.rules, /etc/audit/rules.d/audit.rules (configured, not read from the kernel: auditctl: not found on the search path)",
            (string)audit["source"]!);
        Assert.Equal("""{"$absent":"kernel audit state unknown: auditctl: not found on the search path","$code":"IQ7043","$args":{"reason":{"$code":"IQ7030","$args":{"tool":"auditctl"}}}}""", J(audit["enabled"]));
        Assert.True((bool)audit["daemon_running"]!); // /proc/731/comm
        Assert.Equal(5, (int)audit["rules"]!);
        Assert.True((bool)audit["execve"]!);
        Assert.Equal("""["/usr/bin/su","/usr/bin/sudo"]""", J(audit["privileged"]));
    }

    [Fact]
    public void Auth_log_retention_from_logrotate()
    {
        Assert.Equal("""{"source":"/var/log/auth.log; rotation: /etc/logrotate.d/rsyslog:1","path":"/var/log/auth.log","present":true,"retention":"182 d"}""",
            J(Security("security-host")["auth_log"]));
        Assert.Equal("""{"source":"/var/log/auth.log, /var/log/secure, /var/log/journal, /run/log/journal: none exists","path":{"$absent":"no authentication log on this host","$code":"IQ7047","$args":{}},"present":false,"retention":{"$absent":"no authentication log on this host","$code":"IQ7047","$args":{}}}""",
            J(Security("gpu-server")["auth_log"]));
    }

    [Fact]
    public void Firewall_and_mac_are_reported_from_the_kernel()
    {
        var host = Security("security-host", tools: "security-host");
        Assert.Equal("""{"source":"nft list ruleset","tool":"nftables","active":true,"rules":5}""", J(host["firewall"]));
        Assert.Equal("""{"source":"/sys/kernel/security/lsm, /sys/module/apparmor/parameters/enabled","lsm":["lockdown","capability","landlock","yama","apparmor","bpf"],"selinux":"disabled","apparmor":"enabled"}""",
            J(host["mac"]));
        // No nft, no iptables-save: the packet filter is unknown, not "none".
        Assert.Equal("""{"$absent":"the kernel's packet filter cannot be listed: nft: not found on the search path; iptables-save: not found on the search path","$code":"IQ7048","$args":{"reasons":{"$code":"IQ7067","$args":{"first":{"$code":"IQ7030","$args":{"tool":"nft"}},"second":{"$code":"IQ7030","$args":{"tool":"iptables-save"}}}}}}""",
            J(Security("security-host")["firewall"]));
        Assert.Equal("enforcing", (string)Security("gpu-server")["mac"]!["selinux"]!);
    }

    [Fact]
    public void Listening_sockets_from_proc_net_tcp()
    {
        var listening = Security("security-host")["listening"]!;
        Assert.Equal(["tcp 0.0.0.0:22", "tcp6 :::22", "tcp 10.0.0.5:443", "tcp 127.0.0.1:5432", "tcp6 ::1:8080"],
            listening["sockets"]!.AsArray().Select(s => $"{s!["protocol"]} {s["address"]}:{s["port"]}"));
        Assert.Equal("""{"$absent":"the owning process is read from the running system","$code":"IQ7055","$args":{}}""", J(listening["sockets"]![0]!["process"]));
    }

    [Fact]
    public void Problems_in_files_name_the_file_and_line()
    {
        var root = CopyOf("security-host");
        File.AppendAllText(Path.Combine(root, "etc", "sudoers.d", "90-vendor"), "carol ALL\n");
        File.AppendAllText(Path.Combine(root, "etc", "ssh", "sshd_config.d", "20-vendor.conf"), "PermitRootLogin maybe\n");
        File.AppendAllText(Path.Combine(root, "etc", "pam.d", "login"), "auht required pam_unix.so\n");
        File.AppendAllText(Path.Combine(root, "etc", "passwd"), "mallory:x:zero:0::/:/bin/sh\n");
        var s = Security("", root: root);
        Assert.Equal("""{"$error":"/etc/sudoers.d/90-vendor:4: not a sudoers rule: expected USERS HOSTS = COMMANDS","$code":"IQ7063","$args":{"file":"/etc/sudoers.d/90-vendor","line":"4","problem":{"$code":"IQ7327","$args":{}}}}""", J(s["sudo"]));
        Assert.Equal("""{"$error":"/etc/ssh/sshd_config.d/20-vendor.conf:3: PermitRootLogin: expected yes, no, prohibit-password or forced-commands-only, got \"maybe\"","$code":"IQ7063","$args":{"file":"/etc/ssh/sshd_config.d/20-vendor.conf","line":"3","problem":{"$code":"IQ7336","$args":{"keyword":"PermitRootLogin","value":"maybe"}}}}""",
            J(s["ssh"]!["password_authentication"]));
        Assert.Equal("""{"$error":"/etc/pam.d/login:5: unknown PAM type \"auht\"","$code":"IQ7063","$args":{"file":"/etc/pam.d/login","line":"5","problem":{"$code":"IQ7344","$args":{"type":"auht"}}}}""", J(s["pam"]));
        Assert.Equal("""{"$error":"/etc/passwd:9: UID and GID must be numbers","$code":"IQ7063","$args":{"file":"/etc/passwd","line":"9","problem":{"$code":"IQ7302","$args":{}}}}""", J(s["accounts"]));
        Directory.Delete(root, true);
    }

    internal static string CopyOf(string machine)
    {
        var dir = Directory.CreateTempSubdirectory("iq-machine-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Machines, machine), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(Path.Combine(Machines, machine), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return dir;
    }

    // ---- the readers against the real tools ---------------------------------------------------------------------

    /// <summary>Configs to compare with sshd: the fixtures, and cases that exercise its grammar.</summary>
    public static TheoryData<string> SshdCases() => new(File.ReadAllText(TestPaths.Case(Path.Combine("security", "sshd-cases.txt")))
        .Split("\n=== ").Skip(1).ToArray());

    [SkippableTheory]
    [MemberData(nameof(SshdCases))]
    public void Sshd_config_reader_agrees_with_sshd_T(string @case)
    {
        var sshd = Requires.Tool("sshd", "openssh-server");
        Skip.IfNot(Directory.Exists("/run/sshd") || Requires.InCi, "/run/sshd is missing (./test creates it); skipped");
        using var dir = new TempDir();
        // A host key of the test's own, so that sshd -T runs without root (it will not run without one).
        var key = Path.Combine(dir.Path, "host_key");
        var keygen = Requires.Run(Requires.Tool("ssh-keygen", "openssh-client"), "-q", "-t", "ed25519", "-N", "", "-f", key);
        Assert.True(keygen.Code == 0, keygen.Stderr);
        // A case: a name line, then files separated by "--- NAME" lines; the first is sshd_config.
        var lines = @case.Split('\n');
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("--- ", StringComparison.Ordinal)) { current = line[4..].Trim(); files[current] = ""; continue; }
            if (current is not null) files[current] += line.Replace("@DIR@", dir.Path) + "\n";
        }
        foreach (var (name, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir.Path, name))!);
            File.WriteAllText(Path.Combine(dir.Path, name), text);
        }
        var main = Path.Combine(dir.Path, files.Keys.First());
        var run = Requires.Run(sshd, "-T", "-f", main, "-h", key);
        Assert.True(run.Code == 0, $"{lines[0]}: sshd -T refused the case: {run.Stderr}");
        var (expected, problems) = SshdConfig.ParseTestOutput(run.Stdout);
        Assert.Empty(problems);
        var ours = SshdConfig.Read(new ProbeFiles(new ProbeContext("/", [], TimeSpan.FromSeconds(1))), main);
        Assert.Empty(ours.Problems);
        foreach (var (keyword, value) in ours.Values)
            Assert.True(Normalise(keyword, value) == Normalise(keyword, expected[keyword]), $"{lines[0]}: {keyword}: iq read '{value}', sshd -T says '{expected[keyword]}'");
        // Each Match override with User/Address criteria: sshd -T -C for such a connection prints the overriding value.
        foreach (var o in ours.Overrides)
        {
            var spec = Connection(o.Criteria);
            if (spec is null) continue;
            var matched = SshdConfig.ParseTestOutput(Requires.Run(sshd, "-T", "-f", main, "-h", key, "-C", spec).Stdout).Values;
            Assert.True(Normalise(o.Setting, o.Value) == Normalise(o.Setting, matched[o.Setting]),
                $"{lines[0]}: Match {o.Criteria}: {o.Setting}: iq read '{o.Value}', sshd -T -C {spec} says '{matched[o.Setting]}'");
        }
    }

    static string Normalise(string keyword, string value) =>
        keyword == "permitrootlogin" && value.Equals("prohibit-password", StringComparison.OrdinalIgnoreCase) ? "without-password" : value.ToLowerInvariant();

    /// <summary>A connection that matches "User x [Address a]" criteria; null for others.</summary>
    static string? Connection(string criteria)
    {
        var words = criteria.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string user = "nobody", addr = "192.0.2.1";
        for (var i = 0; i + 1 < words.Length; i += 2)
        {
            switch (words[i].ToLowerInvariant())
            {
                case "user": user = words[i + 1].Split(',')[0]; break;
                case "address": addr = words[i + 1].Split(',')[0].Split('/')[0]; break;
                default: return null;
            }
        }
        return $"user={user},host=client.example,addr={addr}";
    }

    /// <summary>A copy of the security-host fixture whose /etc/sudoers includes the copy's sudoers.d (sudo's own tools read
    /// the include as written), and that sudoers file.</summary>
    static (string Root, string Sudoers) SudoersForSudo()
    {
        var root = CopyOf("security-host");
        var sudoers = Path.Combine(root, "etc", "sudoers");
        File.WriteAllText(sudoers, File.ReadAllText(sudoers).Replace("@includedir /etc/sudoers.d", $"@includedir {root}/etc/sudoers.d"));
        return (root, sudoers);
    }

    [SkippableFact]
    public void The_sudoers_fixture_is_valid_for_visudo()
    {
        var visudo = Requires.Tool("visudo", "sudo");
        var (root, sudoers) = SudoersForSudo();
        var run = Requires.Run(visudo, "-c", "-f", sudoers);
        Assert.True(run.Code == 0, run.Stdout + run.Stderr);
        Assert.Contains("90-vendor: parsed OK", run.Stdout);
        Directory.Delete(root, true);
    }

    /// <summary>sudo's own reading of the fixture (cvtsudoers -f json, from the sudo package) as the oracle: the rules it
    /// marks authenticate=false are the NOPASSWD rules iq finds, and the specs whose commands resolve to ALL (through
    /// Cmnd_Alias) are iq's unrestricted grants, root's own left out by design.</summary>
    [SkippableFact]
    public void Sudo_exemptions_and_grants_agree_with_cvtsudoers()
    {
        var cvtsudoers = Requires.Tool("cvtsudoers", "sudo");
        var (root, sudoers) = SudoersForSudo();
        var run = Requires.Run(cvtsudoers, "-f", "json", sudoers);
        Assert.True(run.Code == 0, run.Stderr);
        var oracle = JsonNode.Parse(run.Stdout)!.AsObject();
        static string Who(JsonNode? n) => n!.AsObject().Single() switch
        {
            { Key: "username" or "useralias", Value: var v } => (string)v!,
            { Key: "usergroup", Value: var v } => "%" + (string)v!,
            { Key: "userid", Value: var v } => "#" + v!.ToJsonString(),
            var other => throw new InvalidOperationException($"cvtsudoers: {other.Key}"),
        };
        static bool Has(JsonNode? options, string name, bool value) =>
            options is JsonArray a && a.Any(o => o![name] is JsonValue v && v.GetValue<bool>() == value);
        var aliasesOfAll = oracle["Command_Aliases"]?.AsObject().Where(a => a.Value!.AsArray().Any(c => (string?)c!["command"] == "ALL")).Select(a => a.Key).ToHashSet() ?? [];
        var exempt = oracle["Defaults"]!.AsArray().Where(d => Has(d!["Options"], "authenticate", false) && d["Binding"] is JsonArray)
            .SelectMany(d => d!["Binding"]!.AsArray().Select(b => "Defaults:" + Who(b))).ToList();
        var specs = oracle["User_Specs"]!.AsArray();
        exempt.AddRange(specs.Where(u => u!["Cmnd_Specs"]!.AsArray().Any(c => Has(c!["Options"], "authenticate", false)))
            .SelectMany(u => u!["User_List"]!.AsArray().Select(Who)));
        var unrestricted = specs.Where(u => u!["Cmnd_Specs"]!.AsArray().Any(c => c!["Commands"]!.AsArray().Any(x =>
                (string?)x!["command"] == "ALL" || x["cmndalias"] is JsonValue alias && aliasesOfAll.Contains((string)alias!))))
            .SelectMany(u => u!["User_List"]!.AsArray().Select(Who)).Where(w => w != "root").ToList();

        var sudo = Security("security-host")["sudo"]!; // the fixture as it is: its @includedir names /etc/sudoers.d under the root
        Assert.Equal(exempt.Order(StringComparer.Ordinal), sudo["nopasswd"]!.AsArray().Select(r => (string)r!["who"]!).Order(StringComparer.Ordinal));
        Assert.Equal(unrestricted.Order(StringComparer.Ordinal), sudo["unrestricted"]!.AsArray().Select(r => (string)r!["who"]!).Order(StringComparer.Ordinal));
        Assert.Equal(3, exempt.Count);
        Directory.Delete(root, true);
    }
}
