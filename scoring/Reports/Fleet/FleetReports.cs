using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Iq.Rules.Messages;

namespace Iq.Scoring.Reports.Fleet;

/// <summary>The fleet report on a console: verdicts by product version, the items that fail most, sites whose verdict
/// changed, bundles that could not be evaluated, the recent runs. Plain text in the messages' language (the catalog's
/// Fleet* messages), so it reads the same in CI logs; columns padded by display width (a Chinese character takes two).</summary>
public static class FleetConsoleReport
{
    /// <summary>Each line written with what a terminal would act on made visible (<see cref="Rules.Io.VisibleText"/>): folder
    /// names, sites and errors come from the fleet (folders as a vendor unpacked them, unsealed plans), and an
    /// <c>ESC[2K CR</c> in a folder name erased the line it was on.</summary>
    public static void Write(FleetSummary s, TextWriter o, Lang lang = Lang.En, int worst = 10)
    {
        using var text = new StringWriter { NewLine = "\n" };
        WriteLines(s, text, lang, worst);
        var lines = text.ToString().Split('\n');
        foreach (var line in lines.Take(lines.Length - 1)) o.WriteLine(Rules.Io.VisibleText.Of(line));
    }

    static void WriteLines(FleetSummary s, TextWriter o, Lang lang, int worst)
    {
        o.WriteLine(Msg.FleetHeading.With(s.ChecklistId, s.ChecklistVersion, s.Store, s.SiteCount, s.Audits, s.NotEvaluable).Render(lang));
        o.WriteLine();
        var columns = Msg.FleetColumns.Template(lang).Split('|');
        int[] widths = [30, 14, 6, 6, 7, 8, 6];
        string Line(IReadOnlyList<string> cells) =>
            string.Join(" ", cells.Select((c, k) => k < 2 ? PadRight(Cut(c, widths[k]), widths[k]) : PadLeft(c, widths[k]))).TrimEnd();
        o.WriteLine(Line(columns));
        foreach (var p in s.ByProductVersion)
            o.WriteLine(Line([p.Product.Length == 0 ? Msg.FleetNoProduct.Template(lang) : p.Product, p.Version,
                .. new[] { p.Pass, p.Fail, p.Incomplete, p.NotEvaluable, p.Total }.Select(n => n.ToString(CultureInfo.InvariantCulture))]));
        var worstItems = s.WorstItems(worst).ToList();
        if (worstItems.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.FleetWorstHeading.Template(lang));
            foreach (var i in worstItems)
                o.WriteLine(Msg.FleetWorstLine.With(PadLeft((i.Fail + i.Error).ToString(CultureInfo.InvariantCulture), 6), PadLeft(Rate(i.PassRate), 6), i.RowId,
                    LevelWord(i.Level, lang) + (i.Clause.Length > 0 ? (lang == Lang.Zh ? "，" : ", ") + i.Clause : ""), i.TitleIn(lang)).Render(lang));
        }
        if (s.Changed.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.FleetChangedHeading.With(s.Changed.Count).Render(lang));
            foreach (var c in s.Changed)
                o.WriteLine(Msg.FleetChangedLine.With(c.Site, VerdictWord(c.PreviousVerdict, lang), c.PreviousAuditId, c.PreviousCollectedAt ?? "?",
                    VerdictWord(c.Verdict, lang), c.AuditId, c.CollectedAt ?? "?").Render(lang));
        }
        if (s.Moved.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.FleetMovedHeading.With(s.Moved.Count).Render(lang));
            foreach (var m in s.Moved)
                o.WriteLine(Localized.Concat(
                    m.FolderChanged ? Msg.FleetMovedFolder.With(m.Site, string.Join(", ", m.Bundles), string.Join(", ", m.PreviousBundles))
                        : Msg.FleetMovedSameFolder.With(m.Site, string.Join(", ", m.Bundles)),
                    m.NewHosts.Count > 0 ? Msg.FleetMovedHost.With(string.Join(", ", m.NewHosts), string.Join(", ", m.PreviousHosts)) : Localized.Empty).Render(lang));
        }
        if (s.Clashes.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.FleetClashHeading.With(s.Clashes.Count).Render(lang));
            foreach (var c in s.Clashes)
                foreach (var a in c.Audits)
                    o.WriteLine(Msg.FleetClashLine.With(c.Site, c.CollectedAt ?? "?", a.AuditId, a.BundlePath, VerdictWord(a.Verdict, lang)).Render(lang));
        }
        if (s.Failures.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.FleetFailuresHeading.With(s.Failures.Count).Render(lang));
            foreach (var f in s.Failures)
                o.WriteLine(Msg.FleetFailureLine.With(f.AuditId, f.BundlePath, FirstLine(f.Error.Render(lang))).Render(lang));
        }
        if (s.Runs.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(Msg.FleetRunsHeading.Template(lang));
            foreach (var r in s.Runs.Take(5))
            {
                o.WriteLine(Msg.FleetRunLine.With(r.Id, r.Host, r.StartedAt, RunState(r.Status, lang), r.Seen, r.Evaluated, r.Skipped, r.Failed).Render(lang));
                o.WriteLine((r.TrustKeys.Count > 0 ? Msg.FleetRunSealsSigned.With(string.Join(", ", r.TrustKeys)) : Msg.FleetRunSealsUnsigned.With()).Render(lang));
            }
        }
    }

    /// <summary>A verdict as the store names it (pass, fail, incomplete, not evaluable) in the messages' language.</summary>
    public static string VerdictWord(string verdict, Lang lang) => lang == Lang.En ? verdict : verdict switch
    {
        "pass" => Msg.VerdictPass.Template(lang),
        "fail" => Msg.VerdictFail.Template(lang),
        "incomplete" => Msg.VerdictIncomplete.Template(lang),
        "not evaluable" => Msg.FleetVerdictNotEvaluable.Template(lang),
        _ => verdict,
    };

    /// <summary>A requirement's level (shall, should, may) in the messages' language; anything else as stored.</summary>
    public static string LevelWord(string level, Lang lang) => level switch
    {
        "shall" => Msg.FleetLevelShall.Template(lang),
        "should" => Msg.FleetLevelShould.Template(lang),
        "may" => Msg.FleetLevelMay.Template(lang),
        _ => level,
    };

    /// <summary>A run's state as the store names it (running, finished, interrupted, failed) in the messages' language.</summary>
    public static string RunState(string status, Lang lang) => status switch
    {
        "running" => Msg.FleetRunRunning.Template(lang),
        "finished" => Msg.FleetRunFinished.Template(lang),
        "interrupted" => Msg.FleetRunInterrupted.Template(lang),
        "failed" => Msg.FleetRunFailed.Template(lang),
        _ => status,
    };

    public static string Rate(double? rate) => rate is { } r ? (100 * r).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    static string FirstLine(string text)
    {
        var n = text.IndexOf('\n');
        return n < 0 ? text : text[..n] + " …";
    }

    static int Width(string text) => DisplayWidth.Of(text);

    static string PadRight(string text, int width) => DisplayWidth.PadRight(text, width);

    static string PadLeft(string text, int width) => DisplayWidth.PadLeft(text, width);

    static string Cut(string text, int width)
    {
        if (Width(text) <= width) return text;
        var used = 0;
        var k = 0;
        while (k < text.Length && used + DisplayWidth.Of(text[k]) <= width - 1) used += DisplayWidth.Of(text[k++]);
        return text[..k] + "…";
    }
}

/// <summary>The fleet report as JSON (schema <c>iq.fleet/1</c>): the summary's lists under stable names.</summary>
public static class FleetJsonReport
{
    public const string Schema = "iq.fleet/1";

    public static void Write(FleetSummary s, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("store", s.Store);
        w.WriteStartObject("checklist");
        w.WriteString("id", s.ChecklistId);
        w.WriteString("version", s.ChecklistVersion);
        w.WriteEndObject();
        w.WriteNumber("audits", s.Audits);
        w.WriteNumber("site_count", s.SiteCount);
        w.WriteNumber("not_evaluable", s.NotEvaluable);
        Array(w, "by_product_version", s.ByProductVersion, p =>
        {
            w.WriteString("product", p.Product); w.WriteString("version", p.Version);
            w.WriteNumber("pass", p.Pass); w.WriteNumber("fail", p.Fail); w.WriteNumber("incomplete", p.Incomplete);
            w.WriteNumber("not_evaluable", p.NotEvaluable); w.WriteNumber("total", p.Total);
        });
        Array(w, "sites", s.Sites, x =>
        {
            w.WriteString("site", x.Site); w.WriteNumber("audit", x.AuditId); w.WriteString("bundle", x.BundlePath);
            w.WriteString("product", x.Product); w.WriteString("version", x.Version); Opt(w, "collected_at", x.CollectedAt);
            w.WriteString("verdict", x.Verdict);
            if (x.Score is { } sc) w.WriteNumber("score", Math.Round(sc, 4)); else w.WriteNull("score");
            w.WriteNumber("bundles", x.Bundles);
        });
        Array(w, "clashes", s.Clashes, c =>
        {
            w.WriteString("site", c.Site); Opt(w, "collected_at", c.CollectedAt);
            w.WriteStartArray("audits");
            foreach (var a in c.Audits)
            {
                w.WriteStartObject();
                w.WriteNumber("audit", a.AuditId); w.WriteString("bundle", a.BundlePath); w.WriteString("verdict", a.Verdict);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        Array(w, "items", s.Items, i =>
        {
            w.WriteString("id", i.RowId); w.WriteString("title", i.Title);
            // As in a results file: the English title, and its words where it has any, for a reader to word in its language.
            if (i.TitleWords is { } words)
            {
                w.WritePropertyName("title_words");
                ReasonJson.WriteWords(w, words);
            }
            w.WriteString("clause", i.Clause); w.WriteString("level", i.Level);
            w.WriteNumber("pass", i.Pass); w.WriteNumber("fail", i.Fail); w.WriteNumber("error", i.Error); w.WriteNumber("other", i.Other);
            if (i.PassRate is { } r) w.WriteNumber("pass_rate", Math.Round(r, 4)); else w.WriteNull("pass_rate");
        });
        Array(w, "worst_items", s.WorstItems(20).ToList(), i => { w.WriteString("id", i.RowId); w.WriteNumber("fail_or_error", i.Fail + i.Error); });
        Array(w, "verdict_changed", s.Changed, c =>
        {
            w.WriteString("site", c.Site);
            w.WriteNumber("previous_audit", c.PreviousAuditId); w.WriteString("previous_verdict", c.PreviousVerdict); Opt(w, "previous_collected_at", c.PreviousCollectedAt);
            w.WriteNumber("audit", c.AuditId); w.WriteString("verdict", c.Verdict); Opt(w, "collected_at", c.CollectedAt);
        });
        Array(w, "site_moved", s.Moved, m =>
        {
            w.WriteString("site", m.Site);
            Strings(w, "bundles", m.Bundles); Strings(w, "previous_bundles", m.PreviousBundles); w.WriteBoolean("folder_changed", m.FolderChanged);
            Strings(w, "hosts", m.NewHosts); Strings(w, "previous_hosts", m.PreviousHosts); w.WriteBoolean("host_changed", m.NewHosts.Count > 0);
        });
        Array(w, "trend", s.Trend, t =>
        {
            w.WriteString("id", t.RowId); w.WriteString("period", t.Period); w.WriteNumber("pass", t.Pass); w.WriteNumber("counted", t.Counted);
            if (t.PassRate is { } r) w.WriteNumber("pass_rate", Math.Round(r, 4)); else w.WriteNull("pass_rate");
        });
        Array(w, "trend_overall", s.TrendOverall, t =>
        {
            w.WriteString("period", t.Period); w.WriteNumber("sites", t.Sites); w.WriteNumber("pass", t.Pass); w.WriteNumber("counted", t.Counted);
            if (t.PassRate is { } r) w.WriteNumber("pass_rate", Math.Round(r, 4)); else w.WriteNull("pass_rate");
        });
        Array(w, "not_evaluable_bundles", s.Failures, f =>
        {
            w.WriteNumber("audit", f.AuditId); w.WriteString("site", f.Site); w.WriteString("bundle", f.BundlePath);
            // In English, as the file's titles are: the file is for programs, in no report language.
            w.WriteString("error", f.Error.Render(Lang.En));
        });
        Array(w, "runs", s.Runs, r =>
        {
            w.WriteNumber("id", r.Id); w.WriteString("started_at", r.StartedAt); Opt(w, "finished_at", r.FinishedAt); w.WriteString("status", r.Status);
            w.WriteString("host", r.Host); w.WriteNumber("seen", r.Seen); w.WriteNumber("evaluated", r.Evaluated); w.WriteNumber("skipped", r.Skipped);
            w.WriteNumber("failed", r.Failed); Opt(w, "results_language", r.ResultsLanguage);
            w.WriteStartArray("trust_keys");
            foreach (var k in r.TrustKeys) w.WriteStringValue(k);
            w.WriteEndArray();
        });
        w.WriteEndObject();
    }

    static void Array<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<T> write)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            write(item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    static void Opt(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
