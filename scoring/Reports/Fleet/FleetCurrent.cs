using Iq.Rules.Messages;
namespace Iq.Scoring.Reports.Fleet;

/// <summary>An audit as the fleet report weighs it: its columns, with <see cref="Verdict"/> pass, fail, incomplete or
/// "not evaluable"; when it was evaluated, and when the run that stored it started (ISO 8601 UTC text of fixed width, so
/// text order is time order), null where not known.</summary>
public sealed record AuditLine(long Id, string Site, string BundlePath, string Product, string Version, string? CollectedAt, string Verdict,
    double? Score, ILocalized Error, string? EvaluatedAt = null, string? RunStartedAt = null, string Host = "");

/// <summary>One stored result row's outcome, as the store names it (pass, fail, error, notapplicable …).</summary>
public sealed record RowOutcome(long AuditId, string RowId, string Outcome);

/// <summary>An item's words, as its rows were stored (the first row by order).</summary>
public sealed record ItemLine(string RowId, string Title, string Clause, string Level);

/// <summary>Which audits stand for a site, so that no verdict depends on the order audits were evaluated in. A collection
/// is a bundle folder at one collection time; of its audits (evaluated again: --force, another checklist version or
/// as-of) the latest stored one stands for it. A site's current audits are those of its collections at its latest
/// collection time — all of them: two bundles of one site collected at the same time both count, the site's verdict is
/// the worst (not evaluable, then fail, incomplete, pass) and the report names the clash — and those of folders whose
/// latest audit has no collection time (a bundle whose documents could not be read), which cannot be placed in time and
/// so are never hidden behind an older one. The previous verdict is the same rule over the site's other audits (its audits
/// less the current ones): an earlier collection, or an earlier evaluation of the same collection (its content or the
/// checklist changed) — so evaluating unchanged bundles again (--force) changes nothing, in any order. A current audit
/// evaluated before the latest run that stored one of the current audits started counts among the previous too: the site
/// stood on it before that run, so a bundle that joins it at the same collection time (one pass, then a second one that
/// fails) is a change. A current audit of a run that overlapped that run (two workers sharing one fleet) is not: neither
/// came first.
/// The items table and the trend count sites, each site's row the worst of its audits' rows (fail, error, pass, other).</summary>
public static class FleetCurrent
{
    public const string NotEvaluable = "not evaluable";

    public static int Severity(string verdict) => verdict switch
    {
        "pass" => 0,
        "incomplete" => 1,
        "fail" => 2,
        _ => 3,
    };

    static int RowSeverity(string outcome) => outcome switch
    {
        "fail" => 3,
        "error" => 2,
        "pass" => 1,
        _ => 0,
    };

    /// <summary>The worst of several audits; ties go to the bundle path, then the id, so the pick is the same in any order.</summary>
    public static AuditLine Worst(IEnumerable<AuditLine> audits) =>
        audits.OrderByDescending(a => Severity(a.Verdict)).ThenBy(a => a.BundlePath, StringComparer.Ordinal).ThenBy(a => a.Id).First();

    /// <summary>A site's audits that count now and at its previous collection time.</summary>
    public sealed record SiteAudits(string Site, string? CollectedAt, IReadOnlyList<AuditLine> Current, string? PreviousAt, IReadOnlyList<AuditLine> Previous);

    /// <summary>The latest stored audit of each collection (bundle folder, collection time); an audit without a collection
    /// time only when it is its folder's latest.</summary>
    public static IReadOnlyList<AuditLine> Standing(IEnumerable<AuditLine> audits)
    {
        var all = audits.ToList();
        var latestOfFolder = all.GroupBy(a => a.BundlePath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(a => a.Id), StringComparer.Ordinal);
        return all.Where(a => a.CollectedAt is not null)
            .GroupBy(a => (a.BundlePath, a.CollectedAt))
            .Select(g => g.MaxBy(a => a.Id)!)
            .Concat(all.Where(a => a.CollectedAt is null && latestOfFolder[a.BundlePath] == a.Id))
            .OrderBy(a => a.Id).ToList();
    }

    public static IReadOnlyList<SiteAudits> Sites(IEnumerable<AuditLine> audits) =>
        audits.GroupBy(a => a.Site, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var (at, current) = Latest(g.ToList());
            var since = current.Select(a => a.RunStartedAt).Max(StringComparer.Ordinal);
            var ids = current.Where(a => !(since is not null && a.EvaluatedAt is not null && string.CompareOrdinal(a.EvaluatedAt, since) < 0))
                .Select(a => a.Id).ToHashSet();
            var (previousAt, previous) = Latest(g.Where(a => !ids.Contains(a.Id)).ToList());
            return new SiteAudits(g.Key, at, current, previousAt, previous);
        }).ToList();

    /// <summary>One site's current audits under the rule above, and its latest collection time.</summary>
    static (string? At, IReadOnlyList<AuditLine> Audits) Latest(IReadOnlyList<AuditLine> site)
    {
        var standing = Standing(site);
        var at = standing.Where(a => a.CollectedAt is not null).Select(a => a.CollectedAt!).Max(StringComparer.Ordinal);
        return (at, standing.Where(a => a.CollectedAt is null || a.CollectedAt == at)
            .OrderBy(a => a.BundlePath, StringComparer.Ordinal).ThenBy(a => a.Id).ToList());
    }

    /// <summary>The audits whose rows the trend counts: per site and month of collection, the site's collections at its
    /// latest time within that month (evaluated ones only: the others have no rows).</summary>
    public static IReadOnlyList<(string Site, string Period, IReadOnlyList<AuditLine> Audits)> TrendAudits(IEnumerable<AuditLine> audits) =>
        Standing(audits).Where(a => a.CollectedAt is { Length: >= 7 } && a.Verdict != NotEvaluable)
            .GroupBy(a => (a.Site, Period: a.CollectedAt![..7]))
            .Select(g =>
            {
                var last = g.Select(a => a.CollectedAt!).Max(StringComparer.Ordinal);
                return (g.Key.Site, g.Key.Period, (IReadOnlyList<AuditLine>)g.Where(a => a.CollectedAt == last).ToList());
            })
            .OrderBy(x => x.Period, StringComparer.Ordinal).ThenBy(x => x.Site, StringComparer.Ordinal).ToList();

    /// <summary>Each site's row of each item: the worst outcome among the site's audits.</summary>
    static Dictionary<string, string> SiteRows(IEnumerable<AuditLine> audits, ILookup<long, RowOutcome> rows)
    {
        var worst = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in audits)
            foreach (var r in rows[a.Id])
                if (!worst.TryGetValue(r.RowId, out var had) || RowSeverity(r.Outcome) > RowSeverity(had)) worst[r.RowId] = r.Outcome;
        return worst;
    }

    /// <summary>A site is what a bundle's plan says it is (an unsealed <c>plan.site</c>): a bundle in any folder that names a
    /// site with a later collection time becomes its current audit. So the report says when a site's current audits come
    /// from a folder none of its previous ones came from, or were measured on a host none of its previous ones was.</summary>
    static SiteMoved? Moved(SiteAudits s)
    {
        if (s.Previous.Count == 0) return null;
        var folders = s.Previous.Select(a => a.BundlePath).ToHashSet(StringComparer.Ordinal);
        var hosts = s.Previous.Select(a => a.Host).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal);
        var newFolders = s.Current.Select(a => a.BundlePath).Where(f => !folders.Contains(f)).Distinct().Order(StringComparer.Ordinal).ToList();
        var newHosts = hosts.Count == 0 ? [] : s.Current.Select(a => a.Host).Where(h => h.Length > 0 && !hosts.Contains(h)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (newFolders.Count == 0 && newHosts.Count == 0) return null;
        return new SiteMoved(s.Site, newFolders.Count > 0 ? newFolders : [.. s.Current.Select(a => a.BundlePath).Distinct().Order(StringComparer.Ordinal)],
            [.. folders.Order(StringComparer.Ordinal)], newFolders.Count > 0, [.. hosts.Order(StringComparer.Ordinal)], newHosts);
    }

    /// <summary>The summary's aggregates from the audits' columns and the rows of the audits that count.</summary>
    public static FleetSummary Summarize(FleetSummary shell, IReadOnlyList<AuditLine> audits, IReadOnlyList<ItemLine> items, IReadOnlyList<RowOutcome> rows)
    {
        var sites = Sites(audits);
        var byAudit = rows.ToLookup(r => r.AuditId);
        var verdicts = new List<SiteVerdict>();
        var changes = new List<VerdictChange>();
        var clashes = new List<SiteClash>();
        var moved = new List<SiteMoved>();
        var counts = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var s in sites)
        {
            if (s.Current.Count == 0) continue;
            var worst = Worst(s.Current);
            verdicts.Add(new SiteVerdict(s.Site, worst.Id, worst.BundlePath, worst.Product, worst.Version, s.CollectedAt ?? worst.CollectedAt, worst.Verdict,
                worst.Score, s.Current.Count));
            if (s.Current.Count > 1)
                clashes.Add(new SiteClash(s.Site, s.CollectedAt, [.. s.Current.Select(a => new ClashAudit(a.Id, a.BundlePath, a.Verdict))]));
            if (s.Previous.Count > 0 && Worst(s.Previous) is var before && before.Verdict != worst.Verdict)
                changes.Add(new VerdictChange(s.Site, before.Id, before.Verdict, s.PreviousAt, worst.Id, worst.Verdict, s.CollectedAt ?? worst.CollectedAt));
            if (Moved(s) is { } m) moved.Add(m);
            foreach (var (rowId, outcome) in SiteRows(s.Current.Where(a => a.Verdict != NotEvaluable), byAudit))
            {
                if (!counts.TryGetValue(rowId, out var c)) counts[rowId] = c = new long[4];
                c[outcome switch { "pass" => 0, "fail" => 1, "error" => 2, _ => 3 }]++;
            }
        }
        var trend = new Dictionary<(string RowId, string Period), long[]>();
        var overall = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (_, period, group) in TrendAudits(audits))
        {
            if (!overall.TryGetValue(period, out var o)) overall[period] = o = new long[3];
            o[0]++;
            foreach (var (rowId, outcome) in SiteRows(group, byAudit))
            {
                // An item no site counted that month (informational, n/a) keeps its point, with no rate.
                if (!trend.TryGetValue((rowId, period), out var t)) trend[(rowId, period)] = t = new long[2];
                if (outcome is not ("pass" or "fail" or "error")) continue;
                t[1]++;
                o[2]++;
                if (outcome == "pass") { t[0]++; o[1]++; }
            }
        }
        var current = sites.SelectMany(s => s.Current).ToList();
        return shell with
        {
            Sites = verdicts,
            ByProductVersion = verdicts.GroupBy(v => (v.Product, v.Version))
                .OrderBy(g => g.Key.Product, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal)
                .Select(g => new ProductVerdicts(g.Key.Product, g.Key.Version, g.LongCount(v => v.Verdict == "pass"), g.LongCount(v => v.Verdict == "fail"),
                    g.LongCount(v => v.Verdict == "incomplete"), g.LongCount(v => v.Verdict == NotEvaluable))).ToList(),
            Items = items.Where(i => counts.ContainsKey(i.RowId))
                .Select(i => counts[i.RowId] is var c ? new ItemRate(i.RowId, i.Title, i.Clause, i.Level, c[0], c[1], c[2], c[3]) : null!).ToList(),
            Changed = changes,
            Clashes = clashes,
            Moved = moved,
            Trend = trend.OrderBy(t => t.Key.RowId, StringComparer.Ordinal).ThenBy(t => t.Key.Period, StringComparer.Ordinal)
                .Select(t => new TrendPoint(t.Key.RowId, t.Key.Period, t.Value[0], t.Value[1])).ToList(),
            TrendOverall = overall.Select(o => new TrendTotal(o.Key, o.Value[0], o.Value[1], o.Value[2])).ToList(),
            Failures = current.Where(a => a.Verdict == NotEvaluable).OrderBy(a => a.Site, StringComparer.Ordinal).ThenBy(a => a.BundlePath, StringComparer.Ordinal)
                .Select(a => new FailedBundle(a.Id, a.Site, a.BundlePath, a.Error)).ToList(),
        };
    }
}
