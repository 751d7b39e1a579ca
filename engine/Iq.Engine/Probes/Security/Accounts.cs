using Iq.Rules.Messages;
using System.Globalization;

namespace Iq.Engine.Probes.Security;

/// <summary>A local account: name, UID, primary GID.</summary>
public sealed record Account(string Name, long Uid, long Gid);

/// <summary>/etc/passwd, /etc/shadow and /etc/group, read strictly: a line with the wrong number of fields or a UID that is
/// not a number is a problem naming the file and line (passwd(5), shadow(5), group(5)); NIS <c>+</c>/<c>-</c> lines are
/// skipped.</summary>
public static class Accounts
{
    public static (IReadOnlyList<Account> Accounts, IReadOnlyList<ConfigProblem> Problems) Passwd(string text, string file = "/etc/passwd")
    {
        var accounts = new List<Account>();
        var problems = new List<ConfigProblem>();
        foreach (var (number, line) in TextLines.Of(text))
        {
            if (line.Length == 0 || line[0] is '+' or '-' or '#') continue;
            var f = line.Split(':');
            if (f.Length != 7) { problems.Add(new ConfigProblem(file, number, Msg.ConfigFieldCount.With(7, f.Length))); continue; }
            if (!long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                || !long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                problems.Add(new ConfigProblem(file, number, Msg.ConfigUidGidNotNumbers.Text));
                continue;
            }
            accounts.Add(new Account(f[0], uid, gid));
        }
        return (accounts, problems);
    }

    /// <summary>Accounts with an empty password field (no password asked) and with a DES or MD5 crypt hash.
    /// A hash starting with ! or * is locked and never matches a password.</summary>
    public static (IReadOnlyList<string> Empty, IReadOnlyList<string> Weak, IReadOnlyList<ConfigProblem> Problems) Shadow(string text, string file = "/etc/shadow")
    {
        var empty = new List<string>();
        var weak = new List<string>();
        var problems = new List<ConfigProblem>();
        foreach (var (number, line) in TextLines.Of(text))
        {
            if (line.Length == 0 || line[0] is '+' or '-' or '#') continue;
            var f = line.Split(':');
            if (f.Length != 9) { problems.Add(new ConfigProblem(file, number, Msg.ConfigFieldCount.With(9, f.Length))); continue; }
            var hash = f[1];
            if (hash.Length == 0) empty.Add(f[0]);
            else if (hash[0] is not ('!' or '*') && Weak(hash)) weak.Add(f[0]);
        }
        return (empty, weak, problems);
    }

    /// <summary>MD5 crypt ($1$) or traditional DES crypt (13 characters of [./0-9A-Za-z]).</summary>
    static bool Weak(string hash) =>
        hash.StartsWith("$1$", StringComparison.Ordinal)
        || hash.Length == 13 && hash.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/');

    /// <summary>Group name → members listed in /etc/group.</summary>
    public static (IReadOnlyDictionary<string, (long Gid, IReadOnlyList<string> Members)> Groups, IReadOnlyList<ConfigProblem> Problems) Group(string text, string file = "/etc/group")
    {
        var groups = new Dictionary<string, (long, IReadOnlyList<string>)>(StringComparer.Ordinal);
        var problems = new List<ConfigProblem>();
        foreach (var (number, line) in TextLines.Of(text))
        {
            if (line.Length == 0 || line[0] is '+' or '-' or '#') continue;
            var f = line.Split(':');
            if (f.Length != 4 || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                problems.Add(new ConfigProblem(file, number, Msg.ConfigNotGroupLine.Text));
                continue;
            }
            groups.TryAdd(f[0], (gid, f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
        return (groups, problems);
    }
}
