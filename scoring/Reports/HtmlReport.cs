using System.Globalization;
using System.Text;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Scoring;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports;

/// <summary>The HTML report: one self-contained file (no external fetch: styles, script and charts inline, a content
/// security policy that forbids any other source), readable offline on a hospital PC. Verdict and score at the top, the
/// C.1 information, scores per section as bars, counts per outcome, the baseline's charts as inline SVG, the item table
/// filterable by outcome, level and section with each row's evidence (actual, expected, sources) expandable, the inputs
/// with their SHA-256 and the params; a print stylesheet (A4 landscape, every row's evidence open, the report number and
/// "page x of y" in each page's margin) from which <c>--pdf</c> is printed. Same document, same bytes. Several checklists
/// over one bundle: the worst verdict at the top, then each checklist's part (its verdict, score, section bars, counts and
/// charts — for 001 its measurements: metrics with their confidence intervals, accuracy per perturbation level, robust
/// accuracy per ε, the training loss), one item table filterable by checklist and section.</summary>
public static class HtmlReport
{
    public static void Write(ResultsSet set, string lang, Stream stream)
    {
        var bytes = new UTF8Encoding(false).GetBytes(Render(set, lang));
        stream.Write(bytes);
    }

    /// <summary>Text escaped for HTML content and attribute values (the fleet report uses it too).</summary>
    internal static string E(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>A CSS string literal (for the page margin boxes).</summary>
    static string Css(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", " ") + "\"";

    static string Pct(double? score) => (score ?? 0).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Render(ResultsSet set, string lang)
    {
        var t = ReportTexts.For(lang);
        var h = new StringBuilder();
        var doc = set.First;
        var reportNo = doc.Info.ReportNo;
        var objectText = ScorecardWriter.C1Value(set, t, "object");
        var verdictClass = set.Verdict.ToString().ToLowerInvariant();
        var title = set.Audits.All(d => d.Checklist.IsAnnexC) ? t["html.title"] : t["html.title_generic"];
        var checklistTitle = string.Join(" · ", set.Audits.Select(d => d.Checklist.Title));
        var pageTemplate = t.Template("footer.page");
        var p = pageTemplate.IndexOf("{page}", StringComparison.Ordinal);
        var n = pageTemplate.IndexOf("{pages}", StringComparison.Ordinal);
        var pageContent = $"{Css(pageTemplate[..p])} counter(page) {Css(pageTemplate[(p + 6)..n])} counter(pages) {Css(pageTemplate[(n + 7)..])}";
        var footerLeft = reportNo.Length > 0 ? Css(t.Format("footer.report_no", ("report_no", reportNo))) : "\"\"";

        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.IsChinese ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        h.Append("<meta name=\"generator\" content=\"iq ").Append(E(doc.EngineVersion)).Append("\">\n");
        h.Append("<title>").Append(E(title)).Append(reportNo.Length > 0 ? " — " + E(reportNo) : "").Append(" — ").Append(E(objectText.Length > 0 ? objectText : checklistTitle)).Append("</title>\n");
        h.Append("<style>\n").Append(Style).Append("@page { size: A4 landscape; margin: 12mm 10mm 16mm 10mm;\n  @bottom-left { content: ")
            .Append(footerLeft).Append("; font-size: 8pt; }\n  @bottom-right { content: ").Append(pageContent).Append("; font-size: 8pt; } }\n</style>\n</head>\n<body>\n");

        // Verdict and score first.
        h.Append("<header class=\"top\">\n<div class=\"heading\"><h1>").Append(E(title)).Append("</h1>\n");
        h.Append("<p class=\"object\">").Append(E(objectText.Length > 0 ? objectText : checklistTitle)).Append("</p>\n");
        h.Append("<p class=\"checklist\">").Append(E(string.Join(" · ", set.Audits.Select(d => $"{d.Checklist.Title} · {d.Checklist.Name(t.Lang())}")))).Append("</p></div>\n");
        h.Append("<div class=\"verdict v-").Append(verdictClass).Append("\" id=\"verdict\" data-verdict=\"").Append(verdictClass).Append("\"><span class=\"label\">")
            .Append(E(set.Several ? t["summary.overall"] : t["html.verdict"])).Append("</span><span class=\"value\">").Append(E(t.Verdict(set.Verdict))).Append("</span></div>\n");
        if (!set.Several) Score(h, doc, t, "score");
        h.Append("<p class=\"basis\">").Append(E(set.Several ? ScorecardWriter.C1Value(set, t, "conclusion") : t.Basis(doc.Basis))).Append("</p>\n");
        // What the report rests on: the results file and its seal (docs/trust.md).
        if (set.Source is { } source)
            h.Append("<p class=\"source").Append(source.Verified ? "" : " unverified").Append("\" id=\"source\" data-source=\"")
                .Append(E(source.Check.ToString().ToLowerInvariant())).Append("\"><span class=\"label\">").Append(E(t.SourceLabel()))
                .Append("</span> ").Append(E(t.Source(source))).Append("</p>\n");
        h.Append("</header>\n");

        // C.1.
        h.Append("<section id=\"c1\">\n<h2>").Append(E(t["sheet.report"])).Append("</h2>\n<table class=\"c1\">\n");
        foreach (var field in ScorecardWriter.C1Fields)
        {
            var value = ScorecardWriter.C1Value(set, t, field);
            var missing = value.Length == 0 && ScorecardWriter.RequiredFields.Contains(field);
            h.Append("<tr><th>").Append(E(t["c1." + field])).Append("</th><td").Append(missing ? " class=\"not-filled\"" : "").Append('>')
                .Append(E(value.Length > 0 ? value : t["c1.not_filled"])).Append("</td></tr>\n");
        }
        h.Append("</table>\n</section>\n");

        // Per checklist: its verdict and score (several), scores per section, counts per outcome, its charts.
        for (var k = 0; k < set.Audits.Count; k++) Part(h, set.Audits[k], set.Several ? k : null, t);

        // The item table.
        h.Append("<section id=\"items\">\n<h2>").Append(E(t["html.items"])).Append("</h2>\n<div class=\"filters\">\n");
        void Select(string id, string label, IEnumerable<(string Value, string Text)> options)
        {
            h.Append("<label>").Append(E(label)).Append(" <select id=\"").Append(id).Append("\"><option value=\"\">").Append(E(t["html.filter.all"])).Append("</option>");
            foreach (var (value, text) in options) h.Append("<option value=\"").Append(E(value)).Append("\">").Append(E(text)).Append("</option>");
            h.Append("</select></label>\n");
        }
        int Count(Outcome o) => set.Audits.Sum(d => d.Root.Counts[o]);
        Select("f-outcome", t["col.outcome"], Enum.GetValues<Outcome>().Where(o => Count(o) > 0)
            .Select(o => (o.Name(), $"{t.Outcome(o)} ({Count(o)})")));
        Select("f-level", t["col.level"], Enum.GetValues<Level>().Where(l => set.Audits.Any(d => d.Items.Any(r => r.Level == l)))
            .Select(l => (l.ToString().ToLowerInvariant(), t.Level(l))));
        // Several checklists: a section is named with its checklist's id (both have a 6.2).
        Select("f-section", t["col.section"], set.Audits.SelectMany(d => d.Root.Sections.Select(s =>
            (SectionKey(set, d, s.Id), set.Several ? $"{d.Checklist.Id} {s.Id} {s.Title}" : $"{s.Id} {s.Title}"))));
        var total = set.Audits.Sum(d => d.Items.Count);
        h.Append("<span id=\"shown\" data-template=\"").Append(E(t.Template("html.shown"))).Append("\" data-shown=\"").Append(total).Append("\">")
            .Append(E(t.Format("html.shown", ("shown", total), ("total", total)))).Append("</span>\n</div>\n");
        h.Append("<table class=\"items\" id=\"item-table\">\n<thead><tr>");
        foreach (var key in new[] { "id", "clause", "requirement", "level", "outcome", "score", "message" })
            h.Append("<th>").Append(E(t["col." + key])).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var (r, rowDoc) in set.Audits.SelectMany(d => d.Items.Select(r => (r, d))))
        {
            var top = rowDoc.TopSectionOf(r) is { } ts ? SectionKey(set, rowDoc, ts) : "";
            h.Append("<tr class=\"item\" data-id=\"").Append(E(r.Id)).Append("\" data-outcome=\"").Append(r.Outcome.Name()).Append("\" data-level=\"")
                .Append(r.Level.ToString().ToLowerInvariant()).Append("\" data-section=\"").Append(E(top)).Append('"');
            if (set.Several) h.Append(" data-checklist=\"").Append(E(rowDoc.Checklist.Id)).Append('"');
            h.Append(" data-provenance=\"").Append(string.Join(" ", r.Provenance.Kinds.Select(k => k.Name()))).Append('"');
            h.Append('>');
            h.Append("<td class=\"id\">").Append(E(r.Id)).Append("</td><td>").Append(E(r.Clause)).Append("</td><td>").Append(E(r.TitleIn(t.Lang()))).Append("</td><td>")
                .Append(E(t.Level(r.Level))).Append("</td><td><span class=\"badge o-").Append(r.Outcome.Name()).Append("\">").Append(E(t.Outcome(r.Outcome)))
                .Append("</span></td><td class=\"num\">").Append(E(t.RowScore(r))).Append("</td><td>");
            var message = t.Reason(r.Reason, r.Provenance.Notes);
            h.Append("<details><summary>").Append(E(message.Length > 0 ? message : t["html.evidence"])).Append("</summary>\n<div class=\"evidence\">");
            if (r.Evidence.Count > 0)
            {
                h.Append("<table class=\"ev\"><tr><th>").Append(E(t["col.expression"])).Append("</th><th>").Append(E(t["col.actual"])).Append("</th><th>")
                    .Append(E(t["col.expected"])).Append("</th></tr>");
                foreach (var e in r.Evidence)
                    h.Append(e.Decides ? "<tr>" : "<tr class=\"not-deciding\">").Append("<td><code>").Append(E(e.ExpressionIn(t.Lang()))).Append("</code></td><td>").Append(E(e.ActualIn(t.Lang())))
                        .Append("</td><td>").Append(E(e.ExpectedIn(t.Lang()) + t.NotDeciding(e))).Append("</td></tr>");
                h.Append("</table>");
            }
            else h.Append("<p class=\"muted\">").Append(E(t["html.no_evidence"])).Append("</p>");
            h.Append("<p><b>").Append(E(t.Format("html.label", ("label", t["col.method"])))).Append("</b> ").Append(E(t.Method(r.Automated)));
            if (r.Automated && rowDoc.Sources.GetValueOrDefault(r.ItemId) is { Count: > 0 } sources)
                h.Append(" · <b>").Append(E(t.Format("html.label", ("label", t["col.sources"])))).Append("</b> ").Append(E(string.Join(t.IsChinese ? "、" : ", ", sources)));
            if (r.Provenance.Kinds.Count > 0)
                h.Append(" · <b>").Append(E(t.Format("html.label", ("label", t["col.provenance"])))).Append("</b> <span class=\"provenance\">").Append(E(t.RowProvenance(r))).Append("</span>");
            h.Append("</p>");
            if (r.Provenance.Facts.Count > 0)
            {
                h.Append("<ul class=\"facts\">");
                foreach (var line in ReportWords.FactLines(r)) h.Append("<li>").Append(E(line.Render(t.Lang()))).Append("</li>");
                h.Append("</ul>");
            }
            if ((r.FixIn(t.Lang()) ?? (r.Automated ? null : r.Guidance)) is { Length: > 0 } fix)
                h.Append("<p><b>").Append(E(t.Format("html.label", ("label", r.Automated ? t["col.fix"] : t["col.guidance"])))).Append("</b> ").Append(E(fix)).Append("</p>");
            h.Append("</div></details></td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");

        // Inputs, params, tool.
        h.Append("<section id=\"inputs\">\n<h2>").Append(E(t["html.inputs"])).Append("</h2>\n<table class=\"inputs\"><thead><tr><th>")
            .Append(E(t["col.kind"])).Append("</th><th>").Append(E(t["col.file"])).Append("</th><th>SHA-256</th><th>").Append(E(t["col.seal"]))
            .Append("</th><th>").Append(E(t["col.key_id"])).Append("</th></tr></thead><tbody>\n");
        foreach (var src in set.Audits.SelectMany(d => d.Checklist.Sources))
            h.Append("<tr><td>").Append(E(t["summary.checklist"])).Append("</td><td>").Append(E(src.Path)).Append("</td><td><code>").Append(E(src.Sha256))
                .Append("</code></td><td></td><td></td></tr>\n");
        foreach (var i in set.Audits.SelectMany(d => d.Inputs).DistinctBy(i => (i.Path, i.Sha256)))
        {
            // The seal's status (data-seal: the cause, for scripts and tests), what the check found, and the signing key's id.
            h.Append("<tr data-kind=\"").Append(E(i.Kind)).Append("\" data-seal=\"")
                .Append(E(i.Seal is null ? "" : i.Seal.Reason is { } reason ? ProvenanceJson.CauseName(reason.Cause) : i.Seal.State.ToString().ToLowerInvariant()))
                .Append("\"><td>").Append(E(t.Kind(i.Kind))).Append("</td><td>").Append(E(i.Path)).Append("</td><td><code>")
                .Append(E(i.Sha256)).Append("</code></td><td class=\"seal\"><b>").Append(E(t.SealStatus(i.Seal))).Append("</b>");
            if (i.Seal is not null) h.Append("<br><span class=\"muted\">").Append(E(t.SealDetail(i.Seal))).Append("</span>");
            h.Append("</td><td><code>").Append(E(i.Seal?.Reason?.KeyId ?? "")).Append("</code></td></tr>\n");
        }
        h.Append("</tbody></table>\n<h3>").Append(E(t["html.parameters"])).Append("</h3>\n<table class=\"inputs\"><tbody>\n");
        foreach (var (prm, pd) in set.Audits.SelectMany(d => d.Parameters.Select(p => (p, d))))
            h.Append("<tr><td><code>").Append(E(set.Several ? $"{pd.Checklist.Id}.{prm.Name}" : prm.Name)).Append("</code></td><td>").Append(E(prm.Value)).Append("</td><td>").Append(E(t.Origin(prm.Origin))).Append("</td></tr>\n");
        h.Append("</tbody></table>\n<p class=\"muted\">").Append(E(t.Format("html.generated", ("version", doc.EngineVersion)))).Append(" · ")
            .Append(E(string.Join(" · ", set.Audits.Select(d => d.Scoring.Model).Distinct().Select(t.Formula)))).Append("</p>\n</section>\n");
        h.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>One checklist's scores per section, counts per outcome and charts; with its own verdict and score when it is
    /// one <paramref name="part"/> of several.</summary>
    static void Part(StringBuilder h, ResultsDocument doc, int? part, ReportTexts t)
    {
        var suffix = part is { } n ? $"-{n + 1}" : "";
        h.Append("<section id=\"sections").Append(suffix).Append('"').Append(part is null ? "" : $" class=\"part\" data-checklist=\"{E(doc.Checklist.Id)}\"").Append(">\n<h2>");
        if (part is not null) h.Append(E(doc.Checklist.Heading(t.Lang()))).Append(" · ");
        h.Append(E(t["html.sections"])).Append("</h2>\n");
        if (part is not null)
        {
            var v = doc.Verdict.ToString().ToLowerInvariant();
            h.Append("<div class=\"part-head\"><div class=\"verdict v-").Append(v).Append("\" data-verdict=\"").Append(v).Append("\"><span class=\"label\">")
                .Append(E(t["html.verdict"])).Append("</span><span class=\"value\">").Append(E(t.Verdict(doc.Verdict))).Append("</span></div>\n");
            Score(h, doc, t, null);
            h.Append("<p class=\"basis\">").Append(E(t.Basis(doc.Basis))).Append("</p></div>\n");
        }
        h.Append("<table class=\"bars\">\n");
        void Bar(SectionScore s, int depth)
        {
            h.Append("<tr class=\"d").Append(depth).Append("\" data-section=\"").Append(E(s.Id)).Append("\"><th>").Append(E(s.Id)).Append(' ').Append(E(s.Title))
                .Append("</th><td class=\"w\">").Append(ReportWords.Number(s.Weight)).Append("</td><td class=\"bar\"><div><span class=\"")
                .Append(s.Score is null ? "none" : s.Score >= doc.Scoring.PassAt ? "good" : "bad").Append("\" style=\"width:").Append(Pct(s.Score))
                .Append("%\"></span></div></td><td class=\"num\">").Append(s.Score is { } v ? ReportWords.Number(v) : "—").Append("</td></tr>\n");
            if (depth == 0) foreach (var sub in s.Sections) Bar(sub, depth + 1);
        }
        foreach (var s in doc.Root.Sections) Bar(s, 0);
        h.Append("</table>\n<h3>").Append(E(t["html.counts"])).Append("</h3>\n<ul class=\"counts\">\n");
        foreach (var o in Enum.GetValues<Outcome>())
            h.Append("<li class=\"o-").Append(o.Name()).Append("\" data-outcome=\"").Append(o.Name()).Append("\">").Append(E(t.Outcome(o)))
                .Append(" <b>").Append(doc.Root.Counts[o]).Append("</b></li>\n");
        h.Append("</ul>\n");
        // The vendor's word counted apart, and what the bundle's documents say that cannot all be true.
        h.Append("<p class=\"declared-only\" data-count=\"").Append(doc.DeclaredOnly.Total).Append("\"><b>").Append(E(t.Format("html.label", ("label", t["provenance.declared_only_label"]))))
.Append("</b> ").Append(E(t.DeclaredOnly(doc.DeclaredOnly))).Append("</p>\n");
        if (doc.Findings.Count > 0)
        {
            h.Append("<ul class=\"findings\">\n");
            foreach (var f in doc.Findings)
                h.Append("<li data-finding=\"").Append(f.Name).Append("\"><b>").Append(E(t.Format("html.label", ("label", t["finding.label"])))).Append("</b> ").Append(E(t.Finding(f))).Append("</li>\n");
            h.Append("</ul>\n");
        }
        h.Append("</section>\n");

        // Charts, inline SVG.
        var charts = ReportCharts.For(doc, t);
        if (charts.Count > 0)
        {
            h.Append("<section id=\"charts").Append(suffix).Append("\">\n<h2>");
            if (part is not null) h.Append(E(doc.Checklist.Id)).Append(" · ");
            h.Append(E(t["html.charts"])).Append("</h2>\n<div class=\"charts\">\n");
            foreach (var chart in charts)
            {
                var svg = chart.Svg();
                var start = svg.IndexOf("<svg", StringComparison.Ordinal);
                h.Append("<figure data-chart=\"").Append(chart.Id).Append("\">").Append(start >= 0 ? svg[start..] : svg).Append("</figure>\n");
            }
            h.Append("</div>\n</section>\n");
        }
    }

    static void Score(StringBuilder h, ResultsDocument doc, ReportTexts t, string? id)
    {
        h.Append("<div class=\"score\"").Append(id is null ? "" : $" id=\"{id}\"").Append(" data-score=\"").Append(doc.Score is { } sc ? Pct(sc) : "").Append("\"><span class=\"label\">")
            .Append(E(t["html.score"])).Append("</span><span class=\"value\">").Append(doc.Score is { } s2 ? ReportWords.Number(s2) : "—")
            .Append("</span><span class=\"of\">/ 100 · ").Append(E(t["chk.pass_at"])).Append(' ').Append(ReportWords.Number(doc.Scoring.PassAt)).Append("</span></div>\n");
    }

    /// <summary>The value a row's top-level section is filtered by: its id, with its checklist's id first when there are several.</summary>
    static string SectionKey(ResultsSet set, ResultsDocument doc, string section) => set.Several ? $"{doc.Checklist.Id} {section}" : section;

    const string Style = """
        :root { --pass: #1e7e34; --fail: #c0392b; --error: #d35400; --muted: #666; font-size: 10pt; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 0 auto; max-width: 1400px; padding: 16px 24px; color: #222; }
        h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.2rem; border-bottom: 2px solid #d9e1f2; padding-bottom: 3px; margin-top: 22px; } h3 { font-size: 1rem; }
        header.top { display: grid; grid-template-columns: 1fr auto auto; gap: 16px; align-items: center; }
        header .basis { grid-column: 1 / -1; margin: 0; color: #333; }
        header .source { grid-column: 1 / -1; margin: 0; font-size: 0.9em; overflow-wrap: anywhere; } header .source .label { font-weight: bold; }
        .part-head { display: flex; gap: 16px; align-items: center; margin-bottom: 8px; } .part-head .basis { margin: 0; }
        .object { font-size: 1.1rem; margin: 2px 0; } .checklist, .muted { color: var(--muted); margin: 2px 0; }
        .verdict, .score { border-radius: 8px; padding: 10px 18px; text-align: center; min-width: 130px; }
        .verdict .label, .score .label { display: block; font-size: 0.8rem; color: #444; } .verdict .value, .score .value { font-size: 1.8rem; font-weight: bold; }
        .v-pass { background: #c6efce; } .v-fail { background: #ffc7ce; } .v-incomplete { background: #ffeb9c; } .score { background: #eef2f8; } .score .of { display: block; font-size: 0.8rem; }
        table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d0d7e2; padding: 4px 6px; text-align: left; vertical-align: top; }
        thead th, table.c1 th { background: #d9e1f2; } table.c1 th { width: 12em; } td.not-filled { color: #d00; font-weight: bold; } p.source.unverified { color: #d00; font-weight: bold; }
        table.bars th { font-weight: normal; width: 40%; } table.bars tr.d0 th { font-weight: bold; } table.bars tr.d1 th { padding-left: 2em; }
        td.bar div { background: #eee; height: 12px; border-radius: 6px; overflow: hidden; } td.bar span { display: block; height: 100%; }
        td.bar span.good { background: #5cb85c; } td.bar span.bad { background: #e74c3c; } td.bar span.none { background: transparent; }
        td.num, td.w { text-align: right; white-space: nowrap; width: 5em; }
        ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; } ul.counts li { padding: 3px 10px; border-radius: 12px; }
        .o-pass { background: #c6efce; } .o-fail { background: #ffc7ce; } .o-error { background: #f8cbad; } .o-notapplicable, .o-notselected { background: #ededed; }
        .o-notchecked { background: #ffeb9c; } .o-informational { background: #ddebf7; } .o-waived { background: #e4dfec; }
        .badge { padding: 1px 8px; border-radius: 10px; white-space: nowrap; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
        .filters { display: flex; gap: 16px; align-items: center; margin: 8px 0; flex-wrap: wrap; } select { font: inherit; }
        table.items td.id { white-space: nowrap; font-family: monospace; } details summary { cursor: pointer; } .evidence { margin-top: 4px; }
        table.ev th { background: #f3f3f3; } code { font-size: 0.9em; word-break: break-all; }
        table.inputs code { font-size: 0.85em; }
        @media print {
          :root { font-size: 8pt; } body { max-width: none; padding: 0; } .filters { display: none; }
          details::details-content { content-visibility: visible; display: block; } details > summary { list-style: none; }
          tr, figure { break-inside: avoid; } thead { display: table-header-group; } h2 { break-after: avoid; }
          .verdict, .score, .badge, ul.counts li, td.bar span, thead th, table.c1 th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }

        """;

    const string Script = """
        (function () {
          var $ = function (id) { return document.getElementById(id); };
          var rows = Array.prototype.slice.call(document.querySelectorAll('#item-table tbody tr.item'));
          var shown = $('shown');
          function apply() {
            var o = $('f-outcome').value, l = $('f-level').value, s = $('f-section').value, n = 0;
            rows.forEach(function (r) {
              var show = (!o || r.dataset.outcome === o) && (!l || r.dataset.level === l) && (!s || r.dataset.section === s);
              r.hidden = !show;
              if (show) n++;
            });
            shown.dataset.shown = String(n);
            shown.textContent = shown.dataset.template.replace('{shown}', String(n)).replace('{total}', String(rows.length));
          }
          ['f-outcome', 'f-level', 'f-section'].forEach(function (id) { $(id).addEventListener('change', apply); });
          window.addEventListener('beforeprint', function () {
            document.querySelectorAll('details').forEach(function (d) { d.open = true; });
          });
          apply();
        })();

        """;
}
