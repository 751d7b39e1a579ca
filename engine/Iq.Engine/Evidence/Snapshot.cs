using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Iq.Engine.Evidence;

/// <summary>A file's state in a snapshot.</summary>
public sealed record SnapshotEntry(string Path, long Size, string Sha256, string Mode);

/// <summary>Snapshots of a folder (every file's SHA-256, size and permissions) and their comparison: the evidence that a
/// rollback restored the system exactly (IQ 5.2.2, 6.3.2 a and c). Links are recorded, not followed.</summary>
public static class Snapshot
{
    public const string Schema = "iq.snapshot/1";

    public static List<SnapshotEntry> Take(string root)
    {
        if (!Directory.Exists(root)) throw new EvidenceInputException($"{root}: folder not found");
        var entries = new List<SnapshotEntry>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        foreach (var file in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            var relative = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
            var mode = OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(file), 8);
            if (info.LinkTarget is { } target)
            {
                entries.Add(new SnapshotEntry(relative, 0, "link:" + target, mode));
                continue;
            }
            using var stream = File.OpenRead(file);
            entries.Add(new SnapshotEntry(relative, info.Length, Convert.ToHexStringLower(SHA256.HashData(stream)), mode));
        }
        return entries;
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
    public static List<SnapshotEntry> Load(string path)
    {
        if (Directory.Exists(path)) return Take(path);
        if (!File.Exists(path)) throw new EvidenceInputException($"{path}: neither a snapshot file nor a folder");
        try
        {
            var doc = JsonNode.Parse(File.ReadAllText(path));
            if ((string?)doc?["schema"] != Schema) throw new EvidenceInputException($"{path}: not an {Schema} snapshot (at $.schema)");
            return doc!["files"]!.AsArray().Select((f, i) => new SnapshotEntry(
                (string?)f!["path"] ?? throw new EvidenceInputException($"{path}: no path at $.files[{i}].path"),
                (long?)f["size"] ?? 0, (string?)f["sha256"] ?? throw new EvidenceInputException($"{path}: no sha256 at $.files[{i}].sha256"),
                (string?)f["mode"] ?? "")).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new EvidenceInputException($"{path}: malformed snapshot: {e.Message.Split(" Path:")[0]}");
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

    public static JsonObject CompareTimed(string before, string after, TimeSpan? rollbackTime)
    {
        var clock = Stopwatch.StartNew();
        var a = Load(before);
        var b = Load(after);
        return Compare(a, b, rollbackTime, clock.Elapsed);
    }
}
