using Iq.Rules.Messages;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Fleet;

namespace Iq.Engine.Fleet;

/// <summary>An audit as <c>iq fleet export</c> finds it.</summary>
public sealed record StoredAudit(long Id, string BundlePath, string Site, string? Error);

public abstract partial class SqlFleetStore
{
    /// <summary>Each site's audits of one checklist, latest first (by when the bundle was collected, then by id): rank 1
    /// is the current fleet, rank 2 the previous audit of the same site.</summary>
    const string Ranked = """
        ranked AS (
          SELECT a.id, a.site, a.bundle_path, a.product_name, a.product_version, a.collected_at, a.status, a.verdict, a.score, a.error,
                 ROW_NUMBER() OVER (PARTITION BY a.site ORDER BY COALESCE(a.collected_at, '') DESC, a.id DESC) AS n
          FROM audits a WHERE a.checklist_id = @c)
        """;

    const string VerdictText = "CASE WHEN status = 'evaluated' THEN verdict ELSE 'not evaluable' END";

    public StoredAudit? FindAudit(long? id, string? site, string? bundle)
    {
        using var c = Connect();
        var (where, value) = id is { } i ? ("id = @v", (object)i) : site is { } s ? ("site = @v", s) : ("bundle_path = @v", (object)bundle!);
        using var q = Command(c, null, $"""
            SELECT id, bundle_path, site, error FROM audits WHERE {where}
            ORDER BY COALESCE(collected_at, '') DESC, id DESC LIMIT 1
            """, ("@v", value));
        using var r = q.ExecuteReader();
        return r.Read() ? new StoredAudit(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)) : null;
    }

    /// <summary>The results file of an audit, as <c>iq audit --json</c> would have written it: stored compact (schema 2 on),
    /// indented here; stored indented (schema 1), as it is.</summary>
    public byte[]? ResultsOf(long auditId)
    {
        using var c = Connect();
        using var q = Command(c, null, "SELECT results, results_form FROM audits WHERE id = @id", ("@id", auditId));
        using var r = q.ExecuteReader();
        if (!r.Read() || r.IsDBNull(0)) return null;
        var gzip = (byte[])r.GetValue(0);
        var form = r.GetString(1);
        using var z = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        z.CopyTo(ms);
        return form switch
        {
            "compact" => ResultsJson.Indent(ms.GetBuffer().AsMemory(0, (int)ms.Length)),
            "indented" => ms.ToArray(),
            _ => throw new FleetStoreException(Msg.StoreUnusable.With(Display, $"audit {auditId}: unknown results form '{form}'")),
        };
    }

    /// <summary>The checklist ids the store holds audits of, the latest run's first.</summary>
    public IReadOnlyList<string> ChecklistIds()
    {
        using var c = Connect();
        using var q = Command(c, null, "SELECT checklist_id, MAX(id) FROM runs GROUP BY checklist_id ORDER BY MAX(id) DESC");
        return Read(q, r => r.GetString(0));
    }

    public FleetSummary Summarize(string? checklistId)
    {
        var ids = ChecklistIds();
        var id = checklistId ?? (ids.Count > 0 ? ids[0] : throw new FleetStoreException(Msg.StoreNoRun.With(Display)));
        if (!ids.Contains(id)) throw new FleetStoreException(Msg.StoreNoChecklist.With(Display, id, ids.Count == 0 ? Msg.StoreNone.Text : Localized.Verbatim(string.Join(", ", ids))));
        using var c = Connect();
        var p = ("@c", (object?)id);
        string version;
        using (var q = Command(c, null, "SELECT checklist_version FROM runs WHERE checklist_id = @c ORDER BY id DESC LIMIT 1", p))
            version = q.ExecuteScalar() as string ?? "";
        long audits, notEvaluable;
        using (var q = Command(c, null, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'evaluated' THEN 0 ELSE 1 END), 0) FROM audits WHERE checklist_id = @c", p))
        using (var r = q.ExecuteReader())
        {
            r.Read();
            (audits, notEvaluable) = (r.GetInt64(0), r.GetInt64(1));
        }
        using var runs = Command(c, null, """
            SELECT id, started_at, finished_at, status, host, seen, evaluated, skipped, failed FROM runs WHERE checklist_id = @c ORDER BY id DESC LIMIT 20
            """, p);
        using var products = Command(c, null, $"""
            WITH {Ranked}
            SELECT product_name, product_version,
                   SUM(CASE WHEN {VerdictText} = 'pass' THEN 1 ELSE 0 END), SUM(CASE WHEN {VerdictText} = 'fail' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {VerdictText} = 'incomplete' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'evaluated' THEN 0 ELSE 1 END)
            FROM ranked WHERE n = 1 GROUP BY product_name, product_version ORDER BY product_name, product_version
            """, p);
        using var sites = Command(c, null, $"""
            WITH {Ranked}
            SELECT site, id, bundle_path, product_name, product_version, collected_at, {VerdictText}, score FROM ranked WHERE n = 1 ORDER BY site
            """, p);
        using var items = Command(c, null, $"""
            WITH {Ranked}
            SELECT i.row_id, MIN(i.title), MIN(i.clause), MIN(i.level),
                   SUM(CASE WHEN i.outcome = 'pass' THEN 1 ELSE 0 END), SUM(CASE WHEN i.outcome = 'fail' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN i.outcome = 'error' THEN 1 ELSE 0 END), SUM(CASE WHEN i.counted = 0 THEN 1 ELSE 0 END)
            FROM item_results i JOIN ranked l ON l.id = i.audit_id AND l.n = 1
            GROUP BY i.row_id ORDER BY MIN(i.seq), i.row_id
            """, p);
        // The words of the title each row shows (its MIN title, as above), where a site's row has any: few rows do.
        using var words = Command(c, null, $"""
            WITH {Ranked}
            SELECT i.row_id, i.title, MIN(i.title_words)
            FROM item_results i JOIN ranked l ON l.id = i.audit_id AND l.n = 1
            WHERE i.title_words IS NOT NULL
            GROUP BY i.row_id, i.title
            """, p);
        using var changed = Command(c, null, $"""
            WITH {Ranked}
            SELECT a.site, b.id, CASE WHEN b.status = 'evaluated' THEN b.verdict ELSE 'not evaluable' END, b.collected_at,
                   a.id, CASE WHEN a.status = 'evaluated' THEN a.verdict ELSE 'not evaluable' END, a.collected_at
            FROM ranked a JOIN ranked b ON b.site = a.site AND b.n = 2
            WHERE a.n = 1 AND CASE WHEN a.status = 'evaluated' THEN a.verdict ELSE 'not evaluable' END
                          <> CASE WHEN b.status = 'evaluated' THEN b.verdict ELSE 'not evaluable' END
            ORDER BY a.site
            """, p);
        using var trend = Command(c, null, """
            SELECT i.row_id, SUBSTR(a.collected_at, 1, 7), SUM(CASE WHEN i.outcome = 'pass' THEN 1 ELSE 0 END), SUM(i.counted)
            FROM item_results i JOIN audits a ON a.id = i.audit_id
            WHERE a.checklist_id = @c AND a.status = 'evaluated' AND a.collected_at IS NOT NULL
            GROUP BY i.row_id, SUBSTR(a.collected_at, 1, 7) ORDER BY i.row_id, SUBSTR(a.collected_at, 1, 7)
            """, p);
        using var failures = Command(c, null, $"""
            WITH {Ranked}
            SELECT id, site, bundle_path, COALESCE(error, '') FROM ranked WHERE n = 1 AND status <> 'evaluated' ORDER BY site
            """, p);
        var titleWords = Read(words, r => (Key: (r.GetString(0), r.GetString(1)), Words: r.GetString(2))).ToDictionary(x => x.Key, x => x.Words);
        return new FleetSummary
        {
            Store = Display,
            ChecklistId = id,
            ChecklistVersion = version,
            Audits = audits,
            NotEvaluable = notEvaluable,
            Runs = Read(runs, r => new FleetRunLine(r.GetInt64(0), r.GetString(1), Str(r, 2), r.GetString(3), r.GetString(4), r.GetInt64(5),
                r.GetInt64(6), r.GetInt64(7), r.GetInt64(8))),
            ByProductVersion = Read(products, r => new ProductVerdicts(r.GetString(0), r.GetString(1), Long(r, 2), Long(r, 3), Long(r, 4), Long(r, 5))),
            Sites = Read(sites, r => new SiteVerdict(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), Str(r, 5),
                r.GetString(6), r.IsDBNull(7) ? null : r.GetDouble(7))),
            Items = Read(items, r => new ItemRate(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Long(r, 4), Long(r, 5), Long(r, 6), Long(r, 7)))
                .Select(i => titleWords.TryGetValue((i.RowId, i.Title), out var w) ? i with { TitleWords = Words(w, i.RowId) } : i).ToList(),
            Changed = Read(changed, r => new VerdictChange(r.GetString(0), r.GetInt64(1), r.GetString(2), Str(r, 3), r.GetInt64(4), r.GetString(5), Str(r, 6))),
            Trend = Read(trend, r => new TrendPoint(r.GetString(0), r.GetString(1), Long(r, 2), Long(r, 3))),
            Failures = Read(failures, r => new FailedBundle(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3))),
        };

        static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        // Words this iq does not know leave the English title; words that are not words at all mean the store was written by
        // something else: refused, as a results file would be.
        MixedText? Words(string json, string rowId)
        {
            try { return ReasonJson.WordsFromJson(json, $"item_results.title_words ({rowId})", (path, m) => new FleetStoreException(Msg.StoreUnusable.With(Display, $"{path}: {m.Render(Lang.En)}"))); }
            catch (System.Text.Json.JsonException e) { throw new FleetStoreException(Msg.StoreUnusable.With(Display, $"item_results.title_words ({rowId}): {e.Message}"), e); }
        }
        static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
    }

    static List<T> Read<T>(DbCommand q, Func<DbDataReader, T> row)
    {
        using var r = q.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(row(r));
        return list;
    }

    /// <summary>Every stored row in a form that does not depend on the store or the run (no ids, times, workers): the
    /// tests compare SQLite's and PostgreSQL's with it.</summary>
    internal IReadOnlyList<string> Snapshot()
    {
        using var c = Connect();
        using var audits = Command(c, null, """
            SELECT key, bundle_path, bundle_sha256, site, host, COALESCE(collected_at, ''), product_name, product_model, product_version,
                   checklist_id, checklist_version, checklist_sha256, engine_version, COALESCE(as_of, ''), status, COALESCE(verdict, ''),
                   score, COALESCE(error, ''), item_count, id FROM audits ORDER BY key
            """);
        var lines = new List<string>();
        var ids = new List<(long Id, string Key)>();
        using (var r = audits.ExecuteReader())
            while (r.Read())
            {
                var fields = Enumerable.Range(0, 19).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture));
                lines.Add("audit " + string.Join(" | ", fields));
                ids.Add((r.GetInt64(19), r.GetString(0)));
            }
        using var rows = Command(c, null, """
            SELECT seq, row_id, item_id, section_id, title, clause, level, method, weight, outcome, counted, score, actual, expected, message, sources,
                   COALESCE(title_words, '')
            FROM item_results WHERE audit_id = @a ORDER BY seq
            """, ("@a", 0L));
        using var inputs = Command(c, null, "SELECT seq, path, kind, sha256 FROM inputs WHERE audit_id = @a ORDER BY seq", ("@a", 0L));
        foreach (var (id, key) in ids)
        {
            foreach (var q in new[] { rows, inputs })
            {
                Set(q, "@a", id);
                using var r = q.ExecuteReader();
                while (r.Read())
                    lines.Add($"{key[..12]} " + string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
            }
            lines.Add($"{key[..12]} results {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ResultsOf(id) ?? []))}");
        }
        return lines;
    }
}
