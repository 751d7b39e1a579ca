using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Probes;
using Iq.Engine.Trust;
using Iq.Rules.Model;
using Iq.Scoring.Reports;

namespace Iq.Engine.Facts;

/// <summary>How a document came to be, besides its facts: where and when, how its facts were obtained when not as its
/// kind's are by default (<see cref="Provenance"/>, <see cref="Overrides"/>), the artefacts it was derived from, and the
/// key that signs its seal.</summary>
public sealed record DocumentOrigin
{
    /// <summary>The host the facts describe; this machine when null.</summary>
    public string? Host { get; init; }
    public DateTimeOffset? CollectedAt { get; init; }

    /// <summary>The document's provenance when not its kind's default (docs/facts.md).</summary>
    public Provenance? Provenance { get; init; }

    /// <summary>Facts obtained otherwise than the document's other facts (a rollback time typed in: declared).</summary>
    public IReadOnlyList<ProvenanceOverride> Overrides { get; init; } = [];

    /// <summary>The artefacts the facts were derived from, with their SHA-256.</summary>
    public IReadOnlyList<SourceArtefact> Sources { get; init; } = [];

    /// <summary>The lab's key: the seal is then signed.</summary>
    public SigningKey? Key { get; init; }

    public static readonly DocumentOrigin Here = new();
}

/// <summary>Writes fact documents into a bundle folder (atomically), each sealed beside it (<c>KIND.json.seal</c>), as every
/// collecting command and the audit's probe do.</summary>
public static class FactDocuments
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string dir, string kind, JsonObject facts, DocumentOrigin? origin = null)
    {
        origin ??= DocumentOrigin.Here;
        var bytes = System.Text.Encoding.UTF8.GetBytes(Document(kind, facts, origin));
        var path = Path.Combine(dir, kind + ".json");
        AtomicFile.Write(path, s => s.Write(bytes));
        Seals.Write(path, bytes, origin.Key);
    }

    /// <summary>A fact document: kind, schema, when, where, by what, how its facts were obtained, from what, and the facts.</summary>
    public static string Document(string kind, JsonObject facts, DocumentOrigin origin)
    {
        var doc = new JsonObject
        {
            ["kind"] = kind,
            ["schema"] = FactBundleReader.SchemaVersion,
            ["collected_at"] = (origin.CollectedAt ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["host"] = origin.Host ?? HostName.Current,
            ["tool"] = Tool.Name,
        };
        if (origin.Provenance is { } p) doc["provenance"] = p.Name();
        if (origin.Overrides.Count > 0)
            doc["fact_provenance"] = new JsonObject(origin.Overrides.Select(o => KeyValuePair.Create(o.Path, (JsonNode?)o.Provenance.Name())));
        if (origin.Sources.Count > 0)
            doc["sources"] = new JsonArray(origin.Sources.Select(s =>
            {
                var o = new JsonObject { ["path"] = s.Path, ["sha256"] = s.Sha256 };
                if (s.Size is { } n) o["size"] = n;
                return (JsonNode)o;
            }).ToArray());
        doc["facts"] = facts.DeepClone();
        return doc.ToJsonString(Json) + "\n";
    }

    /// <summary>A probe of the machine as a bundle of its own (environment.json, software.json, security.json), so that
    /// results name and hash it.</summary>
    public static void WriteProbe(string dir, ProbeReport report, SigningKey? key = null)
    {
        var origin = new DocumentOrigin { Host = report.Host, CollectedAt = report.CollectedAt, Key = key };
        Write(dir, "environment", report.Environment, origin);
        Write(dir, "software", report.Software, origin);
        Write(dir, "security", report.Security, origin);
    }

    /// <summary>A folder a document is derived from (a baseline's cases): the SHA-256 of its listing in <c>sha256sum</c>'s
    /// form, one line <c>HASH  PATH</c> per file, paths relative and sorted by byte — the same as
    /// <c>cd DIR &amp;&amp; find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum</c>.</summary>
    public static SourceArtefact SourceTree(string dir)
    {
        var root = Path.GetFullPath(dir);
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        using var listing = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files)
        {
            using var stream = File.OpenRead(Path.Combine(root, f));
            listing.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Convert.ToHexStringLower(SHA256.HashData(stream))}  {f}\n"));
        }
        return new SourceArtefact(root + "/", Convert.ToHexStringLower(listing.GetHashAndReset()), files.Count);
    }

    /// <summary>An artefact a document is derived from, hashed as it is now.</summary>
    public static SourceArtefact Source(string path)
    {
        using var stream = File.OpenRead(path);
        return new SourceArtefact(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }
}
