using System.Text.Json.Nodes;
using Iq.Engine.Probes;
using Iq.Scoring.Reports;

namespace Iq.Cli.Commands;

/// <summary>Writes a fact document into a bundle folder (atomically), as every collecting command does.</summary>
static class FactDocuments
{
    /// <summary>Analyzers do not probe the host, so their documents say "unknown" unless told.</summary>
    public static void Write(string dir, string kind, JsonObject facts, string host = "unknown", DateTimeOffset? collectedAt = null) =>
        AtomicFile.Write(Path.Combine(dir, kind + ".json"), s => s.Write(System.Text.Encoding.UTF8.GetBytes(
            EnvironmentProber.Document(kind, facts, host, collectedAt ?? DateTimeOffset.UtcNow, AuditReport.CurrentEngineVersion))));
}
