using Iq.Rules.Messages;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Engine.Fleet;

/// <summary>One bundle's audit as the store keeps it: what was audited (path, content hash, site, host, product, time
/// of collection), with which checklist and engine, the verdict and score, every result row, every input with its hash,
/// and the results JSON itself (compact, gzip), so that any audit can be exported as the file <c>iq audit --json</c> writes. A
/// bundle that could not be evaluated is a record too: <see cref="Error"/> set, no rows. The error is words (catalog messages
/// with their arguments), stored with their English text and worded in a report's language (<see cref="FleetErrorWords"/>).</summary>
public sealed record FleetRecord
{
    public required string Key { get; init; }
    public required string BundlePath { get; init; }
    public required string BundleSha256 { get; init; }
    public required string Site { get; init; }
    public string Host { get; init; } = "";
    public DateTimeOffset? CollectedAt { get; init; }
    public string ProductName { get; init; } = "";
    public string ProductModel { get; init; } = "";
    public string ProductVersion { get; init; } = "";
    public required string ChecklistId { get; init; }
    public required string ChecklistVersion { get; init; }
    public required string ChecklistSha256 { get; init; }
    public required string EngineVersion { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public Verdict? Verdict { get; init; }
    public double? Score { get; init; }
    public MixedText? Error { get; init; }
    public required DateTimeOffset EvaluatedAt { get; init; }
    public double ElapsedMs { get; init; }
    public IReadOnlyList<FleetRow> Rows { get; init; } = [];
    public IReadOnlyList<Rules.Model.InputFile> Inputs { get; init; } = [];
    public byte[]? ResultsGzip { get; init; }

    public bool Failed => Error is not null;
}

/// <summary>A result row, flattened: what the fleet reports aggregate. <see cref="TitleWords"/> is the title's words as the
/// results file writes them (<c>title_words</c>, JSON), null when it has none: a report words the title in its language.</summary>
public sealed record FleetRow(string RowId, string ItemId, string SectionId, string Title, string Clause, string Level, string Method,
    double Weight, Outcome Outcome, bool Counted, double Score, string Actual, string Expected, string Message, string Sources)
{
    public string? TitleWords { get; init; }
}

/// <summary>What became of a bundle's key when a worker tried to claim it.</summary>
public enum ClaimState { Claimed, Done, Busy }

/// <summary>A claim's answer; for <see cref="ClaimState.Done"/>, the stored audit's verdict (null: it could not be evaluated).</summary>
public sealed record ClaimAnswer(string Key, ClaimState State, Verdict? Verdict = null, bool Failed = false);

/// <summary>A run's counts.</summary>
public sealed record FleetCounts(long Seen, long Evaluated, long Skipped, long Failed, long Busy, long Lost)
{
    public static readonly FleetCounts Zero = new(0, 0, 0, 0, 0, 0);
}
