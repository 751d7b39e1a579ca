using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Iq.Rules.Io;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iq.Rules.Binding;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Engine.Facts;

/// <summary>What a personal value is, which decides its token's prefix.</summary>
public enum PersonalKind { Host, MachineId, Address, User, Person, Endpoint, SshCriteria, CertificateName }

/// <summary>A fact that names a host, an address, a user or a person: the document kind, its path under the document
/// (<c>[]</c> for every element of a list), what it is.</summary>
public sealed record PersonalField(string Kind, string Path, PersonalKind What);

/// <summary>Privacy of a bundle that leaves the hospital (5.1.2): host names, IP and MAC addresses, user names and
/// people's names are replaced by stable salted hashes (HMAC-SHA256 under a salt kept at the site, first 12 hex digits,
/// a prefix saying what it was), so the same host or user gets the same token in every document and every bundle made
/// with that salt, and the facts the checklists judge still compare: a plan endpoint and the measured one stay equal,
/// counts and lists keep their length, loopback and wildcard addresses stay as they are. The declared fields are hashed
/// where they stand; every other text fact is then searched for the values found and for IPv4 and MAC addresses.</summary>
public static class Redaction
{
    public const string TokenPattern = @"\b(host|id|ip|user|person)-[0-9a-f]{12}\b";

    /// <summary>Every field that holds personal data, one declaration for the redactor, the privacy docs and their test.</summary>
    public static readonly IReadOnlyList<PersonalField> Fields =
    [
        new("*", "host", PersonalKind.Host),
        new("environment", "facts.host.name", PersonalKind.Host),
        new("environment", "facts.host.id", PersonalKind.MachineId),
        new("environment", "facts.network[].addresses[]", PersonalKind.Address),
        new("security", "facts.accounts.uid0[]", PersonalKind.User),
        new("security", "facts.accounts.empty_password[]", PersonalKind.User),
        new("security", "facts.accounts.weak_hash[]", PersonalKind.User),
        new("security", "facts.sudo.nopasswd[].who", PersonalKind.User),
        new("security", "facts.sudo.unrestricted[].who", PersonalKind.User),
        new("security", "facts.ssh.match_overrides[].criteria", PersonalKind.SshCriteria),
        new("security", "facts.listening.sockets[].address", PersonalKind.Address),
        new("security", "facts.tls[].endpoint", PersonalKind.Endpoint),
        new("security", "facts.tls[].certificate.subject", PersonalKind.CertificateName),
        new("security", "facts.tls[].certificate.issuer", PersonalKind.CertificateName),
        new("security_scans", "facts.scans[].target", PersonalKind.Host),
        new("plan", "facts.endpoints[].address", PersonalKind.Endpoint),
        new("plan", "facts.staff[].name", PersonalKind.Person),
        // The assessor who judged a manual item is a person as the plan's staff are (fresh eyes 8, F-B4): the judgment keeps
        // its status, date, justification and evidence reference, and the same name gives the same token throughout.
        new("attestations", "facts.items[].assessor", PersonalKind.Person),
    ];

    static readonly Regex Ipv4 = new(@"(?<![\w.])(\d{1,3}\.){3}\d{1,3}(?![\w.])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    static readonly Regex Mac = new(@"(?<![\w:])([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![\w:])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    /// <summary>Words that are fact values the checklists compare with: never searched for in free text, even when an
    /// account is named so (a user called "sshd" must not turn the PAM service sshd into a token).</summary>
    static readonly HashSet<string> Vocabulary = new(StringComparer.Ordinal)
    {
        "yes", "no", "any", "none", "all", "pass", "fail", "error", "unknown", "sshd", "sudo", "login", "root", "enabled", "disabled",
        "enforcing", "permissive", "journal", "tcp", "tcp6", "nftables", "iptables", "ufw", "firewalld", "openscap", "lynis",
    };

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    const string Note = "redacted by iq: host names, IP and MAC addresses, user and person names replaced by salted hashes";

    /// <summary>Values that name nobody: loopback and wildcard addresses, root, and sudo's own words.</summary>
    static bool Kept(PersonalKind what, string value) => what switch
    {
        PersonalKind.Address => value is "0.0.0.0" or "::" or "127.0.0.1" or "::1" || value.StartsWith("127.", StringComparison.Ordinal),
        PersonalKind.Host => value is "localhost" or "unknown" or "",
        PersonalKind.User => value is "root" or "ALL" || value.StartsWith('%') || value.StartsWith('#') || value.StartsWith('+')
                             || value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'), // groups, UIDs, netgroups, aliases
        _ => false,
    };

    public static string Token(byte[] salt, PersonalKind what, string value)
    {
        var prefix = what switch
        {
            PersonalKind.Host or PersonalKind.CertificateName => "host", PersonalKind.MachineId => "id", PersonalKind.Address => "ip",
            PersonalKind.User => "user", PersonalKind.Person => "person", _ => "host",
        };
        var mac = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(prefix + ":" + value));
        return $"{prefix}-{Convert.ToHexStringLower(mac)[..12]}";
    }

    /// <summary>Redacts the documents of a bundle together (so a value found in one is replaced in all). Each input is a
    /// file name and its bytes; a document that is not JSON is a diagnostic and nothing is produced.</summary>
    public static (IReadOnlyList<(string File, string Text)> Documents, IReadOnlyList<Diagnostic> Diagnostics) Redact(
        IReadOnlyList<(string File, byte[] Bytes)> documents, byte[] salt, IFactSchema schema)
    {
        var diagnostics = new List<Diagnostic>();
        var parsed = new List<(string File, JsonObject Doc)>();
        foreach (var (file, bytes) in documents)
        {
            // Read as every JSON input is (JsonInput): strict UTF-8, a leading byte-order mark dropped, the same limits,
            // and a member named twice found where it is.
            if (JsonInput.Text(bytes, file, out var notText) is not { } text)
            {
                diagnostics.Add(notText!);
                continue;
            }
            try
            {
                if (JsonNode.Parse(text, documentOptions: JsonInput.Options) is JsonObject o)
                    parsed.Add((file, o));
                else diagnostics.Add(Diagnostic.Error(Msg.RedactNotObject.Text, SourceSpan.None(file)));
            }
            catch (JsonException e) { diagnostics.Add(JsonInput.Malformed(e, file, text)); }
        }
        if (diagnostics.Count > 0) return ([], diagnostics);

        // 1. Hash the declared fields, remembering each original so that free text can be searched for it.
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, doc) in parsed)
        {
            var kind = (doc["kind"] as JsonValue)?.TryGetValue<string>(out var k) == true ? k : "";
            foreach (var field in Fields.Where(f => f.Kind == "*" || f.Kind == kind))
                Apply(doc, field.Path.Split('.'), 0, v => Replace(field.What, v));
        }
        // 2. Every other text: the originals found, longest first, then IPv4 and MAC addresses.
        var ordered = replacements.Where(r => r.Key.Length >= 3 && !Vocabulary.Contains(r.Key)).OrderByDescending(r => r.Key.Length).ToList();
        var result = new List<(string, string)>();
        foreach (var (file, doc) in parsed)
        {
            var kind = (doc["kind"] as JsonValue)?.TryGetValue<string>(out var k) == true ? k : "";
            var root = schema.Roots.FirstOrDefault(r => r.Kind == kind);
            if (doc["facts"] is JsonValue fv && fv.TryGetValue<string>(out var ft)) doc["facts"] = Scrub(ft);
            else Text(doc["facts"], root?.Type ?? IqType.Any);
            doc["comment"] = doc["comment"] is JsonValue c && c.TryGetValue<string>(out var existing) && !existing.Contains(Note, StringComparison.Ordinal)
                ? $"{existing}; {Note}" : Note;
            result.Add((file, doc.ToJsonString(Json) + "\n"));
        }
        return (result, []);

        string Replace(PersonalKind what, string value)
        {
            switch (what)
            {
                case PersonalKind.Endpoint:
                {
                    // host:port or [v6]:port: the host is hashed, the port kept.
                    var colon = value.LastIndexOf(':');
                    if (colon <= 0) return Replace(PersonalKind.Host, value);
                    var host = value[..colon].Trim('[', ']');
                    var kind = IPAddress.TryParse(host, out _) ? PersonalKind.Address : PersonalKind.Host;
                    return Replace(kind, host) + value[colon..];
                }
                case PersonalKind.SshCriteria:
                {
                    // "User backup Address 10.20.0.0/16": the values after User, Host and Address.
                    var words = value.Split(' ');
                    for (var i = 0; i + 1 < words.Length; i++)
                    {
                        var what2 = words[i].ToLowerInvariant() switch { "user" => PersonalKind.User, "host" => PersonalKind.Host, "address" => PersonalKind.Address, _ => (PersonalKind?)null };
                        if (what2 is null) continue;
                        words[i + 1] = string.Join(',', words[i + 1].Split(',').Select(v =>
                        {
                            var neg = v.StartsWith('!') ? "!" : "";
                            var bare = v.TrimStart('!');
                            var slash = bare.IndexOf('/');
                            return neg + (slash > 0 ? Replace(what2.Value, bare[..slash]) + bare[slash..] : bare.Contains('*') ? bare : Replace(what2.Value, bare));
                        }));
                        i++;
                    }
                    return string.Join(' ', words);
                }
                case PersonalKind.CertificateName:
                    // CN=pacs.hospital.example, O=… : the host names in it.
                    return Regex.Replace(value, @"(?<=CN=)[^,+]+", m => Replace(PersonalKind.Host, m.Value), RegexOptions.None, TimeSpan.FromSeconds(1));
                case PersonalKind.User when value.StartsWith("Defaults:", StringComparison.Ordinal):
                    return "Defaults:" + string.Join(',', value[9..].Split(',').Select(u => Replace(PersonalKind.User, u)));
            }
            if (Kept(what, value)) return value;
            if (replacements.TryGetValue(value, out var known)) return known;
            var token = Token(salt, what, value);
            replacements[value] = token;
            return token;
        }

        // In place: strings are replaced, objects and lists walked with the schema's type beside them (versions, dates,
        // sizes and durations are never text to scrub).
        JsonNode? Text(JsonNode? node, IqType type)
        {
            switch (node)
            {
                case JsonObject o:
                    var marker = o.ContainsKey("$absent") || o.ContainsKey("$error");
                    foreach (var key in o.Select(p => p.Key).ToList())
                    {
                        var member = marker ? IqType.String : type switch
                        {
                            ObjectType ot => ot.Member(key)?.Type ?? IqType.Any,
                            MapType m => m.Value,
                            _ => IqType.Any,
                        };
                        if (o[key] is JsonValue v && v.TryGetValue<string>(out var str)) { if (member == IqType.String || member == IqType.Any) o[key] = Scrub(str); }
                        else Text(o[key], member);
                    }
                    return o;
                case JsonArray a:
                    var element = type is ListType l ? l.Element : IqType.Any;
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is JsonValue v && v.TryGetValue<string>(out var str)) { if (element == IqType.String || element == IqType.Any) a[i] = Scrub(str); }
                        else Text(a[i], element);
                    }
                    return a;
                case JsonValue v when v.TryGetValue<string>(out var s) && (type == IqType.String || type == IqType.Any):
                    return Scrub(s);
                default:
                    return node;
            }
        }

        string Scrub(string s)
        {
            if (s.Length == 0 || Regex.IsMatch(s, "^" + TokenPattern + "$", RegexOptions.None, TimeSpan.FromSeconds(1))) return s;
            foreach (var (original, token) in ordered)
                if (s.Contains(original, StringComparison.Ordinal))
                    s = Regex.Replace(s, $@"(?<!\w){Regex.Escape(original)}(?!\w)", token, RegexOptions.None, TimeSpan.FromSeconds(1));
            s = Ipv4.Replace(s, m => IPAddress.TryParse(m.Value, out _) && !Kept(PersonalKind.Address, m.Value) ? Replace(PersonalKind.Address, m.Value) : m.Value);
            s = Mac.Replace(s, m => Replace(PersonalKind.Address, m.Value.ToLowerInvariant().Replace('-', ':')));
            return s;
        }
    }

    /// <summary>Applies a change to every string at a path (parts; "x[]" for every element of list x).</summary>
    static void Apply(JsonNode? node, string[] parts, int at, Func<string, string> change)
    {
        if (node is null || at >= parts.Length) return;
        var part = parts[at];
        var each = part.EndsWith("[]", StringComparison.Ordinal);
        var name = each ? part[..^2] : part;
        if (node is not JsonObject o || !o.TryGetPropertyValue(name, out var child) || child is null) return;
        if (each)
        {
            if (child is not JsonArray list) return;
            for (var i = 0; i < list.Count; i++)
            {
                if (at == parts.Length - 1)
                {
                    if (list[i] is JsonValue v && v.TryGetValue<string>(out var s)) list[i] = change(s);
                }
                else Apply(list[i], parts, at + 1, change);
            }
            return;
        }
        if (at == parts.Length - 1)
        {
            if (child is JsonValue v && v.TryGetValue<string>(out var s)) o[name] = change(s);
            return;
        }
        Apply(child, parts, at + 1, change);
    }

    /// <summary>docs/privacy.md: everything iq probe collects, kind by kind, and what redaction replaces.</summary>
    public static string PrivacyMarkdown(IFactSchema schema)
    {
        var sb = new StringBuilder();
        sb.Append("# What iq probe collects, and what redaction replaces\n\n");
        sb.Append("Generated from the engine's schema and its list of personal fields (`iq redact --list`); a test keeps this file equal to it.\n\n");
        sb.Append("A fact bundle may leave the hospital (a vendor's CI, a testing lab). `iq probe` writes three documents and reads nothing\n");
        sb.Append("else: no file contents beyond the settings named here, no logs, no medical data, no keys, no password hashes (only\n");
        sb.Append("whether a hash is empty or DES/MD5). `iq probe --redact` writes them redacted; `iq redact BUNDLE --out DIR` redacts any\n");
        sb.Append("bundle into a new folder (the original is left as it is). Redaction replaces each marked value by a token such as\n");
        sb.Append("`host-3f2a9c1e07b4`: HMAC-SHA256 of the value under a salt kept at the site (`--salt-file`, default\n");
        sb.Append("`~/.local/share/iq/redact.salt`, made on first use; or `IQ_REDACT_SALT`), so one host or user has one token in every\n");
        sb.Append("document and every bundle made with that salt, and the facts the checklists judge still compare (a plan's endpoint\n");
        sb.Append("equals the measured one, lists keep their length). Loopback and wildcard addresses, root, groups, UIDs and sudo\n");
        sb.Append("aliases are kept. After the marked fields, every other text fact (sources, reasons, rules as written, titles) is\n");
        sb.Append("searched for the values replaced and for IPv4 and MAC addresses. Keep the salt away from the bundle: with it, a\n");
        sb.Append("guessed name can be checked against a token.\n\n");
        foreach (var root in schema.Roots.Where(r => r.Kind is "environment" or "software" or "security"))
        {
            sb.Append($"## `{root.Kind}.json` — {root.Description}\n\n| fact | type | redacted |\n|---|---|---|\n");
            Rows(sb, root.Kind, root.Name, "facts", root.Type, 0);
            sb.Append('\n');
        }
        sb.Append("## Personal fields of other documents\n\n| document | fact | redacted as |\n|---|---|---|\n");
        foreach (var f in Fields.Where(f => f.Kind is not ("environment" or "software" or "security")))
            sb.Append($"| {(f.Kind == "*" ? "every document" : $"`{f.Kind}`")} | `{f.Path}` | {f.What} |\n");
        return sb.ToString();
    }

    static void Rows(StringBuilder sb, string kind, string path, string json, IqType type, int depth)
    {
        if (depth > 0)
        {
            var field = Fields.FirstOrDefault(f => f.Kind == kind && f.Path == json);
            sb.Append($"| `{path}` | {type.Name} | {(field is null ? "" : field.What.ToString())} |\n");
        }
        switch (type)
        {
            case ObjectType o:
                foreach (var m in o.Members) Rows(sb, kind, $"{path}.{m.Name}", $"{json}.{m.Name}", m.Type, depth + 1);
                break;
            case ListType { Element: ObjectType eo }:
                foreach (var m in eo.Members) Rows(sb, kind, $"{path}[].{m.Name}", $"{json}[].{m.Name}", m.Type, depth + 1);
                break;
            case ListType:
                if (Fields.FirstOrDefault(f => f.Kind == kind && f.Path == json + "[]") is { } item)
                    sb.Append($"| `{path}[]` | {((ListType)type).Element.Name} | {item.What} |\n");
                break;
            case MapType { Value: ObjectType mo }:
                foreach (var m in mo.Members) Rows(sb, kind, $"{path}[\"name\"].{m.Name}", $"{json}.*.{m.Name}", m.Type, depth + 1);
                break;
        }
    }
}
