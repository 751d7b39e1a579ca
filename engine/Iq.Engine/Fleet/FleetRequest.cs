using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports;

namespace Iq.Engine.Fleet;

/// <summary>A fleet run: every bundle folder under <see cref="Roots"/> audited with one compiled checklist and the same
/// judgments, waivers, clock and scoring, each as one <see cref="Audit.AuditPipeline.Run"/>.</summary>
public sealed record FleetRequest
{
    public required IReadOnlyList<string> Roots { get; init; }
    public required CompiledChecklist Checklist { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public string? ScoringModel { get; init; }
    public IReadOnlyList<string> AttestationFiles { get; init; } = [];
    public IReadOnlyList<string> WaiverFiles { get; init; } = [];

    /// <summary>Public keys the lab trusts (<c>--trust-key</c>, as <c>iq audit</c> takes them): a document's seal must be
    /// signed by one of them for its facts to count as more than declared. Part of the key, by fingerprint.</summary>
    public IReadOnlyList<Trust.TrustedKey> TrustKeys { get; init; } = [];

    /// <summary>Evaluate again bundles the store holds already (evaluated before this run started) with the same inputs.</summary>
    public bool Force { get; init; }

    /// <summary>Audits at once; 0: one per core.</summary>
    public int Parallelism { get; init; }

    /// <summary>The language of the results JSON kept per audit (what <c>iq fleet export</c> gives back): <c>iq fleet run</c>
    /// takes it as <c>iq audit</c> does (<c>--lang</c>, else Chinese). Part of the key and of the run's stored configuration.</summary>
    public string Language { get; init; } = "zh";

    /// <summary>The operator's judgment and waiver files, read as each audit reads them: what they get wrong (a file, line and
    /// column). They are shared by every bundle, so one that does not read is refused before any bundle is claimed: recorded
    /// instead as every bundle's "not evaluable" audit, it would stand as every site's current verdict. So is a judgment or
    /// waiver for an item the checklist cannot have (neither an item nor a row of one): each audit would fail on it, once
    /// per bundle, where it is said here once per run.</summary>
    public IReadOnlyList<Rules.Diagnostics.Diagnostic> SharedInputErrors()
    {
        var found = new Rules.Diagnostics.DiagnosticBag();
        var model = Checklist.Model;
        foreach (var f in AttestationFiles)
            global::Iq.Scoring.Judgments.Attestations.CheckItems(model, global::Iq.Scoring.Judgments.JudgmentFiles.ReadAttestations(f, found), f, found);
        foreach (var f in WaiverFiles)
            global::Iq.Scoring.Judgments.Waivers.CheckItems(model, global::Iq.Scoring.Judgments.JudgmentFiles.ReadWaivers(f, found), found);
        return found.Items.Where(d => d.Severity == Rules.Diagnostics.Severity.Error).ToList();
    }
}

/// <summary>What makes two evaluations of the same bundle the same, apart from the bundle itself: the checklist with its
/// chain (by content, not path, so that workers on machines with other paths agree), the params as compiled, the
/// judgment and waiver files (by content), the clock, the scoring model, the results language and the engine version.
/// The clock is always a day: without <c>--as-of</c> the audits judge waiver expiry and every date rule against the wall
/// clock, so the run's UTC day is in the key and a bundle is evaluated again on a later day (a waiver may have expired).
/// A bundle's key is SHA-256 of this, the bundle's folder relative to its root (two sites with byte-identical bundles
/// are two audits; workers that mount the fleet at different places agree) and the bundle's content hash.</summary>
public sealed record FleetConfig(string Key, string Text)
{
    /// <param name="startedAt">When the run started: its UTC day stands for the clock when no <c>--as-of</c> is given.</param>
    public static FleetConfig Of(FleetRequest r, DateTimeOffset startedAt)
    {
        var m = r.Checklist.Model;
        var t = new StringBuilder();
        t.Append("engine ").Append(AuditReport.CurrentEngineVersion).Append('\n');
        t.Append("checklist ").Append(m.Id).Append(' ').Append(m.Version).Append('\n');
        foreach (var s in m.Sources) t.Append("source ").Append(s.Sha256).Append('\n');
        foreach (var p in m.Params) t.Append("param ").Append(p.Name).Append(' ').Append(p.Type.Name).Append(' ').Append(ValueFormatter.Plain(p.Value, p.Type)).Append('\n');
        foreach (var f in r.AttestationFiles) t.Append("attestations ").Append(FileHash(f)).Append('\n');
        foreach (var f in r.WaiverFiles) t.Append("waivers ").Append(FileHash(f)).Append('\n');
        foreach (var k in TrustKeyIds(r)) t.Append(TrustKeyLine).Append(k).Append('\n');
        t.Append("as-of ").Append(r.AsOf is { } at ? at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)
            : "now " + startedAt.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        t.Append("scoring ").Append(r.ScoringModel ?? m.Scoring.Model).Append('\n');
        t.Append(LanguageLine).Append(r.Language).Append('\n');
        var text = t.ToString();
        return new FleetConfig(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), text);
    }

    /// <summary>How a trusted key's fingerprint is written in the configuration text (stored with each run, read back by the
    /// fleet report to say which keys the run's seals had to be signed with).</summary>
    public const string TrustKeyLine = "trust-key ";

    /// <summary>The trusted keys' fingerprints, each once, in order: the same keys given in another order are the same run.</summary>
    public static IReadOnlyList<string> TrustKeyIds(FleetRequest r) => r.TrustKeys.Select(k => k.KeyId).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>How the results language is written in the configuration text.</summary>
    public const string LanguageLine = "language ";

    /// <summary>The results language a stored configuration text names (null: none, as before it was written).</summary>
    public static string? LanguageIn(string text) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(LanguageLine, StringComparison.Ordinal))?[LanguageLine.Length..];

    /// <summary>The trusted keys' fingerprints a stored configuration text names (none: seals were not required signed).</summary>
    public static IReadOnlyList<string> TrustKeyIdsIn(string text) =>
        text.Split('\n').Where(l => l.StartsWith(TrustKeyLine, StringComparison.Ordinal)).Select(l => l[TrustKeyLine.Length..]).ToList();

    /// <summary>The key of one bundle under this configuration.</summary>
    public string KeyOf(string relativeName, string bundleHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key + "\n" + relativeName + "\0" + bundleHash)));

    /// <summary>A judgment file by content, read as its reader reads it (bounded; a FIFO or device refused, not opened): one
    /// that cannot be read is keyed by why, and each audit reports it.</summary>
    static string FileHash(string path)
    {
        if (Rules.Io.FileFacts.Of(path).Kind == Rules.Io.FileKind.Missing) return "missing:" + path;
        var kind = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? Rules.Io.InputKind.Workbook : Rules.Io.InputKind.Judgments;
        try { return Rules.Io.InputFiles.Sha256(path, kind); }
        catch (IOException e) { return "unreadable:" + e.Message; }
    }
}
