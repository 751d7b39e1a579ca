using System.Text.Json.Nodes;
using Iq.Engine.Probes;
using Iq.Scoring.Reports;

namespace Iq.Engine.Facts;

/// <summary>Writes fact documents into a bundle folder (atomically), as every collecting command and the audit's probe do.</summary>
public static class FactDocuments
{
    /// <summary>Analyzers do not probe the host, so their documents say "unknown" unless told.</summary>
    public static void Write(string dir, string kind, JsonObject facts, string host = "unknown", DateTimeOffset? collectedAt = null) =>
        AtomicFile.Write(Path.Combine(dir, kind + ".json"), s => s.Write(System.Text.Encoding.UTF8.GetBytes(
            EnvironmentProber.Document(kind, facts, host, collectedAt ?? DateTimeOffset.UtcNow, AuditReport.CurrentEngineVersion))));

    /// <summary>A probe of the machine as a bundle of its own (environment.json, software.json, security.json), so that
    /// results name and hash it.</summary>
    public static void WriteProbe(string dir, ProbeReport report)
    {
        Write(dir, "environment", report.Environment, report.Host, report.CollectedAt);
        Write(dir, "software", report.Software, report.Host, report.CollectedAt);
        Write(dir, "security", report.Security, report.Host, report.CollectedAt);
    }
}
