using Iq.Rules.Messages;
using System.Globalization;

namespace Iq.Engine.Probes.Security;

public sealed record AuditWatch(string Path, string Permissions, string Key);

/// <summary>What the audit rules record.</summary>
public sealed record AuditFindings(int Rules, bool Execve, IReadOnlyList<string> Privileged, IReadOnlyList<AuditWatch> Watches, IReadOnlyList<ConfigProblem> Problems);

/// <summary>Audit rules in auditctl's syntax, as <c>auditctl -l</c> prints them and as /etc/audit/rules.d holds them
/// (auditctl(8), audit.rules(7)): <c>-a action,list -S syscalls -F field=value -k key</c> and <c>-w path -p perms -k key</c>;
/// control lines (-D, -b, -e, -f, -r, --backlog_wait_time, -i, -c, --loginuid-immutable) are read past.</summary>
public static class AuditRules
{
    static readonly string[] Control = ["-D", "-b", "-e", "-f", "-r", "-i", "-c", "--backlog_wait_time", "--loginuid-immutable", "--reset-lost", "-W"];

    public static AuditFindings Parse(string text, string source)
    {
        var problems = new List<ConfigProblem>();
        var watches = new List<AuditWatch>();
        var privileged = new SortedSet<string>(StringComparer.Ordinal);
        var rules = 0;
        var execve = false;
        foreach (var (number, raw) in TextLines.Of(text))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line == "No rules") continue;
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (Control.Contains(words[0])) continue;
            if (words[0] == "-w")
            {
                string? path = null, perms = null, key = null;
                for (var i = 0; i < words.Length; i++)
                {
                    var next = i + 1 < words.Length ? words[i + 1] : null;
                    switch (words[i])
                    {
                        case "-w": path = next; i++; break;
                        case "-p": perms = next; i++; break;
                        case "-k": key = next; i++; break;
                        case "-F" when next is not null && next.StartsWith("key=", StringComparison.Ordinal): key = next[4..]; i++; break;
                    }
                }
                if (path is null || !path.StartsWith('/')) { problems.Add(new ConfigProblem(source, number, Msg.ConfigWatchNotAbsolute.Text)); continue; }
                perms ??= "rwxa"; // auditctl: no -p means every permission
                if (!perms.All(c => c is 'r' or 'w' or 'x' or 'a')) { problems.Add(new ConfigProblem(source, number, Msg.ConfigWatchPermissions.With(perms))); continue; }
                rules++;
                watches.Add(new AuditWatch(path, perms, key ?? ""));
                if (perms.Contains('x')) privileged.Add(path);
                continue;
            }
            if (words[0] is "-a" or "-A")
            {
                if (words.Length < 2) { problems.Add(new ConfigProblem(source, number, Msg.ConfigNeedsActionList.With(words[0]))); continue; }
                var actionList = words[1].Split(',');
                if (actionList.Length != 2 || !actionList.Contains("exit") && !actionList.Contains("task") && !actionList.Contains("user")
                    && !actionList.Contains("exclude") && !actionList.Contains("filesystem") && !actionList.Contains("io_uring"))
                {
                    problems.Add(new ConfigProblem(source, number, Msg.ConfigNotActionList.With(words[0], words[1])));
                    continue;
                }
                var always = actionList.Contains("always");
                var exit = actionList.Contains("exit");
                var syscalls = new HashSet<string>(StringComparer.Ordinal);
                var fields = new List<(string Name, string Op, string Value)>();
                string key = "";
                for (var i = 2; i < words.Length; i++)
                {
                    var next = i + 1 < words.Length ? words[i + 1] : null;
                    switch (words[i])
                    {
                        case "-S" when next is not null:
                            foreach (var s in next.Split(',', StringSplitOptions.RemoveEmptyEntries)) syscalls.Add(s);
                            i++;
                            break;
                        case "-F" when next is not null:
                            var field = Field(next);
                            if (field is null) { problems.Add(new ConfigProblem(source, number, Msg.ConfigNotFieldValue.With(next))); goto nextLine; }
                            if (field.Value.Name == "key") key = field.Value.Value;
                            else fields.Add(field.Value);
                            i++;
                            break;
                        case "-k" when next is not null: key = next; i++; break;
                        case "-C" when next is not null: i++; break;
                        case "-S" or "-F" or "-k" or "-C":
                            problems.Add(new ConfigProblem(source, number, Msg.ConfigNoValue.With(words[i])));
                            goto nextLine;
                    }
                }
                rules++;
                if (!always || !exit) continue;
                if (syscalls.Contains("execve") || syscalls.Contains("execveat") || syscalls.Contains("all")) execve = true;
                var path = fields.FirstOrDefault(f => f.Name is "path" or "dir" && f.Op == "=").Value;
                var perm = fields.FirstOrDefault(f => f.Name == "perm" && f.Op == "=").Value ?? "";
                if (path is not null)
                {
                    if (perm.Contains('x')) privileged.Add(path);
                    if (perm.Length > 0 || syscalls.Count == 0 || syscalls.Contains("all"))
                        watches.Add(new AuditWatch(path, perm.Length > 0 ? perm : "rwxa", key));
                }
                continue;
            }
            problems.Add(new ConfigProblem(source, number, Msg.ConfigNotAuditRule.With(Shorten(line))));
            nextLine:;
        }
        return new AuditFindings(rules, execve, privileged.ToList(), watches, problems);
    }

    static (string Name, string Op, string Value)? Field(string text)
    {
        foreach (var op in new[] { "!=", ">=", "<=", "&=", "=", ">", "<", "&" })
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at > 0) return (text[..at], op, text[(at + op.Length)..]);
        }
        return null;
    }

    static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    /// <summary><c>auditctl -s</c>: "enabled N", "pid N", …</summary>
    public static (bool? Enabled, long? Pid) Status(string text)
    {
        bool? enabled = null;
        long? pid = null;
        foreach (var (_, line) in TextLines.Of(text))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2) continue;
            if (parts[0] == "enabled" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var e)) enabled = e is 1 or 2;
            if (parts[0] == "pid" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p)) pid = p;
        }
        return (enabled, pid);
    }
}
