using Iq.Rules.Messages;
namespace Iq.Scoring.Reports.Fleet;

/// <summary>What a fleet report shows, computed by the store from its audits of one checklist (<see cref="FleetCurrent"/>
/// decides which audits stand for a site): verdicts by product version and by site, pass rate per item, the items that fail
/// most, sites whose verdict changed since their previous collection, sites with more than one bundle at their latest
/// collection time, the trend per item by month of collection, and the bundles that could not be evaluated. Plain data:
/// the renderers (console, JSON, HTML, xlsx) read it.</summary>
public sealed record FleetSummary
{
    public required string Store { get; init; }
    public required string ChecklistId { get; init; }
    public string ChecklistVersion { get; init; } = "";
    public long Audits { get; init; }
    public long NotEvaluable { get; init; }
    public IReadOnlyList<FleetRunLine> Runs { get; init; } = [];
    public IReadOnlyList<ProductVerdicts> ByProductVersion { get; init; } = [];
    public IReadOnlyList<SiteVerdict> Sites { get; init; } = [];
    public IReadOnlyList<ItemRate> Items { get; init; } = [];
    public IReadOnlyList<VerdictChange> Changed { get; init; } = [];
    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];
    public IReadOnlyList<TrendTotal> TrendOverall { get; init; } = [];
    public IReadOnlyList<SiteClash> Clashes { get; init; } = [];
    public IReadOnlyList<SiteMoved> Moved { get; init; } = [];
    public IReadOnlyList<FailedBundle> Failures { get; init; } = [];

    /// <summary>The items that fail most: fail plus error over the current fleet, most first.</summary>
    public IEnumerable<ItemRate> WorstItems(int count) =>
        Items.Where(i => i.Fail + i.Error > 0).OrderByDescending(i => i.Fail + i.Error).ThenBy(i => i.RowId, StringComparer.Ordinal).Take(count);

    public int SiteCount => Sites.Count;
}

public sealed record FleetRunLine(long Id, string StartedAt, string? FinishedAt, string Status, string Host, long Seen, long Evaluated,
    long Skipped, long Failed)
{
    /// <summary>The fingerprints of the keys the run's seals had to be signed with (<c>--trust-key</c>); none: not required.</summary>
    public IReadOnlyList<string> TrustKeys { get; init; } = [];

    /// <summary>The language the run wrote its results files in (<c>zh</c>, <c>en</c>); null for a configuration without it.</summary>
    public string? ResultsLanguage { get; init; }
}

/// <summary>Verdicts of the current fleet for one product version.</summary>
public sealed record ProductVerdicts(string Product, string Version, long Pass, long Fail, long Incomplete, long NotEvaluable)
{
    public long Total => Pass + Fail + Incomplete + NotEvaluable;
}

/// <summary>A site's current verdict: the worst of its current audits (<see cref="FleetCurrent"/>); <see cref="AuditId"/> and
/// the bundle, product and score are that worst audit's. <see cref="Verdict"/> is pass, fail, incomplete or "not evaluable";
/// <see cref="Bundles"/> how many audits were current (more than one: the site is in <see cref="FleetSummary.Clashes"/>).</summary>
public sealed record SiteVerdict(string Site, long AuditId, string BundlePath, string Product, string Version, string? CollectedAt,
    string Verdict, double? Score, int Bundles = 1);

/// <summary>A site whose current audit comes from a folder (<see cref="FolderChanged"/>) or was measured on a host
/// (<see cref="NewHosts"/> not empty) none of its previous audits came from: a site is what a bundle's plan declares.</summary>
public sealed record SiteMoved(string Site, IReadOnlyList<string> Bundles, IReadOnlyList<string> PreviousBundles, bool FolderChanged,
    IReadOnlyList<string> PreviousHosts, IReadOnlyList<string> NewHosts);

/// <summary>A site with more than one bundle at its latest collection time: each one's audit and verdict, all counted.</summary>
public sealed record SiteClash(string Site, string? CollectedAt, IReadOnlyList<ClashAudit> Audits);

public sealed record ClashAudit(long AuditId, string BundlePath, string Verdict);

/// <summary>One result row across the current fleet: how many sites passed, failed, errored, or neither (n/a, not
/// checked, waived …). The pass rate is over counted rows (pass, fail, error).</summary>
public sealed record ItemRate(string RowId, string Title, string Clause, string Level, long Pass, long Fail, long Error, long Other)
{
    /// <summary>The title with iq's words in its holes (a value that is missing) as the results file's <c>title_words</c>;
    /// null when it has none, or was stored before the store kept them.</summary>
    public Iq.Rules.Messages.MixedText? TitleWords { get; init; }

    /// <summary>The title in a language: its words rendered, else the text (the same in every language).</summary>
    public string TitleIn(Iq.Rules.Messages.Lang lang) =>
        lang == Iq.Rules.Messages.Lang.En || TitleWords is not { } words ? Title : words.Render(lang);

    public long Counted => Pass + Fail + Error;
    public double? PassRate => Counted == 0 ? null : (double)Pass / Counted;
}

public sealed record VerdictChange(string Site, long PreviousAuditId, string PreviousVerdict, string? PreviousCollectedAt,
    long AuditId, string Verdict, string? CollectedAt);

/// <summary>A row in one month of collection (<see cref="Period"/>, yyyy-MM): of the sites collected that month (each by its
/// latest collection in the month, the worst outcome of its bundles then), how many passed it and how many counted it
/// (pass, fail or error) — sites, never audits, as the items table counts.</summary>
public sealed record TrendPoint(string RowId, string Period, long Pass, long Counted)
{
    public double? PassRate => Counted == 0 ? null : (double)Pass / Counted;
}

/// <summary>A bundle that could not be evaluated, with its error (words, worded in the report's language).</summary>
public sealed record FailedBundle(long AuditId, string Site, string BundlePath, ILocalized Error);

/// <summary>The whole fleet in one month of collection: the sites counted, and their rows over every item (a site's row of
/// an item is one row): passes over counted rows, the chart's "all items" line.</summary>
public sealed record TrendTotal(string Period, long Sites, long Pass, long Counted)
{
    public double? PassRate => Counted == 0 ? null : (double)Pass / Counted;
}
