using Iq.Rules.Messages;
using System.Text;
using System.Text.RegularExpressions;

namespace Iq.Engine.Evidence.Integrity;

/// <summary>A checksum list as GNU coreutils writes it (<c>sha256sum</c>: "HEX  name" or "HEX *name"; <c>sha256sum --tag</c>
/// and BSD: "SHA256 (name) = HEX"), the usual manifest of a data import. A name holding a backslash or a newline is
/// escaped as coreutils does (the line starts with a backslash). An untagged line does not name its algorithm: it is
/// taken from <c>--algorithm</c>, else from the file's name (SHA256SUMS, data.sha512), never guessed from the length
/// (BLAKE2b and SHA3-512 are as long as SHA-512). A line that is neither form is an error with its line: a line the
/// reader skipped could hide a file (sha256sum -c only warns).</summary>
public static partial class ChecksumList
{
    [GeneratedRegex(@"^(?<alg>[A-Za-z0-9-]+) \((?<name>.*)\) = (?<hex>[0-9A-Fa-f]+)$")]
    private static partial Regex Tagged();

    [GeneratedRegex(@"^(?<hex>[0-9A-Fa-f]+) (?<mode>[ *^])(?<name>.+)$")]
    private static partial Regex Untagged();

    [GeneratedRegex(@"(?i)(sha3?-?(1|224|256|384|512)|md5|b2|blake2b?)")]
    private static partial Regex AlgorithmInName();

    /// <summary>Hex digits each algorithm's digest has, to catch a list read under the wrong algorithm.</summary>
    static int? HexLength(string algorithm) => algorithm.Replace("-", "").ToUpperInvariant() switch
    {
        "MD5" => 32, "SHA1" => 40, "SHA224" => 56, "SHA256" or "SHA3256" => 64, "SHA384" or "SHA3384" => 96,
        "SHA512" or "SHA3512" or "BLAKE2B" => 128, _ => null,
    };

    /// <summary>True when the first line that is not blank has one of the two forms: then this is a checksum list.</summary>
    public static bool Looks(string text)
    {
        var first = text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0);
        if (first is null) return false;
        if (first.StartsWith('\\')) first = first[1..];
        return Tagged().IsMatch(first) || Untagged().IsMatch(first);
    }

    /// <summary>The hashes a list gives, each with its line; <paramref name="algorithm"/> names the algorithm of untagged
    /// lines (else the file's name does).</summary>
    public static (string Format, IReadOnlyList<FileDigest> Files) Read(string file, string text, string? algorithm)
    {
        var untaggedAlgorithm = algorithm ?? FromName(Path.GetFileName(file));
        var digests = new List<FileDigest>();
        var tagged = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (line.Trim().Length == 0) continue;
            var at = $"{file}:{i + 1}";
            var escaped = line.StartsWith('\\');
            var body = escaped ? line[1..] : line;
            string alg, name, hex;
            if (Tagged().Match(body) is { Success: true } t)
            {
                (alg, name, hex) = (t.Groups["alg"].Value, t.Groups["name"].Value, t.Groups["hex"].Value);
                // BLAKE2b-256: the length is part of the name; the engine computes no BLAKE2 (unverifiable, never a pass).
                tagged++;
            }
            else if (Untagged().Match(body) is { Success: true } u)
            {
                alg = untaggedAlgorithm ?? throw new EvidenceInputException(Msg.ChecksumNoAlgorithm.With(at));
                (name, hex) = (u.Groups["name"].Value, u.Groups["hex"].Value);
            }
            else throw new EvidenceInputException(Msg.ChecksumNotALine.With(at));
            if (escaped) name = Unescape(name, at);
            if (name.Length == 0) throw new EvidenceInputException(Msg.ChecksumEmptyName.With(at));
            if (HexLength(alg) is { } want && hex.Length != want)
                throw new EvidenceInputException(Msg.ChecksumWrongLength.With(at, alg, want, hex.Length));
            digests.Add(new FileDigest(name, alg, hex, $"line {i + 1}"));
        }
        if (digests.Count == 0) throw new EvidenceInputException(Msg.ChecksumNoFile.With(file));
        return (tagged == digests.Count ? "checksums-tagged" : tagged == 0 ? "checksums" : "checksums-mixed", digests);
    }

    /// <summary>The algorithm a list's file name names: SHA256SUMS, images.sha512, MD5SUMS; null when none or two.</summary>
    public static string? FromName(string fileName)
    {
        var found = AlgorithmInName().Matches(fileName).Select(m => m.Value.ToUpperInvariant().Replace("-", "")).Distinct().ToList();
        if (found.Count != 1) return null;
        return found[0] switch
        {
            "B2" or "BLAKE2" or "BLAKE2B" => "BLAKE2b",
            var s when s.StartsWith("SHA3", StringComparison.Ordinal) && s.Length > 4 => "SHA3-" + s[4..],
            var s => s,
        };
    }

    /// <summary>coreutils' escaping of a name: \\ for a backslash, \n for a newline, \r for a carriage return.</summary>
    static string Unescape(string name, string at)
    {
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '\\') { sb.Append(name[i]); continue; }
            if (++i >= name.Length) throw new EvidenceInputException(Msg.ChecksumLoneBackslash.With(at));
            sb.Append(name[i] switch
            {
                '\\' => '\\', 'n' => '\n', 'r' => '\r',
                var c => throw new EvidenceInputException(Msg.ChecksumUnknownEscape.With(at, c)),
            });
        }
        return sb.ToString();
    }
}
