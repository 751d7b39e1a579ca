using System.Text.Json.Nodes;

namespace Iq.Engine.Probes;

/// <summary>Security-relevant settings: sshd's effective PasswordAuthentication and PermitRootLogin (first value
/// wins, Include followed, OpenSSH defaults otherwise), the firewall installed, SELinux and AppArmor state.</summary>
static class SecurityProbes
{
    public static JsonNode Security(ProbeContext ctx)
    {
        var sshd = Fact.Try(() => SshdSettings(ctx));
        return new JsonObject
        {
            ["ssh_password_authentication"] = sshd is JsonObject s && s.ContainsKey("passwordauthentication") ? s["passwordauthentication"]!.DeepClone() : sshd?.DeepClone(),
            ["ssh_permit_root_login"] = sshd is JsonObject t && t.ContainsKey("permitrootlogin") ? t["permitrootlogin"]!.DeepClone() : sshd?.DeepClone(),
            ["firewall"] = Firewall(ctx),
            ["selinux"] = Fact.Try(() => SELinux(ctx)),
            ["apparmor"] = Fact.Try(() => ctx.ReadLine("/sys/module/apparmor/parameters/enabled") switch
            {
                "Y" => (JsonNode)"enabled",
                "N" => "disabled",
                _ => Fact.Absent("AppArmor is not in this kernel"),
            }),
        };
    }

    static JsonNode SshdSettings(ProbeContext ctx)
    {
        if (ctx.ReadText("/etc/ssh/sshd_config") is null) return Fact.Absent("no /etc/ssh/sshd_config (no SSH server)");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Read("/etc/ssh/sshd_config", 0);
        return new JsonObject
        {
            ["passwordauthentication"] = values.GetValueOrDefault("passwordauthentication", "yes"),
            ["permitrootlogin"] = values.GetValueOrDefault("permitrootlogin", "prohibit-password"),
        };

        void Read(string file, int depth)
        {
            if (depth > 8 || ctx.ReadText(file) is not { } text) return;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                if (line.StartsWith("Match ", StringComparison.OrdinalIgnoreCase)) return; // later lines are conditional
                var parts = line.Split([' ', '\t', '='], 2, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2) continue;
                if (parts[0].Equals("Include", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var pattern in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var abs = pattern.StartsWith('/') ? pattern : "/etc/ssh/" + pattern;
                        var dir = ctx.Path(Path.GetDirectoryName(abs)!);
                        if (!Directory.Exists(dir)) continue;
                        foreach (var f in Directory.GetFiles(dir, Path.GetFileName(abs)).Order(StringComparer.Ordinal))
                            Read(Path.GetDirectoryName(abs) + "/" + Path.GetFileName(f), depth + 1);
                    }
                    continue;
                }
                values.TryAdd(parts[0].ToLowerInvariant(), parts[1].Trim());
            }
        }
    }

    static string Firewall(ProbeContext ctx)
    {
        if (ctx.ReadText("/etc/ufw/ufw.conf") is { } ufw && ufw.Contains("ENABLED=yes", StringComparison.Ordinal)) return "ufw";
        if (ctx.Which("firewalld") is not null || Directory.Exists(ctx.Path("/etc/firewalld"))) return "firewalld";
        if (ctx.Which("nft") is not null) return "nftables";
        if (ctx.Which("iptables") is not null) return "iptables";
        return "none";
    }

    static JsonNode SELinux(ProbeContext ctx)
    {
        switch (ctx.ReadLine("/sys/fs/selinux/enforce"))
        {
            case "1": return "enforcing";
            case "0": return "permissive";
        }
        if (ctx.ReadText("/etc/selinux/config") is { } config)
        {
            var line = config.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("SELINUX=", StringComparison.Ordinal));
            if (line is not null) return line.Split('=', 2)[1].Trim();
        }
        return Fact.Absent("SELinux is not present");
    }
}
