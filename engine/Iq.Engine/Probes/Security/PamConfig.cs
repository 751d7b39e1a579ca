using Iq.Rules.Messages;
namespace Iq.Engine.Probes.Security;

/// <summary>One line of a PAM auth stack, after includes, with the file and line it is written on.</summary>
public sealed record PamLine(string Service, string Control, string Module, IReadOnlyList<string> Args, string File, int Line)
{
    public bool Has(string arg) => Args.Any(a => a.Equals(arg, StringComparison.Ordinal));
}

/// <summary>What the PAM auth stacks say about second factors and empty passwords.</summary>
public sealed record PamFindings(
    IReadOnlyList<string> MfaServices,
    IReadOnlyList<(string Service, PamLine Line, bool Enforced)> MfaModules,
    IReadOnlyList<PamLine> Nullok,
    IReadOnlyList<ConfigProblem> Problems);

/// <summary>/etc/pam.d as Linux-PAM reads it: <c>type control module args</c>, a leading <c>-</c> on the type, bracketed
/// controls, <c>include</c>/<c>substack</c> of another service's lines of the same type, Debian's <c>@include</c>, backslash
/// continuations, <c>[…]</c> arguments with spaces. Only the auth stacks matter here (6.2.1 c): second-factor modules and
/// <c>nullok</c>, the authentication exemption that accepts an empty password.</summary>
public static class PamConfig
{
    public const string Folder = "/etc/pam.d";
    const int MaxDepth = 16;

    /// <summary>Modules that ask for a second factor. pam_sss counts only where SSSD is set to prompt for one.</summary>
    static readonly string[] SecondFactor = ["pam_google_authenticator", "pam_u2f", "pam_oath", "pam_duo", "pam_yubico"];

    public static PamFindings Read(IConfigSource files, bool sssdPromptsForSecondFactor)
    {
        var problems = new List<ConfigProblem>();
        var mfaServices = new List<string>();
        var mfa = new List<(string, PamLine, bool)>();
        var nullok = new Dictionary<(string, int), PamLine>();
        foreach (var file in files.List(Folder))
        {
            var service = file[(file.LastIndexOf('/') + 1)..];
            if (service.EndsWith('~') || service.StartsWith('.')) continue;
            var stack = AuthStack(files, service, problems);
            var enforced = false;
            foreach (var line in stack)
            {
                var module = ModuleName(line.Module);
                if (line.Has("nullok") || line.Has("nullok_secure")) nullok.TryAdd((line.File, line.Line), line);
                var second = SecondFactor.Contains(module) || module == "pam_sss" && sssdPromptsForSecondFactor;
                if (!second) continue;
                // A second factor counts when it must succeed: required, requisite, or a bracket that does not ignore its failure,
                // and without nullok (users with no second factor set up would pass without one).
                var must = line.Control is "required" or "requisite"
                           || line.Control.StartsWith('[') && !line.Control.Contains("default=ignore", StringComparison.Ordinal)
                                                            && !line.Control.Contains("default=ok", StringComparison.Ordinal);
                var counts = must && !line.Has("nullok");
                enforced |= counts;
                mfa.Add((service, line with { Module = module }, counts));
            }
            if (enforced) mfaServices.Add(service);
        }
        return new PamFindings(mfaServices, mfa, nullok.Values.OrderBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line).ToList(), problems);
    }

    /// <summary>pam_unix.so, /lib/security/pam_unix.so → pam_unix.</summary>
    public static string ModuleName(string module)
    {
        var name = module[(module.LastIndexOf('/') + 1)..];
        return name.EndsWith(".so", StringComparison.Ordinal) ? name[..^3] : name;
    }

    /// <summary>The auth lines of a service, includes expanded.</summary>
    public static List<PamLine> AuthStack(IConfigSource files, string service, List<ConfigProblem> problems)
    {
        var result = new List<PamLine>();
        Expand(service, 0, new HashSet<string>(StringComparer.Ordinal));
        return result;

        void Expand(string name, int depth, HashSet<string> seen)
        {
            var file = Folder + "/" + name;
            if (depth > MaxDepth || !seen.Add(name)) { problems.Add(new ConfigProblem(file, 0, Msg.ConfigPamIncludeCycle.Text)); return; }
            var text = files.Read(file, out var problem);
            if (problem is not null) problems.Add(new ConfigProblem(file, 0, problem));
            if (text is null)
            {
                if (depth > 0 && problem is null) problems.Add(new ConfigProblem(file, 0, Msg.ConfigIncludedNotFound.Text));
                seen.Remove(name);
                return;
            }
            foreach (var (number, raw) in TextLines.Continued(text))
            {
                var words = Words(raw, out var error);
                if (error is not null) { problems.Add(new ConfigProblem(file, number, error)); continue; }
                if (words.Count == 0) continue;
                if (words[0] == "@include")
                {
                    if (words.Count < 2) problems.Add(new ConfigProblem(file, number, Msg.ConfigPamIncludeNoFile.Text));
                    else Expand(words[1].TrimStart('/').Replace(Folder.TrimStart('/') + "/", ""), depth + 1, seen);
                    continue;
                }
                var type = words[0].TrimStart('-').ToLowerInvariant();
                if (type is not ("auth" or "account" or "password" or "session"))
                {
                    problems.Add(new ConfigProblem(file, number, Msg.ConfigPamUnknownType.With(words[0])));
                    continue;
                }
                if (words.Count < 3) { problems.Add(new ConfigProblem(file, number, Msg.ConfigPamLineShort.Text)); continue; }
                if (type != "auth") continue;
                var control = words[1];
                if (control is "include" or "substack")
                {
                    Expand(words[2].TrimStart('/').Replace(Folder.TrimStart('/') + "/", ""), depth + 1, seen);
                    continue;
                }
                result.Add(new PamLine(name, control, words[2], words.Skip(3).ToList(), file, number));
            }
            seen.Remove(name);
        }
    }

    /// <summary>Whitespace-separated words; <c>[ … ]</c> is one word (a control, or an argument with spaces); # starts a comment.</summary>
    internal static List<string> Words(string line, out MessageText? error)
    {
        error = null;
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length || line[i] == '#') break;
            var start = i;
            if (line[i] == '[')
            {
                var depth = 0;
                for (; i < line.Length; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length) { i++; continue; }
                    if (line[i] == '[') depth++;
                    else if (line[i] == ']' && --depth == 0) { i++; break; }
                }
                if (depth != 0) { error = Msg.ConfigUnclosedBracket.Text; return []; }
            }
            else
                while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            words.Add(line[start..i]);
        }
        return words;
    }
}
