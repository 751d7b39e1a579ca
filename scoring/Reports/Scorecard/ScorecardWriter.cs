using ClosedXML.Excel;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;
using Iq.Scoring.Text;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>The Excel scorecard after Annex C of the IQ standard, from a results document alone: C.1 report information
/// (the device from the plan, report number, dates, place, assessors, conclusion, signer; a missing required field shown
/// as not filled, in red; a signature block), a summary (section tree, weights, scores, counts of every outcome, verdict,
/// formula), one sheet per top-level section (C.2–C.6 and 6.1; the performance sheet with the baseline's charts), a
/// manual-review sheet that can be filled in and read back, and C.7 attachments (inputs with SHA-256, params, tool).
/// Several checklists over one bundle (IQ and the pre-trained model 001) make one workbook: C.1's conclusion is the worst
/// verdict with each checklist's, the C.1 and summary sheets give each checklist's block (its score, verdict, formula),
/// each checklist has its own item sheets (a later checklist's named with its id first; 001: one per group of chapter-6
/// methods, the charts of its measurements on the sheet of their method), and one manual-review sheet and C.7 list them all.
/// Every sheet: A4 landscape, fit to the page width, the header row repeated on each printed page, a footer with the
/// report number and "page x of y", one font size; headers frozen, filters on, outcomes coloured, widths set (ClosedXML's
/// AdjustToContents needs GDI+). Every word in the report's language; every cell from facts or the checklist stored as
/// text, never a formula. Same document, same bytes.</summary>
public static class ScorecardWriter
{
    /// <summary>The one body font size, in points.</summary>
    public const double FontSize = 10;

    /// <summary>宋体: on every Chinese Windows; LibreOffice substitutes an installed CJK font.</summary>
    public const string FontName = "SimSun";

    static readonly Dictionary<Outcome, string> Colours = new()
    {
        [Outcome.Pass] = "#C6EFCE", [Outcome.Fail] = "#FFC7CE", [Outcome.Error] = "#F8CBAD", [Outcome.NotApplicable] = "#EDEDED",
        [Outcome.NotChecked] = "#FFEB9C", [Outcome.Informational] = "#DDEBF7", [Outcome.Waived] = "#E4DFEC", [Outcome.NotSelected] = "#EDEDED",
    };

    /// <summary>The C.1 fields a hand-over report must have; purpose has a default, conclusion comes from the verdict.</summary>
    public static readonly string[] RequiredFields = ["report_no", "object", "dates", "place", "assessors", "signer", "sign_date"];

    public static void Write(AuditReport report, string lang, Stream stream) => Write(ResultsDocument.From(report, lang), lang, stream);

    public static void Write(ResultsSet set, string lang, Stream stream)
    {
        var labels = Labels.For(lang);
        var t = labels.T;
        var first = set.First;
        var reportNo = first.Info.ReportNo;
        using var wb = NewWorkbook();
        ReportSheet(wb.Worksheets.Add(labels.ReportSheet), set, labels);
        SummarySheet(wb.Worksheets.Add(labels.SummarySheet), set, labels);

        var pictures = new List<XlsxPicture>();
        // Sheet names from the checklists' text: valid (XlsxFile.SheetName), distinct, never one of the fixed sheets' names.
        var used = new HashSet<string>([labels.ReportSheet, labels.SummarySheet, labels.ManualSheet, labels.AttachmentsSheet],
            StringComparer.OrdinalIgnoreCase);
        string Unique(string name) => XlsxFile.SheetName(name, used, labels.ChecklistSheet);
        for (var p = 0; p < set.Audits.Count; p++)
        {
            var doc = set.Audits[p];
            var prefix = p == 0 ? null : doc.Checklist.Id;
            var charts = ReportCharts.For(doc, t);
            var groups = doc.Items.GroupBy(doc.TopSectionOf).ToDictionary(g => g.Key ?? "", g => g.ToList());
            foreach (var section in doc.Root.Sections)
            {
                var name = Unique(Labels.SectionSheet(section.Id, section.Title, doc.Checklist.IsAnnexC, prefix));
                var rows = groups.GetValueOrDefault(section.Id) ?? [];
                var ws = wb.Worksheets.Add(name);
                var next = ItemSheet(ws, rows, doc, labels);
                foreach (var chart in charts.Where(c => c.SectionId == section.Id))
                {
                    pictures.Add(new XlsxPicture(name, next + 1, 1, chart.Png(), ReportChart.Width, ReportChart.Height, chart.Title));
                    next += ReportChart.Height / 20 + 2;
                }
            }
            if (groups.TryGetValue("", out var loose)) ItemSheet(wb.Worksheets.Add(Unique(Labels.SheetName(prefix, labels.ChecklistSheet))), loose, doc, labels);
            var placed = doc.Root.Sections.Select(s => s.Id).ToHashSet();
            var orphans = charts.Where(c => !placed.Contains(c.SectionId)).ToList();
            if (orphans.Count > 0)
            {
                var name = Unique(Labels.SheetName(prefix, labels.ChartsSheet));
                var ws = wb.Worksheets.Add(name);
                Header(ws, [labels.ChartsSheet], [100], t, reportNo);
                var row = 2;
                foreach (var chart in orphans)
                {
                    Text(ws.Cell(row, 1), chart.Title);
                    pictures.Add(new XlsxPicture(name, row + 1, 1, chart.Png(), ReportChart.Width, ReportChart.Height, chart.Title));
                    row += ReportChart.Height / 20 + 3;
                }
            }
        }
        // One manual-review sheet for every checklist: it is read back by item id, and an id belongs to one checklist.
        ManualReview.WriteSheet(wb.Worksheets.Add(labels.ManualSheet),
            set.Audits.SelectMany(d => d.Items).Where(r => !r.Automated && r.Outcome != Outcome.NotSelected).Select(r => (r.Id, r.Clause, r.TitleIn(labels.T.Lang()), r.Level, r.Guidance ?? "")), labels,
            set.Audits.SelectMany(d => d.Attestations).ToList(), reportNo);
        AttachmentsSheet(wb.Worksheets.Add(labels.AttachmentsSheet), set, labels);
        Save(wb, pictures, first.AsOf ?? first.EvaluatedAt, stream);
    }

    internal static XLWorkbook NewWorkbook()
    {
        var wb = new XLWorkbook();
        wb.Style.Font.FontSize = FontSize;
        wb.Style.Font.FontName = FontName;
        wb.Properties.Author = "iq";
        return wb;
    }

    /// <summary>Saves with the charts added and the package made reproducible (fixed times, fixed part names).</summary>
    internal static void Save(XLWorkbook wb, IReadOnlyList<XlsxPicture> pictures, DateTimeOffset? created, Stream stream)
    {
        using var raw = new MemoryStream();
        wb.SaveAs(raw);
        XlsxPackage.Finish(raw, pictures, created, stream);
    }

    /// <summary>Stores text as text: no formula, no number or date guessed from it; cut, with a marker, to what a cell holds.</summary>
    internal static IXLCell Text(IXLCell cell, string? value)
    {
        cell.Style.NumberFormat.Format = "@";
        cell.SetValue(XlsxFile.Fit(value ?? ""));
        cell.DataType = XLDataType.Text;
        return cell;
    }

    internal static IXLCell Number(IXLCell cell, double? value, string format = "0.##")
    {
        if (value is { } v)
        {
            cell.SetValue(Math.Round(v, 4));
            cell.Style.NumberFormat.Format = format;
        }
        else Text(cell, "—");
        return cell;
    }

    /// <summary>Sets a row's height from its wrapped text (AdjustToContents needs GDI+, absent on Linux): lines are
    /// estimated from the column widths, CJK characters counting two columns.</summary>
    internal static void FitHeight(IXLWorksheet ws, int row, int columns)
    {
        var lines = 1;
        for (var c = 1; c <= columns; c++)
        {
            var width = Math.Max(1, ws.Column(c).Width - 1);
            // Not GetFormattedString: it calls ExcelNumberFormat, whose only served version (1.1.0) lacks a method
            // ClosedXML 0.95.4 calls, so it throws and falls back, slowly, on every cell.
            var text = ws.Cell(row, c).Value?.ToString() ?? "";
            var cellLines = text.Split('\n').Sum(part => Math.Max(1, (int)Math.Ceiling(part.Sum(ch => (double)DisplayWidth.Of(ch)) / width)));
            lines = Math.Max(lines, cellLines);
        }
        ws.Row(row).Height = Math.Min(409, 14 * lines + 2);
    }

    /// <summary>The header row and the page set-up every sheet shares: A4 landscape, fit to the page width, the header row
    /// repeated on every printed page, the report number and "page x of y" in the footer.</summary>
    internal static void Header(IXLWorksheet ws, string[] headers, double[] widths, ReportTexts t, string reportNo)
    {
        for (var c = 0; c < headers.Length; c++)
        {
            var cell = Text(ws.Cell(1, c + 1), headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#D9E1F2");
            cell.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
            cell.Style.Alignment.WrapText = true;
            ws.Column(c + 1).Width = widths[c];
        }
        ws.SheetView.FreezeRows(1);
        var page = ws.PageSetup;
        page.PageOrientation = XLPageOrientation.Landscape;
        page.PaperSize = XLPaperSize.A4Paper;
        page.FitToPages(1, 0);
        page.SetRowsToRepeatAtTop(1, 1);
        page.Margins.Left = page.Margins.Right = 0.4;
        page.Margins.Top = 0.5;
        page.Margins.Bottom = 0.6;
        page.Margins.Footer = 0.25;
        page.CenterHorizontally = true;
        page.Header.Center.AddText(ws.Name);
        if (reportNo.Length > 0) page.Footer.Left.AddText(t.Format("footer.report_no", ("report_no", reportNo)));
        // "page {page} of {pages}": the words around the two fields come from the catalog.
        var template = t.Template("footer.page");
        var p = template.IndexOf("{page}", StringComparison.Ordinal);
        var n = template.IndexOf("{pages}", StringComparison.Ordinal);
        if (p > 0) page.Footer.Right.AddText(template[..p]);
        page.Footer.Right.AddText(XLHFPredefinedText.PageNumber);
        page.Footer.Right.AddText(template[(p + "{page}".Length)..n]);
        page.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages);
        if (n + "{pages}".Length < template.Length) page.Footer.Right.AddText(template[(n + "{pages}".Length)..]);
    }

    /// <summary>The C.1 value of a field; empty when not given (the object and dates have fallbacks: the plan's product, the
    /// as-of date). For several checklists the purpose names them all and the conclusion is the worst verdict with each one's.</summary>
    public static string C1Value(ResultsSet set, ReportTexts t, string field)
    {
        if (!set.Several) return C1Value(set.First, t, field);
        var info = set.First.Info;
        return field switch
        {
            "purpose" when info.Purpose.Length == 0 => Purpose(set, t),
            "conclusion" => t.Format("c1.conclusion_set", ("verdict", t.Verdict(set.Verdict)), ("parts", string.Join(t.IsChinese ? "；" : "; ",
                set.Audits.Select(d => t.Format("c1.conclusion_part", ("checklist", d.Checklist.Id), ("verdict", t.Verdict(d.Verdict)),
                    ("score", d.Score is { } s ? ReportWords.Number(s) : "—")))))),
            _ => C1Value(set.First, t, field),
        };
    }

    /// <summary>The default purpose: the IQ standard's wording for its checklist, a general one naming the others.</summary>
    static string Purpose(ResultsSet set, ReportTexts t) =>
        set.Audits.All(d => d.Checklist.IsAnnexC)
            ? t.Format("c1.purpose_default", ("checklist", string.Join(t.IsChinese ? "》《" : "', '", set.Audits.Select(d => PurposeName(d, t)))))
            : t.Format("c1.purpose_generic", ("checklist", string.Join(t.IsChinese ? "》《" : "', '", set.Audits.Select(d => PurposeName(d, t)))));

    /// <summary>A checklist as the purpose names it: its title, and a tailoring's own id with its base (not the base's alone).</summary>
    static string PurposeName(ResultsDocument d, ReportTexts t) =>
        d.Checklist.Base is null ? d.Checklist.Title : $"{d.Checklist.Title} — {d.Checklist.Name(t.Lang())}";

    public static string C1Value(ResultsDocument doc, ReportTexts t, string field)
    {
        var info = doc.Info;
        return field switch
        {
            "object" when info.Object.Length == 0 => ObjectText(info.Product, t),
            "purpose" when info.Purpose.Length == 0 => Purpose(doc, t),
            "dates" when info.Dates.Length == 0 && doc.AsOf is { } asOf => t.Format("c1.as_of", ("date", ReportWords.Date(asOf))),
            "conclusion" => t.Format("c1.conclusion_text", ("verdict", t.Verdict(doc.Verdict)), ("score", doc.Score is { } s ? ReportWords.Number(s) : "—"),
                ("pass_at", ReportWords.Number(doc.Scoring.PassAt)), ("basis", t.Basis(doc.Basis))),
            _ => info.Get(field),
        };
    }

    /// <summary>The C.1 fields in order, with the catalog key of each label.</summary>
    public static readonly string[] C1Fields = ["report_no", "object", "purpose", "dates", "place", "assessors", "conclusion", "signer", "sign_date"];

    static string ObjectText(ProductInfo p, ReportTexts t)
    {
        if (p.Name.Length == 0) return "";
        var parts = new List<string>();
        if (p.Version.Length > 0) parts.Add(t.Format("c1.object_version", ("version", p.Version)));
        if (p.Model.Length > 0) parts.Add(t.Format("c1.object_model", ("model", p.Model)));
        if (p.Manufacturer.Length > 0) parts.Add(t.Format("c1.object_manufacturer", ("manufacturer", p.Manufacturer)));
        return parts.Count == 0 ? p.Name : t.IsChinese ? $"{p.Name}（{string.Join("；", parts)}）" : $"{p.Name} ({string.Join("; ", parts)})";
    }

    static void ReportSheet(IXLWorksheet ws, ResultsSet set, Labels labels)
    {
        var t = labels.T;
        Header(ws, labels.ReportHeaders, [26, 100], t, set.First.Info.ReportNo);
        var row = 2;
        foreach (var field in C1Fields)
        {
            Text(ws.Cell(row, 1), t["c1." + field]).Style.Font.Bold = true;
            var value = C1Value(set, t, field);
            var cell = Text(ws.Cell(row, 2), value.Length > 0 ? value : t["c1.not_filled"]);
            cell.Style.Alignment.WrapText = true;
            if (value.Length == 0 && RequiredFields.Contains(field))
            {
                cell.Style.Font.FontColor = XLColor.Red;
                cell.Style.Font.Bold = true;
            }
            if (field == "conclusion")
            {
                cell.Style.Font.Bold = true;
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml(VerdictColour(set.Verdict));
            }
            FitHeight(ws, row, 2);
            row++;
        }
        foreach (var doc in set.Audits)
        {
            row++;
            var c = doc.Checklist;
            var checklist = new List<(string Key, string Value)>
            {
                ("chk.checklist", $"{c.Id} — {c.Title}"), ("chk.version", c.Version), ("chk.sha256", c.Sources[0].Sha256),
                ("chk.model", t.Model(doc.Scoring.Model)), ("chk.pass_at", ReportWords.Number(doc.Scoring.PassAt)),
                ("chk.veto", doc.Scoring.Veto is { } v ? t.Level(v) : t["level.none"]),
                ("chk.score", doc.Score is { } s ? ReportWords.Number(s) : "—"), ("chk.tool", $"iq {doc.EngineVersion}"),
            };
            // Several checklists: each block says its own verdict and why (C.1's conclusion is the worst of them).
            if (set.Several) checklist.Insert(7, ("summary.verdict", $"{t.Verdict(doc.Verdict)} — {t.Basis(doc.Basis)}"));
            foreach (var (key, value) in checklist)
            {
                Text(ws.Cell(row, 1), t[key]).Style.Font.Bold = true;
                var cell = Text(ws.Cell(row, 2), value);
                cell.Style.Alignment.WrapText = true;
                if (key == "summary.verdict") cell.Style.Fill.BackgroundColor = XLColor.FromHtml(VerdictColour(doc.Verdict));
                FitHeight(ws, row, 2);
                row++;
            }
        }
        // What the report rests on, beside what is signed: the results file and its seal (docs/trust.md).
        if (set.Source is { } source)
        {
            row++;
            Text(ws.Cell(row, 1), t.SourceLabel()).Style.Font.Bold = true;
            var cell = Text(ws.Cell(row, 2), t.Source(source));
            cell.Style.Alignment.WrapText = true;
            if (!source.Verified)
            {
                cell.Style.Font.FontColor = XLColor.Red;
                cell.Style.Font.Bold = true;
            }
            FitHeight(ws, row, 2);
            row++;
        }
        // The signature block: signed on paper, so blank lines to sign on.
        row++;
        var title = Text(ws.Cell(row, 1), t["sig.title"]);
        title.Style.Font.Bold = true;
        ws.Range(row, 1, row, 2).Merge().Style.Fill.BackgroundColor = XLColor.FromHtml("#D9E1F2");
        row++;
        foreach (var key in new[] { "sig.assessor", "sig.reviewer", "sig.signer", "sig.seal" })
        {
            Text(ws.Cell(row, 1), t[key]).Style.Font.Bold = true;
            Text(ws.Cell(row, 2), key == "sig.seal" ? "" : $"{new string(' ', 60)}{t["sig.date"]}");
            ws.Cell(row, 2).Style.Border.BottomBorder = XLBorderStyleValues.Thin;
            ws.Row(row).Height = 34;
            ws.Cell(row, 1).Style.Alignment.Vertical = XLAlignmentVerticalValues.Bottom;
            ws.Cell(row, 2).Style.Alignment.Vertical = XLAlignmentVerticalValues.Bottom;
            row++;
        }
    }

    static string VerdictColour(Verdict v) =>
        v == Verdict.Pass ? Colours[Outcome.Pass] : v == Verdict.Fail ? Colours[Outcome.Fail] : Colours[Outcome.NotChecked];

    /// <summary>The section tree, totals, score, verdict and formula: once for one checklist; for several, a block per
    /// checklist under a heading row, then the worst verdict.</summary>
    static void SummarySheet(IXLWorksheet ws, ResultsSet set, Labels labels)
    {
        var t = labels.T;
        var headers = labels.SummaryHeaders;
        Header(ws, headers, [10, 40, 7, 8, 7, 7, 7, 7, 7, 7, 7, 7], t, set.First.Info.ReportNo);
        var row = 2;
        foreach (var doc in set.Audits)
        {
            if (set.Several)
            {
                var heading = Text(ws.Cell(row, 1), doc.Checklist.Heading(t.Lang()));
                ws.Range(row, 1, row, headers.Length).Merge();
                heading.Style.Font.Bold = true;
                heading.Style.Fill.BackgroundColor = XLColor.FromHtml("#D9E1F2");
                row++;
            }
            row = SummaryBlock(ws, doc, labels, row, filter: !set.Several) + 2;
        }
        if (set.Several)
        {
            Text(ws.Cell(row, 1), t["summary.overall"]).Style.Font.Bold = true;
            var overall = Text(ws.Cell(row, 2), C1Value(set, t, "conclusion"));
            ws.Range(row, 2, row, headers.Length).Merge();
            overall.Style.Font.Bold = true;
            overall.Style.Alignment.WrapText = true;
            overall.Style.Fill.BackgroundColor = XLColor.FromHtml(VerdictColour(set.Verdict));
            ws.Row(row).Height = 30;
        }
    }

    /// <summary>One checklist's section tree from <paramref name="row"/>; returns its last row.</summary>
    static int SummaryBlock(IXLWorksheet ws, ResultsDocument doc, Labels labels, int row, bool filter)
    {
        var t = labels.T;
        var headers = labels.SummaryHeaders;
        var first = row;
        void Section(SectionScore s, int depth)
        {
            Text(ws.Cell(row, 1), s.Id);
            Text(ws.Cell(row, 2), new string(' ', depth * 4) + s.Title);
            Number(ws.Cell(row, 3), s.Weight);
            Number(ws.Cell(row, 4), s.Score, "0.00");
            var k = 0;
            foreach (var o in Enum.GetValues<Outcome>()) Number(ws.Cell(row, 5 + k++), s.Counts[o], "0");
            if (depth == 0) ws.Row(row).Style.Font.Bold = true;
            row++;
            foreach (var sub in s.Sections) Section(sub, depth + 1);
        }
        foreach (var s in doc.Root.Sections) Section(s, 0);
        var last = row - 1;
        // One filter per sheet: over the section tree when there is one tree.
        if (filter && last >= first) ws.Range(1, 1, last, headers.Length).SetAutoFilter();
        Text(ws.Cell(row, 1), t["summary.total"]).Style.Font.Bold = true;
        var k2 = 0;
        foreach (var o in Enum.GetValues<Outcome>()) Number(ws.Cell(row, 5 + k2++), doc.Root.Counts[o], "0").Style.Font.Bold = true;
        row += 2;
        Text(ws.Cell(row, 1), t["summary.score"]).Style.Font.Bold = true;
        Number(ws.Cell(row, 4), doc.Score, "0.00").Style.Font.Bold = true;
        row++;
        Text(ws.Cell(row, 1), t["summary.verdict"]).Style.Font.Bold = true;
        var verdict = Text(ws.Cell(row, 2), $"{t.Verdict(doc.Verdict)} — {t.Basis(doc.Basis)}");
        ws.Range(row, 2, row, headers.Length).Merge();
        verdict.Style.Font.Bold = true;
        verdict.Style.Alignment.WrapText = true;
        verdict.Style.Fill.BackgroundColor = XLColor.FromHtml(doc.Verdict == Verdict.Pass ? Colours[Outcome.Pass] : Colours[Outcome.Fail]);
        ws.Row(row).Height = 30;
        row++;
        Text(ws.Cell(row, 1), t["summary.formula"]).Style.Font.Bold = true;
        var formula = Text(ws.Cell(row, 2), t.Formula(doc.Scoring.Model));
        ws.Range(row, 2, row, headers.Length).Merge();
        formula.Style.Alignment.WrapText = true;
        ws.Row(row).Height = 58;
        row++;
        // The vendor's word, counted apart: automatic rows no measurement, import or review backs.
        Text(ws.Cell(row, 1), t["provenance.declared_only_label"]).Style.Font.Bold = true;
        Text(ws.Cell(row, 2), t.DeclaredOnly(doc.DeclaredOnly));
        ws.Range(row, 2, row, headers.Length).Merge();
        foreach (var finding in doc.Findings)
        {
            row++;
            Text(ws.Cell(row, 1), t["finding.label"]).Style.Font.Bold = true;
            var cell = Text(ws.Cell(row, 2), t.Finding(finding));
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml(Colours[Outcome.NotChecked]);
            cell.Style.Alignment.WrapText = true;
            ws.Range(row, 2, row, headers.Length).Merge();
            ws.Row(row).Height = 30;
        }
        return row;
    }

    /// <summary>A section's rows; returns the last row written. A row that is not counted (waived, not applicable, to judge,
    /// informational, not selected) says so in the score column and why in the message column.</summary>
    static int ItemSheet(IXLWorksheet ws, IReadOnlyList<ItemResult> results, ResultsDocument doc, Labels labels)
    {
        var t = labels.T;
        Header(ws, labels.ItemHeaders, [18, 11, 30, 5, 6, 6, 8, 8, 30, 16, 36, 28, 18, 16, 40], t, doc.Info.ReportNo);
        var row = 2;
        foreach (var r in results)
        {
            Text(ws.Cell(row, 1), r.Id);
            Text(ws.Cell(row, 2), r.Clause);
            Text(ws.Cell(row, 3), r.TitleIn(t.Lang()));
            Text(ws.Cell(row, 4), t.Level(r.Level));
            Text(ws.Cell(row, 5), t.Method(r.Automated));
            Number(ws.Cell(row, 6), r.Weight);
            var outcome = Text(ws.Cell(row, 7), t.Outcome(r.Outcome));
            outcome.Style.Fill.BackgroundColor = XLColor.FromHtml(Colours[r.Outcome]);
            outcome.Style.Font.Bold = r.Outcome is Outcome.Fail or Outcome.Error;
            if (ResultsDocument.Counted(r.Outcome)) Number(ws.Cell(row, 8), r.Score, "0.00");
            else Text(ws.Cell(row, 8), t["score.not_counted"]);
            // The evidence columns are meant for expressions: "expression: actual" and the expected value as evaluated.
            Text(ws.Cell(row, 9), string.Join("\n", r.Evidence.Select(e => $"{e.ExpressionIn(t.Lang())}: {e.ActualIn(t.Lang())}")));
            Text(ws.Cell(row, 10), string.Join("\n", r.Evidence.Select(e => e.ExpectedIn(t.Lang()) + t.NotDeciding(e))));
            Text(ws.Cell(row, 11), t.Reason(r.Reason, r.Provenance.Notes));
            Text(ws.Cell(row, 12), r.FixIn(t.Lang()) ?? (r.Automated ? "" : r.Guidance));
            Text(ws.Cell(row, 13), r.Automated ? string.Join(", ", doc.Sources.GetValueOrDefault(r.ItemId) ?? []) : t.Method(false));
            var provenance = Text(ws.Cell(row, 14), t.RowProvenance(r));
            if (r.Automated && r.Provenance.DeclaredOnly || r.Provenance.Notes.Count > 0)
                provenance.Style.Fill.BackgroundColor = XLColor.FromHtml(Colours[Outcome.NotChecked]);
            // Each fact the row read, with its provenance and document: what a lab signing the row must be able to tell.
            Text(ws.Cell(row, 15), t.FactsRead(r));
            ws.Row(row).Style.Alignment.WrapText = true;
            ws.Row(row).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            FitHeight(ws, row, labels.ItemHeaders.Length);
            row++;
        }
        ws.Range(1, 1, Math.Max(1, row - 1), labels.ItemHeaders.Length).SetAutoFilter();
        return row;
    }

    static void AttachmentsSheet(IXLWorksheet ws, ResultsSet set, Labels labels)
    {
        var t = labels.T;
        Header(ws, labels.AttachmentHeaders, [14, 40, 36, 44, 26], t, set.First.Info.ReportNo);
        var row = 2;
        foreach (var s in set.Audits.SelectMany(d => d.Checklist.Sources))
        {
            Text(ws.Cell(row, 1), t["summary.checklist"]);
            Text(ws.Cell(row, 2), s.Path);
            Text(ws.Cell(row++, 3), s.Sha256);
        }
        // The checklists of one audit read the same inputs: each is listed once.
        foreach (var i in set.Audits.SelectMany(d => d.Inputs).DistinctBy(i => (i.Path, i.Sha256)))
        {
            Text(ws.Cell(row, 1), t.Kind(i.Kind));
            Text(ws.Cell(row, 2), i.Path);
            Text(ws.Cell(row, 3), i.Sha256);
            // The seal's status, then what the check found; the signing key's id beside it (docs/trust.md).
            var seal = Text(ws.Cell(row, 4), t.SealStatus(i.Seal) + (i.Seal is null ? "" : "\n" + t.SealDetail(i.Seal)));
            if (i.Seal?.Reason is { Sealed: false } || i.Seal is { State: not (SealState.Intact or SealState.NotNeeded) }) seal.Style.Font.FontColor = XLColor.Red;
            Text(ws.Cell(row++, 5), i.Seal?.Reason?.KeyId ?? "—");
        }
        foreach (var doc in set.Audits)
            foreach (var p in doc.Parameters)
            {
                Text(ws.Cell(row, 1), t["summary.parameter"]);
                Text(ws.Cell(row, 2), set.Several ? $"{doc.Checklist.Id}.{p.Name}" : p.Name);
                Text(ws.Cell(row++, 3), $"{p.Value}（{t.Origin(p.Origin)}）".Replace("（", t.IsChinese ? "（" : " (").Replace("）", t.IsChinese ? "）" : ")"));
            }
        Text(ws.Cell(row, 1), t["summary.tool"]);
        Text(ws.Cell(row, 2), $"iq {set.First.EngineVersion}");
        for (var r = 2; r <= row; r++)
        {
            ws.Row(r).Style.Alignment.WrapText = true;
            FitHeight(ws, r, 5);
        }
        ws.Range(1, 1, row, 5).SetAutoFilter();
    }
}
