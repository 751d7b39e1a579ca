using Iq.Rules.Messages;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Rules.Io;

namespace Iq.Engine.Evidence;

/// <summary>A file's state in a snapshot.</summary>
public sealed record SnapshotEntry(string Path, long Size, string Sha256, string Mode);

/// <summary>Snapshots of a folder (every file's SHA-256, size and permissions) and their comparison: the evidence that a
/// rollback restored the system exactly (IQ 5.2.2, 6.3.2 a and c). Links are recorded, not followed (never out of the
/// folder, never round a loop); FIFOs, devices and sockets are recorded by kind, never opened.</summary>
public static class Snapshot
{
    public const string Schema = "iq.snapshot/1";

    public static List<SnapshotEntry> Take(string root, CancellationToken cancel = default)
    {
        if (!Directory.Exists(root)) throw new EvidenceInputException(Msg.EvFolderNotFound.With(root));
        var entries = new List<SnapshotEntry>();
        foreach (var e in TreeWalker.Entries(root, cancel))
        {
            cancel.ThrowIfCancellationRequested();
            var mode = OperatingSystem.IsWindows() ? "" : Convert.ToString(e.Facts.Mode, 8);
            switch (e.Facts.Kind)
            {
                case FileKind.Link:
                    entries.Add(new SnapshotEntry(e.Relative, 0, "link:" + new FileInfo(e.Path).LinkTarget, mode));
                    break;
                case FileKind.Regular:
                    using (var stream = InputFiles.OpenRead(e.Path, InputKind.Log, 1 << 16, FileOptions.SequentialScan))
                        entries.Add(new SnapshotEntry(e.Relative, e.Facts.Size, Convert.ToHexStringLower(Hash(stream, cancel)), mode));
                    break;
                default:
                    entries.Add(new SnapshotEntry(e.Relative, 0, e.Facts.Kind.ToString().ToLowerInvariant() + ":", mode));
                    break;
            }
        }
        return entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>SHA-256 of a stream, stopping when asked (a large tree takes minutes).</summary>
    static byte[] Hash(Stream stream, CancellationToken cancel)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            sha.AppendData(buffer, 0, read);
        }
        return sha.GetHashAndReset();
    }

    public static string ToJson(string root, List<SnapshotEntry> entries) =>
        new JsonObject
        {
            ["schema"] = Schema,
            ["root"] = System.IO.Path.GetFullPath(root),
            ["taken_at"] = DateTimeOffset.UtcNow.ToString("O"),
            ["files"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["size"] = e.Size, ["sha256"] = e.Sha256, ["mode"] = e.Mode }).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    /// <summary>A snapshot file written by <see cref="ToJson"/>, or a folder to snapshot now.</summary>
    public static List<SnapshotEntry> Load(string path, CancellationToken cancel = default)
    {
        if (Directory.Exists(path)) return Take(path, cancel);
        if (FileFacts.Of(path).Kind == FileKind.Missing) throw new EvidenceInputException(Msg.SnapshotMissing.With(path));
        byte[]? bytes = null;
        try
        {
            bytes = InputFiles.ReadAllBytes(path, InputKind.Snapshot);
            bytes = JsonInput.Text(bytes, path, out var notText) ?? throw new EvidenceInputException(Msg.SnapshotAt.With(notText!.Span, notText.Text));
            var doc = JsonNode.Parse(bytes, documentOptions: JsonInput.Options);
            if (doc is not JsonObject o || o["schema"] is not JsonValue v || !v.TryGetValue<string>(out var schema) || schema != Schema)
                throw new EvidenceInputException(Msg.SnapshotWrongSchema.With(path, Schema));
            if (o["files"] is not JsonArray files) throw new EvidenceInputException(Msg.SnapshotNoFiles.With(path));
            // A value of the wrong kind (a number for a path, a fraction or a string for a size) is refused at its line,
            // column and JSON path, as in every JSON document iq reads.
            var src = new Manifests.JsonSource(path, bytes);
            var entries = new List<SnapshotEntry>(files.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i] is not JsonObject f) throw new EvidenceInputException(Msg.SnapshotNotObject.With(path, i));
                var at = $"$.files[{i}]";
                var entry = new SnapshotEntry(
                    f["path"] is null ? throw new EvidenceInputException(Msg.SnapshotNoPath.With(path, i)) : src.Str(f["path"], at + ".path"),
                    src.Count(f["size"], at + ".size") ?? 0,
                    f["sha256"] is null ? throw new EvidenceInputException(Msg.SnapshotNoSha.With(path, i)) : src.Str(f["sha256"], at + ".sha256"),
                    src.Str(f["mode"], at + ".mode", required: false) ?? "");
                if (!seen.Add(entry.Path)) throw new EvidenceInputException(Msg.SnapshotTwice.With(path, entry.Path, i));
                entries.Add(entry);
            }
            return entries;
        }
        catch (JsonException e)
        {
            var d = JsonInput.Malformed(e, path, bytes);
            throw new EvidenceInputException(Msg.SnapshotMalformed.With(d.Span, d.Text.Values[0]));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new EvidenceInputException(Msg.SnapshotMalformed.With(path, LibraryError.Json(e.Message.Split(" Path:")[0])));
        }
    }

    public static JsonObject Compare(List<SnapshotEntry> before, List<SnapshotEntry> after, TimeSpan? rollbackTime, TimeSpan comparisonTime)
    {
        var a = before.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var b = after.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var examples = new List<(string, string)>();
        long added = 0, removed = 0, changed = 0, modes = 0;
        foreach (var p in b.Keys.Where(p => !a.ContainsKey(p)).Order(StringComparer.Ordinal)) { added++; examples.Add((p, "added")); }
        foreach (var p in a.Keys.Order(StringComparer.Ordinal))
        {
            if (!b.TryGetValue(p, out var now)) { removed++; examples.Add((p, "removed")); continue; }
            if (now.Sha256 != a[p].Sha256) { changed++; examples.Add((p, "changed")); }
            else if (now.Mode != a[p].Mode) { modes++; examples.Add((p, "mode")); }
        }
        var facts = new JsonObject
        {
            ["added"] = added, ["removed"] = removed, ["changed"] = changed, ["permission_changes"] = modes,
            ["comparison_time"] = Math.Round(comparisonTime.TotalMilliseconds, 3),
            ["files_before"] = (long)before.Count,
            ["examples"] = new JsonArray(examples.Take(20).Select(x => (JsonNode)new JsonObject { ["path"] = x.Item1, ["change"] = x.Item2 }).ToArray()),
        };
        if (rollbackTime is { } t) facts["duration"] = t.TotalMilliseconds;
        return facts;
    }

    public static JsonObject CompareTimed(string before, string after, TimeSpan? rollbackTime, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var a = Load(before, cancel);
        var b = Load(after, cancel);
        return Compare(a, b, rollbackTime, clock.Elapsed);
    }
}
