namespace Iq.Engine.Fleet;

/// <summary>The results store's schema, one for SQLite and PostgreSQL: versioned migrations applied in order on first
/// use, each recorded in <c>iq_schema</c>. Written in the SQL both speak; <c>{id}</c> and <c>{blob}</c> are the two words
/// they spell differently. Times are ISO 8601 UTC text of fixed width, so that text order is time order in both.</summary>
public static class FleetSchema
{
    public sealed record Migration(int Version, string Description, string Sql);

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "workers, runs, claims, audits, item results, inputs", """
            CREATE TABLE workers (
              id {id}, host TEXT NOT NULL, pid BIGINT NOT NULL, process_start TEXT NOT NULL,
              started_at TEXT NOT NULL, heartbeat TEXT NOT NULL);
            CREATE TABLE runs (
              id {id}, worker_id BIGINT NOT NULL REFERENCES workers(id), host TEXT NOT NULL, roots TEXT NOT NULL,
              started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
              checklist_id TEXT NOT NULL, checklist_version TEXT NOT NULL, checklist_sha256 TEXT NOT NULL,
              config_key TEXT NOT NULL, config TEXT NOT NULL, engine_version TEXT NOT NULL, as_of TEXT, forced BIGINT NOT NULL,
              seen BIGINT NOT NULL DEFAULT 0, evaluated BIGINT NOT NULL DEFAULT 0, skipped BIGINT NOT NULL DEFAULT 0,
              failed BIGINT NOT NULL DEFAULT 0, busy BIGINT NOT NULL DEFAULT 0, lost BIGINT NOT NULL DEFAULT 0);
            CREATE TABLE claims (
              key TEXT PRIMARY KEY, state TEXT NOT NULL, worker_id BIGINT NOT NULL, run_id BIGINT NOT NULL,
              bundle_path TEXT NOT NULL, claimed_at TEXT NOT NULL, finished_at TEXT);
            CREATE INDEX claims_worker ON claims (worker_id, state);
            CREATE TABLE audits (
              id {id}, key TEXT NOT NULL UNIQUE, run_id BIGINT NOT NULL REFERENCES runs(id), worker_id BIGINT NOT NULL,
              bundle_path TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, site TEXT NOT NULL, host TEXT NOT NULL, collected_at TEXT,
              product_name TEXT NOT NULL, product_model TEXT NOT NULL, product_version TEXT NOT NULL,
              checklist_id TEXT NOT NULL, checklist_version TEXT NOT NULL, checklist_sha256 TEXT NOT NULL,
              engine_version TEXT NOT NULL, as_of TEXT, status TEXT NOT NULL, verdict TEXT, score DOUBLE PRECISION, error TEXT,
              evaluated_at TEXT NOT NULL, elapsed_ms DOUBLE PRECISION NOT NULL, item_count BIGINT NOT NULL, results {blob});
            CREATE INDEX audits_site ON audits (checklist_id, site, collected_at);
            CREATE INDEX audits_path ON audits (bundle_path);
            CREATE TABLE item_results (
              audit_id BIGINT NOT NULL REFERENCES audits(id), seq BIGINT NOT NULL, row_id TEXT NOT NULL, item_id TEXT NOT NULL,
              section_id TEXT NOT NULL, title TEXT NOT NULL, clause TEXT NOT NULL, level TEXT NOT NULL, method TEXT NOT NULL,
              weight DOUBLE PRECISION NOT NULL, outcome TEXT NOT NULL, counted BIGINT NOT NULL, score DOUBLE PRECISION NOT NULL,
              actual TEXT NOT NULL, expected TEXT NOT NULL, message TEXT NOT NULL, sources TEXT NOT NULL,
              PRIMARY KEY (audit_id, seq));
            CREATE TABLE inputs (
              audit_id BIGINT NOT NULL REFERENCES audits(id), seq BIGINT NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL,
              sha256 TEXT NOT NULL, PRIMARY KEY (audit_id, seq));
            """),
        // Results stored compact (no indentation: about two thirds of the bytes, written and gzipped faster) and indented on
        // export; audits stored before keep the indented file they were written with, which export returns as it is.
        new(2, "audits.results_form: how the results file is stored (indented: as written; compact: indented on export)", """
            ALTER TABLE audits ADD COLUMN results_form TEXT NOT NULL DEFAULT 'indented'
            """),
        // A title keeps iq's words in its holes (a value that is missing) as the results file's title_words does, so that a
        // report from the store words them in its language; rows stored before have none and show their English title.
        new(3, "item_results.title_words: a title's words (iq's words in its holes, as the results file's title_words)", """
            ALTER TABLE item_results ADD COLUMN title_words TEXT
            """),
        // A bundle's error keeps its words (FleetErrorWords) beside its text, so that a report or an export words it in the
        // language asked for; audits stored before have none and show their text as stored.
        new(4, "audits.error_words: a bundle's error as words (catalog messages with their arguments), worded where it is shown", """
            ALTER TABLE audits ADD COLUMN error_words TEXT
            """),
    ];

    public static int Latest => Migrations[^1].Version;

    /// <summary>The migration's statements in a dialect.</summary>
    public static IEnumerable<string> Statements(Migration m, string idColumn, string blobType) =>
        m.Sql.Replace("{id}", idColumn).Replace("{blob}", blobType)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0);
}
