using Iq.Rules.Messages;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Fleet;

namespace Iq.Engine.Fleet;

/// <summary>An audit as <c>iq fleet export</c> finds it.</summary>
public sealed record StoredAudit(long Id, string BundlePath, string Site, ILocalized? Error)
{
    /// <summary>The fingerprints of the keys its run required the seals to be signed with (none: not required).</summary>
    public IReadOnlyList<string> TrustKeys { get; init; } = [];
}

public abstract partial class SqlFleetStore
{
    /// <summary>An audit by its id, or a bundle folder's latest (a site's: <see cref="CurrentOfSite"/>).</summary>
    public StoredAudit? FindAudit(long? id, string? bundle)
    {
        using var c = Connect();
        var (where, value) = id is { } i ? ("id = @v", (object)i) : ("bundle_path = @v", (object)bundle!);
        using var q = Command(c, null, $"""
            SELECT id, bundle_path, site, error, error_words, (SELECT config FROM runs WHERE runs.id = audits.run_id) FROM audits WHERE {where}
            ORDER BY COALESCE(collected_at, '') DESC, id DESC LIMIT 1
            """, ("@v", value));
        using var r = q.ExecuteReader();
        return r.Read()
            ? new StoredAudit(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : ErrorOf(r, 3, 4))
                { TrustKeys = r.IsDBNull(5) ? [] : FleetConfig.TrustKeyIdsIn(r.GetString(5)) }
            : null;
    }

    /// <summary>The audits that stand for a site now, by the fleet report's rule (<see cref="FleetCurrent"/>, over all the site's
    /// audits), and its latest collection time: more than one is the clash the report names, which no "latest" can settle.</summary>
    public (string? CollectedAt, IReadOnlyList<AuditLine> Current) CurrentOfSite(string site)
    {
        using var c = Connect();
        using var q = Command(c, null, $"""
            SELECT {AuditLineColumns}
            FROM audits WHERE site = @s ORDER BY id
            """, ("@s", site));
        var audits = Read(q, AuditLineOf);
        return FleetCurrent.Sites(audits).SingleOrDefault() is { } s ? (s.CollectedAt, s.Current) : (null, []);
    }

    /// <summary>The columns an <see cref="AuditLine"/> is read from (<see cref="AuditLineOf"/>), in its order.</summary>
    const string AuditLineColumns = """
        id, site, bundle_path, product_name, product_version, collected_at, status, verdict, score, COALESCE(error, ''), evaluated_at,
        (SELECT started_at FROM runs WHERE runs.id = audits.run_id), error_words, host
        """;

    /// <summary>An audit as the fleet report weighs it: not evaluated is "not evaluable", whatever its verdict column holds.</summary>
    static AuditLine AuditLineOf(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.GetString(6) == "evaluated" && !r.IsDBNull(7) ? r.GetString(7) : FleetCurrent.NotEvaluable, r.IsDBNull(8) ? null : r.GetDouble(8), ErrorOf(r, 9, 12),
        r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11), r.GetString(13));

    /// <summary>An audit's error: its words, worded where it is shown; its text as stored where it has none (stored before
    /// words were kept).</summary>
    static ILocalized ErrorOf(DbDataReader r, int text, int words) =>
        FleetErrorWords.Read(r.GetString(text), r.IsDBNull(words) ? null : r.GetString(words));

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
        long stored, notEvaluable;
        using (var q = Command(c, null, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'evaluated' THEN 0 ELSE 1 END), 0) FROM audits WHERE checklist_id = @c", p))
        using (var r = q.ExecuteReader())
        {
            r.Read();
            (stored, notEvaluable) = (r.GetInt64(0), r.GetInt64(1));
        }
        using var runs = Command(c, null, """
            SELECT id, started_at, finished_at, status, host, seen, evaluated, skipped, failed, config, worker_id FROM runs WHERE checklist_id = @c ORDER BY id DESC LIMIT 20
            """, p);
        // Which audits count is decided in one place (FleetCurrent), from the audits' columns: never by the order they were
        // evaluated in; then only the rows of the audits that count are read.
        using var lines = Command(c, null, $"""
            SELECT {AuditLineColumns}
            FROM audits WHERE checklist_id = @c ORDER BY id
            """, p);
        var audits = Read(lines, AuditLineOf);
        var siteAudits = FleetCurrent.Sites(audits);
        CheckAgainstResults(c, siteAudits.SelectMany(x => x.Current.Concat(x.Previous)).ToList());
        var counted = siteAudits.SelectMany(x => x.Current).Concat(FleetCurrent.TrendAudits(audits).SelectMany(x => x.Audits))
            .Where(a => a.Verdict != FleetCurrent.NotEvaluable).Select(a => a.Id).Distinct().Order().ToList();
        var rows = new List<RowOutcome>();
        var items = new List<(ItemLine Item, long Seq)>();
        var titleWords = new Dictionary<(string RowId, string Title), string>();
        // Ids are the store's own integers, written into the text in slices (no user text reaches the SQL).
        foreach (var slice in counted.Chunk(500))
        {
            var idList = string.Join(",", slice.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            using var q = Command(c, null, $"SELECT audit_id, row_id, outcome FROM item_results WHERE audit_id IN ({idList})");
            rows.AddRange(Read(q, r => new RowOutcome(r.GetInt64(0), r.GetString(1), r.GetString(2))));
            using var w = Command(c, null, $"SELECT row_id, MIN(title), MIN(clause), MIN(level), MIN(seq) FROM item_results WHERE audit_id IN ({idList}) GROUP BY row_id");
            items.AddRange(Read(w, r => (new ItemLine(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)), Long(r, 4))));
            // The words of each title a counted row has, where it has any (few rows do): the title shown is picked below.
            using var tw = Command(c, null, $"SELECT row_id, title, MIN(title_words) FROM item_results WHERE audit_id IN ({idList}) AND title_words IS NOT NULL GROUP BY row_id, title");
            foreach (var (key, json) in Read(tw, r => ((r.GetString(0), r.GetString(1)), r.GetString(2))))
                if (!titleWords.TryGetValue(key, out var had) || string.CompareOrdinal(json, had) < 0) titleWords[key] = json;
        }
        var itemLines = items.GroupBy(i => i.Item.RowId, StringComparer.Ordinal)
            .Select(g => (Item: new ItemLine(g.Key, g.Select(i => i.Item.Title).Min(StringComparer.Ordinal)!, g.Select(i => i.Item.Clause).Min(StringComparer.Ordinal)!,
                g.Select(i => i.Item.Level).Min(StringComparer.Ordinal)!), Seq: g.Min(i => i.Seq)))
            .OrderBy(i => i.Seq).ThenBy(i => i.Item.RowId, StringComparer.Ordinal).Select(i => i.Item).ToList();

        var runLines = Read(runs, r => (Line: new FleetRunLine(r.GetInt64(0), r.GetString(1), Str(r, 2), r.GetString(3), r.GetString(4), r.GetInt64(5),
            r.GetInt64(6), r.GetInt64(7), r.GetInt64(8)) { TrustKeys = FleetConfig.TrustKeyIdsIn(r.GetString(9)), ResultsLanguage = FleetConfig.LanguageIn(r.GetString(9)) }, Worker: r.GetInt64(10)));
        // A run the store says is running whose worker is gone (killed, or ended before it could mark itself) is shown as
        // interrupted: it will never finish, and its claims are taken over by the next run (the claims' own liveness test).
        var running = runLines.Where(x => x.Line.Status == RunRunning).Select(x => x.Worker).Distinct().ToList();
        var alive = running.Count > 0 ? AliveWorkers(c, null, running) : new HashSet<long>();
        var summary = FleetCurrent.Summarize(new FleetSummary
        {
            Store = Display,
            ChecklistId = id,
            ChecklistVersion = version,
            Audits = stored,
            NotEvaluable = notEvaluable,
            Runs = runLines.Select(x => x.Line.Status == RunRunning && !alive.Contains(x.Worker) ? x.Line with { Status = RunInterrupted } : x.Line).ToList(),
        }, audits, itemLines, rows);
        return summary with
        {
            Items = summary.Items.Select(i => titleWords.TryGetValue((i.RowId, i.Title), out var w) ? i with { TitleWords = Words(w, i.RowId) } : i).ToList(),
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

    /// <summary>The audits a report shows are checked against the results file stored with each (its top-level verdict
    /// and score, and whether there is one): the columns are what the report aggregates, the file what export gives back, so
    /// a column edited outside iq would make the two disagree. Any mismatch refuses the report, naming each audit. Only the
    /// head of each stored file is read (<see cref="ResultsHead"/>): the verdict and score come before the items, which are
    /// most of the file; a file whose head does not hold them is read whole, so the check judges the same bytes either way.</summary>
    void CheckAgainstResults(DbConnection c, IReadOnlyList<AuditLine> shown)
    {
        var problems = new List<(long Id, MessageText Text)>();
        var byId = shown.DistinctBy(a => a.Id).ToDictionary(a => a.Id);
        var whole = new List<long>();
        foreach (var slice in byId.Keys.Order().Chunk(200))
            foreach (var (id, head, complete) in ResultsHeads(c, slice))
            {
                var a = byId[id];
                if (head is null)
                {
                    if (a.Verdict != FleetCurrent.NotEvaluable) problems.Add((id, Msg.StoreAuditMismatchOne.With(a.Id, a.Site, "verdict", a.Verdict, "—")));
                }
                else if (TopLevel(head, complete) is { } top) Compare(a, top);
                else whole.Add(id);
            }
        foreach (var id in whole)
        {
            using var q = Command(c, null, "SELECT results FROM audits WHERE id = @id", ("@id", id));
            Compare(byId[id], TopLevel((byte[])q.ExecuteScalar()!, complete: true)!.Value);
        }
        if (problems.Count > 0)
            throw new FleetStoreException(Msg.StoreAuditMismatch.With(Display, Localized.Groups([.. problems.OrderBy(p => p.Id).Select(p => p.Text)])));

        void Compare(AuditLine a, (string? Verdict, double? Score) file)
        {
            if (a.Verdict == FleetCurrent.NotEvaluable || file.Verdict != a.Verdict)
                problems.Add((a.Id, Msg.StoreAuditMismatchOne.With(a.Id, a.Site, "verdict", a.Verdict, file.Verdict ?? "—")));
            else if ((a.Score is { } sc ? Math.Round(sc, 4) : (double?)null) != file.Score)
                problems.Add((a.Id, Msg.StoreAuditMismatchOne.With(a.Id, a.Site, "score", Num(a.Score), Num(file.Score))));
        }
        static string Num(double? v) => v is { } x ? Math.Round(x, 4).ToString(CultureInfo.InvariantCulture) : "null";
    }

    /// <summary>Bytes of a stored results file (gzip) the report's check reads first. The IQ checklist's verdict and score end
    /// about 2.5 KiB into the gzip of a 28 KiB file (190 KiB of JSON).</summary>
    internal const int ResultsHead = 4096;

    /// <summary>Of each audit (in id order): the first <see cref="ResultsHead"/> bytes of its stored results (null where it has
    /// none), and whether that is the whole of them. SQL both stores speak; SQLite reads the head alone (<c>substr</c> there
    /// would read the whole value first).</summary>
    protected virtual IReadOnlyList<(long Id, byte[]? Head, bool Complete)> ResultsHeads(DbConnection c, IReadOnlyList<long> ids)
    {
        var idList = string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        using var q = Command(c, null, $"SELECT id, substr(results, 1, {ResultsHead}), length(results) FROM audits WHERE id IN ({idList}) ORDER BY id");
        return Read(q, r => r.IsDBNull(1) ? (r.GetInt64(0), null, true)
            : (r.GetInt64(0), (byte[])r.GetValue(1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture) <= ResultsHead));
    }

    /// <summary>A gzipped results file's top-level verdict and score (null when absent or not of that type), from its whole
    /// gzip (<paramref name="complete"/>) or a head of it: null when the head ends before both are seen. Read as a stream and
    /// stopped once both are seen: they come before the items, which are most of the file.</summary>
    internal static (string? Verdict, double? Score)? TopLevel(byte[] gzip, bool complete)
    {
        using var z = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        var final = false;
        var state = new System.Text.Json.JsonReaderState();
        string? pending = null, verdict = null;
        double? score = null;
        bool seenVerdict = false, seenScore = false;
        try
        {
            while (!(seenVerdict && seenScore))
            {
                if (length == buffer.Length)
                {
                    // One token longer than the buffer: a larger one.
                    var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                int n;
                try { n = z.Read(buffer, length, buffer.Length - length); }
                catch (InvalidDataException) when (!complete) { return null; }
                if (n == 0)
                {
                    // The end of a head is not the end of the file: the rest is read whole.
                    if (!complete) return null;
                    final = true;
                }
                length += n;
                var reader = new System.Text.Json.Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                while (!(seenVerdict && seenScore) && reader.Read())
                {
                    if (pending is not null)
                    {
                        if (pending == "verdict")
                        {
                            seenVerdict = true;
                            if (reader.TokenType == System.Text.Json.JsonTokenType.String) verdict = reader.GetString();
                        }
                        else
                        {
                            seenScore = true;
                            if (reader.TokenType == System.Text.Json.JsonTokenType.Number) score = reader.GetDouble();
                        }
                        pending = null;
                    }
                    else if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                    {
                        if (!seenVerdict && reader.ValueTextEquals("verdict"u8)) pending = "verdict";
                        else if (!seenScore && reader.ValueTextEquals("score"u8)) pending = "score";
                    }
                }
                if (final) break;
                state = reader.CurrentState;
                var used = (int)reader.BytesConsumed;
                Buffer.BlockCopy(buffer, used, buffer, 0, length - used);
                length -= used;
            }
        }
        catch (System.Text.Json.JsonException) { return (null, null); }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        return (verdict, score);
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
                   score, COALESCE(error, ''), COALESCE(error_words, ''), item_count, id FROM audits ORDER BY key
            """);
        var lines = new List<string>();
        var ids = new List<(long Id, string Key)>();
        using (var r = audits.ExecuteReader())
            while (r.Read())
            {
                var fields = Enumerable.Range(0, 20).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture));
                lines.Add("audit " + string.Join(" | ", fields));
                ids.Add((r.GetInt64(20), r.GetString(0)));
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
