using System.Security.Cryptography;
using Iq.Rules.Io;

namespace Iq.Engine.Facts;

/// <summary>A bundle folder's documents read once, ahead of its audit (a fleet reads each bundle to hash it for its key):
/// each document's bytes in a pooled array, with its SHA-256. <see cref="FactBundleReader.Load"/> given it for that folder
/// validates and converts these bytes instead of reading the folder again, so each document is read and hashed once, and
/// the audit evaluates exactly the bytes its key was made from. Dispose it once the audit is done.</summary>
public sealed class BundleDocuments : IDisposable
{
    BundleDocuments(string folder, List<Document> documents, IReadOnlyList<string> refused)
    {
        Folder = folder;
        Documents = documents;
        Refused = refused;
        _held = Held.Value;
        _held?.Add();
    }

    HeldCount? _held;

    /// <summary>Bundles whose documents are held (read, not yet disposed), counted for the reads made in this async flow
    /// while it is set: a fleet run reads ahead of its audits, and how far is what bounds its memory.</summary>
    public static readonly AsyncLocal<HeldCount?> Held = new();

    /// <summary>How many bundles' documents are held now, and the most at once.</summary>
    public sealed class HeldCount
    {
        long _now, _most;
        public long Now => Interlocked.Read(ref _now);
        public long Most => Interlocked.Read(ref _most);

        internal void Add()
        {
            var now = Interlocked.Increment(ref _now);
            for (var most = Most; now > most; most = Most)
                if (Interlocked.CompareExchange(ref _most, now, most) == most) break;
        }

        internal void Remove() => Interlocked.Decrement(ref _now);
    }

    /// <summary>One document: its path as the folder listing gave it, its bytes and their SHA-256 (lower-case hex).</summary>
    public sealed record Document(string File, PooledBytes Bytes, string Sha256);

    /// <summary>The folder as given to <see cref="Read"/>.</summary>
    public string Folder { get; }

    /// <summary>Its <c>*.json</c> documents in the order the bundle reader reads them (by name, ordinal).</summary>
    public IReadOnlyList<Document> Documents { get; }

    /// <summary>Its files named like a document but refused (<see cref="BundleFileNames.IsRefused"/>), from the same listing:
    /// the audit refuses the bundle for them, and they are part of its key, so a fleet never reuses what was evaluated
    /// without them.</summary>
    public IReadOnlyList<string> Refused { get; }

    /// <summary>Every document of the folder (<see cref="BundleFileNames"/>), each read as the bundle reader reads it (<see cref="InputFiles.ReadPooled"/>:
    /// a FIFO, a device or a folder named <c>*.json</c> is refused by name instead of blocking, sizes are bounded). Throws
    /// <see cref="IOException"/> (<see cref="InputFileException"/> for a refusal) or <see cref="UnauthorizedAccessException"/>
    /// when one cannot be read; what was read so far is given back.</summary>
    public static BundleDocuments Read(string folder)
    {
        var documents = new List<Document>();
        InputLedger.NoteFolder(folder);
        var listing = BundleFileNames.List(folder);
        try
        {
            foreach (var file in listing.Documents)
            {
                var bytes = InputFiles.ReadPooled(file, InputKind.FactDocument);
                documents.Add(new Document(file, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes.Memory.Span))));
            }
        }
        catch
        {
            foreach (var d in documents) d.Bytes.Dispose();
            throw;
        }
        return new BundleDocuments(folder, documents, listing.Refused);
    }

    public void Dispose()
    {
        foreach (var d in Documents) d.Bytes.Dispose();
        Interlocked.Exchange(ref _held, null)?.Remove();
    }
}
