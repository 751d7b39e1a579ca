using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Probes;
using Iq.Engine.Trust;
using Iq.Rules.Io;
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

/// <summary>Writes fact documents into a bundle folder, each sealed beside it (<c>KIND.json.seal</c>), as every collecting
/// command and the audit's probe do: through <see cref="Outputs"/> (documents and seals in place together, or none).</summary>
public static class FactDocuments
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string dir, string kind, JsonObject facts, DocumentOrigin? origin = null)
    {
        using var outputs = new Outputs();
        Add(outputs, dir, kind, facts, origin);
        outputs.Commit();
    }

    /// <summary>Checks now, writing nothing, that documents of these kinds and their seals could be added to <paramref name="dir"/>
    /// as <see cref="Add"/> will (not a file, a folder that is there or may be made, not inside a folder the run reads): a
    /// command that measures for minutes refuses a bad <c>--out</c> before it starts, not after. The input folders the
    /// command will read are to be noted first (<see cref="InputLedger.NoteFolder"/>).</summary>
    public static void CheckWritable(string dir, params string[] kinds)
    {
        using var outputs = new Outputs();
        outputs.MakesFolder(dir);
        foreach (var kind in kinds)
        {
            var path = Path.Combine(dir, kind + ".json");
            outputs.Add(path, _ => { });
            outputs.Add(Seals.PathOf(path), _ => { });
        }
        // Disposed without Commit: nothing is written, no folder made.
    }

    /// <summary>Adds the document and its seal to a run's outputs, written with the others all or none.
    /// The document is written twice from its facts, once through a hash for its seal and once to the file, and is never
    /// held whole (the text of a manifest of 200,000 components is 50 MB, its buffer more).</summary>
    public static void Add(Outputs outputs, string dir, string kind, JsonObject facts, DocumentOrigin? origin = null)
    {
        origin ??= DocumentOrigin.Here;
        var head = Head(kind, origin);
        var path = Path.Combine(dir, kind + ".json");
        outputs.MakesFolder(dir); // --out DIR: the bundle's folder is made when it is not there
        using var hashing = new HashingStream();
        WriteDocument(hashing, head, facts);
        var seal = Seals.Bytes(path, hashing.Sha256(), hashing.Length, origin.Key);
        outputs.Add(path, s => WriteDocument(s, head, facts));
        outputs.Add(Seals.PathOf(path), s => s.Write(seal));
    }

    /// <summary>A stream that keeps only the SHA-256 and the length of what is written to it.</summary>
    sealed class HashingStream : Stream
    {
        readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long _length;
        public byte[] Sha256() => _hash.GetHashAndReset();
        public override void Write(ReadOnlySpan<byte> buffer) { _hash.AppendData(buffer); _length += buffer.Length; }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void WriteByte(byte value) => Write([value]);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) _hash.Dispose(); base.Dispose(disposing); }
    }

    /// <summary>The document's path and bytes, and its seal's bytes.</summary>
    public static (string Path, byte[] Bytes, byte[] Seal) Files(string dir, string kind, JsonObject facts, DocumentOrigin? origin = null)
    {
        origin ??= DocumentOrigin.Here;
        var bytes = DocumentBytes(kind, facts, origin);
        var path = Path.Combine(dir, kind + ".json");
        return (path, bytes, Seals.Bytes(path, bytes, origin.Key));
    }

    /// <summary>A fact document: kind, schema, when, where, by what, how its facts were obtained, from what, and the facts.</summary>
    public static string Document(string kind, JsonObject facts, DocumentOrigin origin) =>
        System.Text.Encoding.UTF8.GetString(DocumentBytes(kind, facts, origin));

    /// <summary>The document as UTF-8 bytes, the facts written straight from their tree: neither a copy of the tree nor the
    /// text as a string (a manifest of 200,000 components held both, several times its size).</summary>
    public static byte[] DocumentBytes(string kind, JsonObject facts, DocumentOrigin origin)
    {
        using var buffer = new MemoryStream();
        WriteDocument(buffer, Head(kind, origin), facts);
        return buffer.ToArray();
    }

    /// <summary>The document's members before its facts: kind, schema, when, where, by what, how, from what.</summary>
    static JsonObject Head(string kind, DocumentOrigin origin)
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
                if (s.Facts.Count > 0) o["facts"] = new JsonArray(s.Facts.Select(f => (JsonNode)f).ToArray());
                return (JsonNode)o;
            }).ToArray());
        return doc;
    }

    /// <summary>The head's members, then "facts": the same bytes as the whole written as one tree, indented, and a newline.</summary>
    static void WriteDocument(Stream stream, JsonObject head, JsonObject facts)
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in head)
            {
                writer.WritePropertyName(name);
                value!.WriteTo(writer, Json);
            }
            writer.WritePropertyName("facts");
            facts.WriteTo(writer, Json);
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>A probe of the machine as a bundle of its own (environment.json, software.json, security.json), so that
    /// results name and hash it.</summary>
    public static void WriteProbe(string dir, ProbeReport report, SigningKey? key = null)
    {
        using var outputs = new Outputs();
        outputs.MakesFolder(dir);
        foreach (var (path, bytes, seal) in ProbeDocuments(dir, report, key))
        {
            outputs.Add(path, s => s.Write(bytes));
            outputs.Add(Seals.PathOf(path), s => s.Write(seal));
        }
        outputs.Commit();
    }

    /// <summary>The probe's documents with the paths they are written to and their seals.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes, byte[] Seal)> ProbeDocuments(string dir, ProbeReport report, SigningKey? key = null)
    {
        var origin = new DocumentOrigin { Host = report.Host, CollectedAt = report.CollectedAt, Key = key };
        return [Files(dir, "environment", report.Environment, origin), Files(dir, "software", report.Software, origin),
            Files(dir, "security", report.Security, origin)];
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
            // Read as every input is: a FIFO among the cases is refused, not opened to block.
            using var stream = InputFiles.OpenRead(Path.Combine(root, f), InputKind.Array);
            listing.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Convert.ToHexStringLower(SHA256.HashData(stream))}  {f}\n"));
        }
        return new SourceArtefact(root + "/", Convert.ToHexStringLower(listing.GetHashAndReset()), files.Count);
    }

    /// <summary>An artefact a document is derived from, hashed as it is now.</summary>
    public static SourceArtefact Source(string path)
    {
        using var stream = InputFiles.OpenRead(path, InputKind.Model);
        return new SourceArtefact(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }
}
