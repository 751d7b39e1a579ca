using System.Text.Json.Nodes;
using Iq.Engine.Probes;
using Iq.Rules.Io;
using Iq.Scoring.Reports;

namespace Iq.Engine.Facts;

/// <summary>Writes fact documents into a bundle folder, as every collecting command and the audit's probe do: through
/// <see cref="Outputs"/> (a temporary beside the target, renamed into place when complete).</summary>
public static class FactDocuments
{
    /// <summary>Analyzers do not probe the host, so their documents say "unknown" unless told.</summary>
    public static void Write(string dir, string kind, JsonObject facts, string host = "unknown", DateTimeOffset? collectedAt = null) =>
        AtomicFile.Write(Path.Combine(dir, kind + ".json"), Writer(kind, facts, host, collectedAt));

    /// <summary>The document's bytes, for an <see cref="Outputs"/> of several files.</summary>
    public static byte[] Bytes(string kind, JsonObject facts, string host = "unknown", DateTimeOffset? collectedAt = null) =>
        System.Text.Encoding.UTF8.GetBytes(EnvironmentProber.Document(kind, facts, host, collectedAt ?? DateTimeOffset.UtcNow, AuditReport.CurrentEngineVersion));

    public static Action<Stream> Writer(string kind, JsonObject facts, string host = "unknown", DateTimeOffset? collectedAt = null)
    {
        var bytes = Bytes(kind, facts, host, collectedAt);
        return s => s.Write(bytes);
    }

    /// <summary>A probe of the machine as a bundle of its own (environment.json, software.json, security.json), so that
    /// results name and hash it.</summary>
    public static void WriteProbe(string dir, ProbeReport report)
    {
        using var outputs = new Outputs();
        foreach (var (name, bytes) in ProbeDocuments(dir, report)) outputs.Add(name, s => s.Write(bytes));
        outputs.Commit();
    }

    /// <summary>The probe's documents with the paths they are written to.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes)> ProbeDocuments(string dir, ProbeReport report) =>
    [
        (Path.Combine(dir, "environment.json"), Bytes("environment", report.Environment, report.Host, report.CollectedAt)),
        (Path.Combine(dir, "software.json"), Bytes("software", report.Software, report.Host, report.CollectedAt)),
        (Path.Combine(dir, "security.json"), Bytes("security", report.Security, report.Host, report.CollectedAt)),
    ];
}
