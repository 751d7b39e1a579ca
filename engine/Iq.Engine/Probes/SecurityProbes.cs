using Iq.Rules.Messages;
using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Engine.Probes.Security;

namespace Iq.Engine.Probes;

/// <summary>The <c>security</c> fact document (5.1, 6.2): each group measured from its authoritative source and saying
/// which (<c>source</c>); an absent source is missing evidence with the reason, a source that cannot be read is an error
/// naming the file and line. Commands run without a shell, with the probe's timeout, and only when the tool is on the
/// probe's search path (under a fixture root: the fixture's own stand-ins).</summary>
static class SecurityProbes
{
    public static async Task<JsonObject> ProbeAsync(ProbeContext ctx, CancellationToken cancel)
    {
        var files = new ProbeFiles(ctx);
        var ssh = Fact.TryAsync(() => Ssh(ctx, files, cancel));
        var audit = Fact.TryAsync(() => Audit(ctx, files, cancel));
        var firewall = Fact.TryAsync(() => Firewall(ctx, files, cancel));
        var tls = Task.WhenAll(ctx.TlsEndpoints.Select(e => TlsProbe.MeasureAsync(e, ctx.TlsTimeout, cancel)));
        var (passwd, groups) = AccountFiles(files);
        return new JsonObject
        {
            ["ssh"] = await ssh,
            ["pam"] = Fact.Try(() => Pam(files)),
            ["accounts"] = Fact.Try(() => AccountsFacts(files)),
            ["sudo"] = Fact.Try(() => Sudo(files, passwd, groups)),
            ["audit"] = await audit,
            ["auth_log"] = Fact.Try(() => AuthLog(ctx, files)),
            ["firewall"] = await firewall,
            ["mac"] = Fact.Try(() => Mac(ctx, files)),
            ["listening"] = Fact.Try(() => Listening(ctx, files)),
            ["tls"] = new JsonArray((await tls).Select(JsonNode (t) => t).ToArray()),
        };
    }

    /// <summary>A file's text, or null; why it could not be read goes into <paramref name="problems"/>.</summary>
    static string? Text(IConfigSource files, string path, List<ConfigProblem> problems)
    {
        var text = files.Read(path, out var problem);
        if (problem is not null) problems.Add(new ConfigProblem(path, 0, problem));
        return text;
    }

    /// <summary>The problems as the group's fact: an error naming the first file and line; null when there are none.</summary>
    static JsonObject? Failed(IReadOnlyList<ConfigProblem> problems) => problems.Count > 0 ? Fact.Error(ConfigProblem.Summary(problems)) : null;

    // ---- sshd -------------------------------------------------------------------------------------------------------

    /// <summary>OpenSSH defaults that have not changed since 7.0 (2015), used only when sshd -T cannot run and the files
    /// leave a setting out; KbdInteractiveAuthentication's default did change, so it is then unknown.</summary>
    static readonly Dictionary<string, string> StableDefaults = new(StringComparer.Ordinal)
    {
        ["passwordauthentication"] = "yes", ["pubkeyauthentication"] = "yes", ["permitemptypasswords"] = "no",
        ["authenticationmethods"] = "any", ["usepam"] = "no", ["permitrootlogin"] = "prohibit-password",
    };

    static async Task<JsonNode?> Ssh(ProbeContext ctx, IConfigSource files, CancellationToken cancel)
    {
        var sshd = ctx.Which("sshd");
        var fromFiles = SshdConfig.Read(files);
        var configExists = fromFiles.Files.Count > 0;
        if (sshd is null && !configExists)
        {
            var none = new JsonObject { ["installed"] = false, ["source"] = $"sshd is not on the search path and {SshdConfig.MainFile} does not exist" };
            foreach (var m in Members) none[m] = Fact.Absent(Msg.ProbeNoSshServer.Text);
            none["match_overrides"] = new JsonArray();
            return none;
        }

        var result = new JsonObject { ["installed"] = true };
        IReadOnlyDictionary<string, string>? values = null;
        MessageText? fallback = null;
        if (sshd is null) fallback = Msg.ToolNotFound.With("sshd");
        else
        {
            var run = await CommandRunner.RunAsync(ctx, "sshd", ["-T"], cancel);
            if (run.NotRun is { } gap) fallback = gap.Text;
            else if (run.ExitCode != 0)
                fallback = Msg.ProbeToolExited.With("sshd -T", run.ExitCode, FirstLine(run.Stderr + run.Stdout));
            else
            {
                var (parsed, problems) = SshdConfig.ParseTestOutput(run.Stdout);
                if (problems.Count > 0) fallback = Msg.ProbeSshdUnreadable.With(ConfigProblem.Summary(problems));
                else values = parsed;
            }
        }

        if (values is not null)
        {
            result["source"] = "sshd -T";
            foreach (var (member, keyword) in Members.Zip(SshdConfig.Judged))
                result[member] = values.TryGetValue(keyword, out var v) ? Value(keyword, v)
                    : keyword == "kbdinteractiveauthentication" && values.TryGetValue("challengeresponseauthentication", out var old) ? old
                    : Fact.Absent(Msg.ProbeSshdNoKeyword.With(keyword));
        }
        else
        {
            result["source"] = $"files: {string.Join(", ", fromFiles.Files)} (settings not written there: OpenSSH's defaults since 7.0)";
            result["fallback_reason"] = fallback?.ToString();
            foreach (var (member, keyword) in Members.Zip(SshdConfig.Judged))
            {
                if (fromFiles.Problems.Count > 0) { result[member] = Fact.Error(ConfigProblem.Summary(fromFiles.Problems)); continue; }
                if (fromFiles.Values.TryGetValue(keyword, out var v))
                    result[member] = v.Length > 0 && v[0] is '+' or '-' or '^' && keyword is "ciphers" or "macs" or "kexalgorithms"
                        ? Fact.Absent(Msg.ProbeSshListChanged.With(keyword, v, fallback))
                        : Value(keyword, v);
                else if (StableDefaults.TryGetValue(keyword, out var d)) result[member] = d;
                else result[member] = Fact.Absent(Msg.ProbeSshDefaultUnknown.With(keyword, fallback));
            }
        }
        result["match_overrides"] = fromFiles.Problems.Count > 0 && configExists
            ? Fact.Error(ConfigProblem.Summary(fromFiles.Problems))
            : new JsonArray(fromFiles.Overrides.Select(o => (JsonNode)new JsonObject
            {
                ["criteria"] = o.Criteria, ["setting"] = o.Setting, ["value"] = o.Value.ToLowerInvariant(), ["file"] = o.File, ["line"] = o.Line,
            }).ToArray());
        return result;
    }

    static readonly string[] Members =
    [
        "password_authentication", "permit_root_login", "pubkey_authentication", "authentication_methods",
        "kbd_interactive_authentication", "permit_empty_passwords", "use_pam", "ciphers", "macs", "kex_algorithms",
    ];

    static JsonNode Value(string keyword, string value) => keyword is "ciphers" or "macs" or "kexalgorithms"
        ? new JsonArray(value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => (JsonNode)a).ToArray())
        : keyword == "authenticationmethods" ? value : value.ToLowerInvariant();

    static string FirstLine(string text) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(no output)";

    // ---- PAM --------------------------------------------------------------------------------------------------------

    static JsonNode Pam(IConfigSource files)
    {
        if (files.List(PamConfig.Folder).Count == 0) return Fact.Absent(Msg.ProbeNoPam.With(PamConfig.Folder));
        var sssd = Text(files, "/etc/sssd/sssd.conf", []) is { } conf
                   && conf.Split('\n').Any(l => l.Trim().StartsWith("[prompting/2fa", StringComparison.Ordinal));
        var found = PamConfig.Read(files, sssd);
        if (Failed(found.Problems) is { } pamError) return pamError;
        return new JsonObject
        {
            ["source"] = $"{PamConfig.Folder}/* (auth stacks, includes followed)",
            ["mfa_services"] = new JsonArray(found.MfaServices.Select(s => (JsonNode)s).ToArray()),
            ["mfa_modules"] = new JsonArray(found.MfaModules.Select(m => (JsonNode)new JsonObject
            {
                ["service"] = m.Service, ["module"] = m.Line.Module, ["control"] = m.Line.Control, ["enforced"] = m.Enforced,
                ["file"] = m.Line.File, ["line"] = m.Line.Line,
            }).ToArray()),
            ["nullok"] = new JsonArray(found.Nullok.Select(l => (JsonNode)new JsonObject
            {
                ["service"] = l.File[(l.File.LastIndexOf('/') + 1)..], ["module"] = PamConfig.ModuleName(l.Module), ["file"] = l.File, ["line"] = l.Line,
            }).ToArray()),
        };
    }

    // ---- accounts ---------------------------------------------------------------------------------------------------

    static (IReadOnlyList<Account>? Passwd, IReadOnlyDictionary<string, (long Gid, IReadOnlyList<string> Members)>? Groups) AccountFiles(IConfigSource files)
    {
        IReadOnlyList<Account>? passwd = null;
        IReadOnlyDictionary<string, (long, IReadOnlyList<string>)>? groups = null;
        if (files.Read("/etc/passwd", out _) is { } p && Accounts.Passwd(p) is { Problems.Count: 0 } pr) passwd = pr.Accounts;
        if (files.Read("/etc/group", out _) is { } g && Accounts.Group(g) is { Problems.Count: 0 } gr) groups = gr.Groups;
        return (passwd, groups);
    }

    static JsonNode AccountsFacts(IConfigSource files)
    {
        var read = new List<ConfigProblem>();
        if (Text(files, "/etc/passwd", read) is not { } passwdText) return Failed(read) ?? Fact.Absent(Msg.ProbeNotFound.With("/etc/passwd"));
        var (accounts, problems) = Accounts.Passwd(passwdText);
        if (Failed(problems) is { } passwdError) return passwdError;
        var result = new JsonObject
        {
            ["source"] = "/etc/passwd, /etc/shadow",
            ["uid0"] = new JsonArray(accounts.Where(a => a.Uid == 0 && a.Name != "root").Select(a => (JsonNode)a.Name).ToArray()),
        };
        var shadowText = files.Read("/etc/shadow", out var shadowProblem);
        if (shadowText is null)
        {
            var why = shadowProblem is not null ? Msg.ProbeReadAsRoot.With("/etc/shadow", shadowProblem) : Msg.ProbeNotFound.With("/etc/shadow");
            result["empty_password"] = Fact.Absent(why);
            result["weak_hash"] = Fact.Absent(why);
            return result;
        }
        var (empty, weak, shadowProblems) = Accounts.Shadow(shadowText);
        if (shadowProblems.Count > 0)
        {
            result["empty_password"] = Fact.Error(ConfigProblem.Summary(shadowProblems));
            result["weak_hash"] = Fact.Error(ConfigProblem.Summary(shadowProblems));
            return result;
        }
        result["empty_password"] = new JsonArray(empty.Select(n => (JsonNode)n).ToArray());
        result["weak_hash"] = new JsonArray(weak.Select(n => (JsonNode)n).ToArray());
        return result;
    }

    // ---- sudo -------------------------------------------------------------------------------------------------------

    static JsonNode Sudo(IConfigSource files, IReadOnlyList<Account>? passwd, IReadOnlyDictionary<string, (long Gid, IReadOnlyList<string> Members)>? groups)
    {
        var main = files.Read(Sudoers.MainFile, out var problem);
        if (problem is not null) return Fact.Error(Msg.ProbeReadAsRoot.With(Sudoers.MainFile, problem));
        if (main is null)
            return new JsonObject
            {
                ["source"] = $"no {Sudoers.MainFile}: sudo is not installed",
                ["nopasswd"] = new JsonArray(),
                ["unrestricted"] = new JsonArray(),
            };
        var found = Sudoers.Read(files);
        if (Failed(found.Problems) is { } sudoError) return sudoError;
        return new JsonObject
        {
            ["source"] = string.Join(", ", found.Files),
            ["nopasswd"] = new JsonArray(found.Nopasswd.Select(r => (JsonNode)Rule(r)).ToArray()),
            ["unrestricted"] = new JsonArray(found.Unrestricted.Select(r =>
            {
                var o = Rule(r);
                o["members"] = MemberCount(r.Who, 0);
                return (JsonNode)o;
            }).ToArray()),
        };

        JsonObject Rule(SudoRule r) => new() { ["who"] = r.Who, ["rule"] = r.Rule, ["file"] = r.File, ["line"] = r.Line };

        JsonNode MemberCount(string who, int depth)
        {
            if (found.UserAliases.TryGetValue(who, out var expanded) && depth == 0)
            {
                var counts = expanded.Select(e => MemberCount(e, 1)).ToList();
                return counts.FirstOrDefault(c => c is JsonObject) ?? counts.Sum(c => (double)c!);
            }
            if (who.StartsWith("%:", StringComparison.Ordinal) || who.StartsWith('+'))
                return Fact.Absent(Msg.ProbeDirectoryGroup.With(who));
            if (who.StartsWith('%'))
            {
                if (groups is null || passwd is null) return Fact.Error(Msg.ProbeCannotRead.With("/etc/group or /etc/passwd"));
                var name = who[1..];
                if (name.StartsWith('#') && long.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var gidOnly))
                    return passwd.Count(a => a.Gid == gidOnly) + groups.Values.Where(g => g.Gid == gidOnly).Sum(g => g.Members.Count);
                if (!groups.TryGetValue(name, out var group)) return 0;
                return group.Members.Union(passwd.Where(a => a.Gid == group.Gid).Select(a => a.Name), StringComparer.Ordinal).Count();
            }
            if (who == "ALL") return passwd is null ? Fact.Error(Msg.ProbeCannotRead.With("/etc/passwd")) : passwd.Count;
            return 1;
        }
    }

    // ---- audit ------------------------------------------------------------------------------------------------------

    static async Task<JsonNode?> Audit(ProbeContext ctx, IConfigSource files, CancellationToken cancel)
    {
        var result = new JsonObject();
        var daemon = AuditdRunning(ctx);
        MessageText reason;
        if (ctx.Which("auditctl") is not null)
        {
            var status = await CommandRunner.RunAsync(ctx, "auditctl", ["-s"], cancel);
            var list = status.ExitCode == 0 && status.NotRun is null ? await CommandRunner.RunAsync(ctx, "auditctl", ["-l"], cancel) : status;
            if (status.NotRun is null && list.NotRun is null && status.ExitCode == 0 && list.ExitCode == 0)
            {
                var (enabled, pid) = AuditRules.Status(status.Stdout);
                var rules = AuditRules.Parse(list.Stdout, "auditctl -l");
                if (Failed(rules.Problems) is { } rulesError) return rulesError;
                result["source"] = "auditctl -s, auditctl -l (the rules loaded in the kernel)";
                result["loaded"] = true;
                result["enabled"] = enabled is { } e ? e : Fact.Error(Msg.ProbeAuditNoEnabled.Text);
                result["daemon_running"] = pid is > 0 || daemon is true ? true : pid is 0 ? false : daemon is { } d ? d : Fact.Absent(Msg.ProbeAuditNoPid.Text);
                Rules(result, rules);
                return result;
            }
            reason = (status.NotRun ?? list.NotRun) is { } gap ? gap.Text
                : Msg.ProbeToolExited.With($"auditctl {(status.ExitCode != 0 ? "-s" : "-l")}", list.ExitCode, FirstLine(list.Stderr + list.Stdout));
        }
        else reason = Msg.ToolNotFound.With("auditctl");

        // The rules are then what is configured to load, not what is loaded: said in `loaded` and `source`.
        var problems = new List<ConfigProblem>();
        IReadOnlyList<string> ruleFiles = Text(files, "/etc/audit/audit.rules", problems) is not null ? ["/etc/audit/audit.rules"] : files.Glob("/etc/audit/rules.d/*.rules");
        result["loaded"] = false;
        result["enabled"] = Fact.Absent(Msg.ProbeAuditUnknown.With(reason));
        result["daemon_running"] = daemon is { } running ? running : Fact.Absent(Msg.ProbeAuditdLive.Text);
        if (ruleFiles.Count == 0)
        {
            result["source"] = $"no rules in /etc/audit ({reason})";
            foreach (var m in new[] { "rules", "execve", "privileged", "watches" })
                result[m] = Fact.Absent(Msg.ProbeNoAuditRules.With(reason));
            return result;
        }
        var all = new List<AuditFindings>();
        foreach (var f in ruleFiles)
            if (Text(files, f, problems) is { } text) all.Add(AuditRules.Parse(text, f));
        if (Failed(problems.Concat(all.SelectMany(a => a.Problems)).ToList()) is { } filesError) return filesError;
        result["source"] = $"files: {string.Join(", ", ruleFiles)} (configured, not read from the kernel: {reason})";
        Rules(result, new AuditFindings(all.Sum(a => a.Rules), all.Any(a => a.Execve), all.SelectMany(a => a.Privileged).Distinct().Order(StringComparer.Ordinal).ToList(),
            all.SelectMany(a => a.Watches).ToList(), []));
        return result;
    }

    static void Rules(JsonObject result, AuditFindings rules)
    {
        result["rules"] = rules.Rules;
        result["execve"] = rules.Execve;
        result["privileged"] = new JsonArray(rules.Privileged.Select(p => (JsonNode)p).ToArray());
        result["watches"] = new JsonArray(rules.Watches.Select(w => (JsonNode)new JsonObject { ["path"] = w.Path, ["permissions"] = w.Permissions, ["key"] = w.Key }).ToArray());
    }

    /// <summary>Whether a process named auditd runs, from /proc/PID/comm; null when /proc has no processes (a fixture).</summary>
    static bool? AuditdRunning(ProbeContext ctx)
    {
        var proc = ctx.Path("/proc");
        if (!Directory.Exists(proc)) return null;
        var seen = false;
        foreach (var dir in Directory.EnumerateDirectories(proc).Take(100_000))
        {
            var name = Path.GetFileName(dir);
            if (!name.All(char.IsAsciiDigit)) continue;
            seen = true;
            try
            {
                if (ctx.ReadText($"/proc/{name}/comm")?.Trim() == "auditd") return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return seen ? false : null;
    }

    // ---- authentication log -----------------------------------------------------------------------------------------

    static JsonNode AuthLog(ProbeContext ctx, IConfigSource files)
    {
        foreach (var log in new[] { "/var/log/auth.log", "/var/log/secure" })
        {
            var info = new FileInfo(ctx.Path(log));
            if (!info.Exists) continue;
            var rotation = LogRotation.For(files, log);
            if (Failed(rotation.Problems) is { } rotationError) return rotationError;
            return new JsonObject
            {
                ["source"] = rotation.File is null ? $"{log}; {LogRotation.MainFile} and its includes" : $"{log}; rotation: {rotation.File}:{rotation.Line}",
                ["path"] = log,
                ["present"] = info.Length > 0,
                ["retention"] = rotation.Retention is { } r ? $"{r.TotalDays.ToString("0.###", CultureInfo.InvariantCulture)} d" : Fact.Absent(rotation.Why!),
            };
        }
        var persistent = Directory.Exists(ctx.Path("/var/log/journal"));
        var volatileJournal = Directory.Exists(ctx.Path("/run/log/journal"));
        if (persistent || volatileJournal)
        {
            var (storage, maxRetention, problems) = JournaldConfig.Read(files);
            if (Failed(problems) is { } journalError) return journalError;
            var kept = storage switch { "volatile" => false, "persistent" => true, "none" => false, _ => persistent };
            return new JsonObject
            {
                ["source"] = "systemd journal; /etc/systemd/journald.conf and journald.conf.d",
                ["path"] = "journal",
                ["present"] = storage != "none" && Directory.EnumerateFileSystemEntries(ctx.Path(kept ? "/var/log/journal" : "/run/log/journal")).Any(),
                ["retention"] = !kept ? "0 d"
                    : maxRetention is { } t && t > TimeSpan.Zero ? $"{t.TotalDays.ToString("0.###", CultureInfo.InvariantCulture)} d"
                    : Fact.Absent(Msg.ProbeJournaldNoTime.Text),
            };
        }
        return new JsonObject
        {
            ["source"] = "/var/log/auth.log, /var/log/secure, /var/log/journal, /run/log/journal: none exists",
            ["path"] = Fact.Absent(Msg.ProbeNoAuthLog.Text),
            ["present"] = false,
            ["retention"] = Fact.Absent(Msg.ProbeNoAuthLog.Text),
        };
    }

    // ---- firewall (informational) -----------------------------------------------------------------------------------

    static async Task<JsonNode?> Firewall(ProbeContext ctx, IConfigSource files, CancellationToken cancel)
    {
        var manager = Text(files, "/etc/ufw/ufw.conf", []) is { } ufw && ufw.Split('\n').Any(l => l.Trim() == "ENABLED=yes") ? "ufw"
            : Directory.Exists(ctx.Path("/run/firewalld")) || File.Exists(ctx.Path("/var/run/firewalld/firewalld.pid")) ? "firewalld" : null;
        var reasons = new List<MessageText>();
        foreach (var (tool, args, backend) in new[] { ("nft", new[] { "list", "ruleset" }, "nftables"), ("iptables-save", Array.Empty<string>(), "iptables") })
        {
            if (ctx.Which(tool) is null) { reasons.Add(Msg.ToolNotFound.With(tool)); continue; }
            var run = await CommandRunner.RunAsync(ctx, tool, args, cancel);
            if (run.NotRun is { } gap) { reasons.Add(gap.Text); continue; }
            if (run.ExitCode != 0) { reasons.Add(Msg.ProbeToolExited.With(tool, run.ExitCode, FirstLine(run.Stderr + run.Stdout))); continue; }
            var (state, problems) = tool == "nft" ? FirewallRules.Nft(run.Stdout) : FirewallRules.IptablesSave(run.Stdout);
            if (Failed(problems) is { } firewallError) return firewallError;
            return new JsonObject
            {
                ["source"] = $"{tool} {string.Join(' ', args)}".Trim(),
                ["tool"] = manager ?? backend,
                ["active"] = state.Filtering,
                ["rules"] = state.Rules,
            };
        }
        // Both tools failed, each for its reason (nft, then iptables-save).
        return Fact.Absent(Msg.ProbeNoPacketFilter.With(reasons.Aggregate((a, b) => Msg.ProbeReasonsBoth.With(a, b))));
    }

    // ---- mandatory access control (informational) -------------------------------------------------------------------

    static JsonNode Mac(ProbeContext ctx, IConfigSource files)
    {
        var lsmText = Text(files, "/sys/kernel/security/lsm", []);
        var lsm = lsmText?.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sources = new List<string>();
        if (lsm is not null) sources.Add("/sys/kernel/security/lsm");
        JsonNode selinux;
        switch (Text(files, "/sys/fs/selinux/enforce", [])?.Trim())
        {
            case "1": selinux = "enforcing"; sources.Add("/sys/fs/selinux/enforce"); break;
            case "0": selinux = "permissive"; sources.Add("/sys/fs/selinux/enforce"); break;
            default:
                // getenforce says Disabled when selinuxfs is not mounted: SELinux then enforces nothing.
                if (lsm is not null) selinux = lsm.Contains("selinux") ? Fact.Absent(Msg.ProbeSelinuxUnreadable.Text) : "disabled";
                else if (Directory.Exists(ctx.Path("/sys/fs")) && !Directory.Exists(ctx.Path("/sys/fs/selinux")))
                {
                    selinux = "disabled";
                    sources.Add("/sys/fs/selinux (not mounted)");
                }
                else selinux = Fact.Absent(Msg.ProbeNoSelinuxState.Text);
                break;
        }
        JsonNode apparmor;
        switch (Text(files, "/sys/module/apparmor/parameters/enabled", [])?.Trim())
        {
            case "Y": apparmor = "enabled"; sources.Add("/sys/module/apparmor/parameters/enabled"); break;
            case "N": apparmor = "disabled"; sources.Add("/sys/module/apparmor/parameters/enabled"); break;
            default:
                if (lsm is not null) apparmor = lsm.Contains("apparmor") ? Fact.Absent(Msg.ProbeApparmorUnreadable.Text) : "disabled";
                else if (Directory.Exists(ctx.Path("/sys/module")) && !Directory.Exists(ctx.Path("/sys/module/apparmor")))
                {
                    apparmor = "disabled";
                    sources.Add("/sys/module (no apparmor module in this kernel)");
                }
                else apparmor = Fact.Absent(Msg.ProbeNoApparmorState.Text);
                break;
        }
        return new JsonObject
        {
            ["source"] = sources.Count > 0 ? string.Join(", ", sources.Distinct()) : "nothing readable under /sys",
            ["lsm"] = lsm is not null ? new JsonArray(lsm.Select(l => (JsonNode)l).ToArray())
                : Fact.Absent(Msg.ProbeNoLsm.Text),
            ["selinux"] = selinux,
            ["apparmor"] = apparmor,
        };
    }

    // ---- listening sockets ------------------------------------------------------------------------------------------

    static JsonNode Listening(ProbeContext ctx, IConfigSource files)
    {
        var sockets = new List<ListeningSocket>();
        var problems = new List<ConfigProblem>();
        var read = new List<string>();
        foreach (var (file, protocol) in new[] { ("/proc/net/tcp", "tcp"), ("/proc/net/tcp6", "tcp6") })
        {
            if (Text(files, file, problems) is not { } text) continue;
            read.Add(file);
            var (found, p) = ProcNetTcp.Parse(text, protocol, file);
            sockets.AddRange(found);
            problems.AddRange(p);
        }
        if (Failed(problems) is { } socketsError) return socketsError;
        if (read.Count == 0) return Fact.Absent(Msg.ProbeNoTcpTables.Text);
        var owners = ctx.Live ? SocketOwners(sockets.Select(s => s.Inode).ToHashSet()) : null;
        return new JsonObject
        {
            ["source"] = string.Join(", ", read) + (owners is not null ? "; owners from /proc/PID/fd" : ""),
            ["sockets"] = new JsonArray(sockets.OrderBy(s => s.Port).ThenBy(s => s.Protocol, StringComparer.Ordinal).ThenBy(s => s.Address, StringComparer.Ordinal)
                .Select(s => (JsonNode)new JsonObject
                {
                    ["protocol"] = s.Protocol, ["address"] = s.Address, ["port"] = s.Port,
                    ["process"] = owners is null ? Fact.Absent(Msg.ProbeOwnerLive.Text)
                        : owners.TryGetValue(s.Inode, out var p) ? p : Fact.Absent(Msg.ProbeNoOwner.Text),
                }).ToArray()),
        };
    }

    /// <summary>Socket inode → process name, from the socket:[inode] links in /proc/PID/fd.</summary>
    static Dictionary<long, string> SocketOwners(HashSet<long> inodes)
    {
        var owners = new Dictionary<long, string>();
        if (inodes.Count == 0) return owners;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Take(100_000))
        {
            if (!Path.GetFileName(dir).All(char.IsAsciiDigit)) continue;
            try
            {
                var comm = Iq.Rules.Io.InputFiles.ReadAllText(Path.Combine(dir, "comm"), Iq.Rules.Io.InputKind.Config).Trim();
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")).Take(100_000))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is null || !target.StartsWith("socket:[", StringComparison.Ordinal)) continue;
                    if (long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode) && inodes.Contains(inode))
                        owners.TryAdd(inode, comm);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return owners;
    }
}
