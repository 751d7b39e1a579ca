using System.IO.Compression;
using System.Xml;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>Checks a workbook someone sent before the xlsx library sees it, with bounded work and memory: the zip must open,
/// hold a sane number of parts, inflate to no more than <see cref="MaxInflated"/> bytes in all (counted while inflating:
/// the sizes a zip declares can lie), and every XML part must parse with DTDs prohibited (no entity bombs), nest no deeper
/// than <see cref="MaxDepth"/> and hold no more than <see cref="MaxRows"/> rows. A review workbook is a few hundred rows.</summary>
public static partial class WorkbookGuard
{
    public const long MaxInflated = 256L * 1024 * 1024;
    public const int MaxEntries = 10_000;
    public const int MaxDepth = 128;
    public const int MaxRows = 50_000;

    /// <summary>Why a workbook may not be opened, and where: the cell's row and column when the problem is a cell's
    /// (1, 1 when it is the file's or a part's).</summary>
    public sealed record Problem(Rules.Messages.MessageText Text, int Row = 1, int Column = 1);

    /// <summary>Null when the workbook may be opened; else why not (the code says which: IQ1015 for a bomb, IQ4003 for a
    /// file that is not a workbook), naming the cell (<c>'Sheet'!A1</c>) or the part where the fault is one's.</summary>
    /// <summary>A cell that holds an error value (<c>t="e"</c>: #DIV/0!, #N/A, #VALUE!, #REF! …), which the xlsx library
    /// reads as an empty cell: its sheet (null when no sheet of the workbook is in its part), reference and value.</summary>
    public sealed record ErrorCell(string? Sheet, string Cell, int Row, int Column, string Value);

    public static Problem? Check(byte[] bytes, List<ErrorCell>? errorCells = null)
    {
        // The central directory is read lazily: a zip that lies about its entries throws on first use, not on opening.
        try { return Inspect(bytes, errorCells ?? []); }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookNotZip.Text));
        }
    }

    const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A cell reference as a sheet's XML writes it: column letters (A to XFD) and a row (1 to 1,048,576).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^([A-Za-z]{1,3})([1-9][0-9]{0,6})$")]
    private static partial System.Text.RegularExpressions.Regex CellReference();

    const int MaxRow = 1_048_576, MaxColumn = 16_384;

    static (int Row, int Column)? ParseReference(string reference)
    {
        var m = CellReference().Match(reference);
        if (!m.Success) return null;
        var column = 0;
        foreach (var ch in m.Groups[1].Value.ToUpperInvariant()) column = column * 26 + (ch - 'A' + 1);
        var row = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return row <= MaxRow && column <= MaxColumn ? (row, column) : null;
    }

    static Problem? Inspect(byte[] bytes, List<ErrorCell> errorCells)
    {
        var errors = new List<(string Part, string Cell, int Row, int Column, string Value)>();
        ZipArchive zip;
        try { zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read); }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookNotZip.Text));
        }
        int strings = -1, highest = -1;
        (string Part, string Cell, int Row, int Column) highestAt = ("", "", 1, 1);
        // Which part is which sheet: the workbook part's <sheet name r:id>, and its relationships' targets.
        var sheetIds = new List<(string Part, string Name, string Id)>();
        var targets = new Dictionary<(string Rels, string Id), string>();
        var problems = new List<Func<Func<string, string>, Problem>>();
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries) return new(Rules.Messages.Msg.WorkbookTooManyParts.With(MaxEntries));
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            var budget = new Budget();
            var rows = 0;
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = true };
            foreach (var entry in zip.Entries)
            {
                try
                {
                    using var stream = new CountingStream(entry.Open(), budget);
                    var name = entry.FullName;
                    var rels = name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
                    if (!(name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || rels))
                    {
                        stream.CopyTo(Stream.Null);
                        continue;
                    }
                    using var xml = XmlReader.Create(stream, settings);
                    var sharedStrings = name.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
                    if (sharedStrings) strings = 0;
                    var sharedCell = false;
                    var errorCell = false;
                    var inValue = false;
                    var worksheet = false;
                    var workbook = false;
                    var row = 0;
                    var column = 0;
                    var cell = "";
                    var cellAt = (Row: 1, Column: 1);
                    while (xml.Read())
                    {
                        if (xml.NodeType == XmlNodeType.Text && sharedCell && xml.Depth > 0)
                        {
                            // A cell that names a shared string: the index must exist (checked once every part is read).
                            if (!int.TryParse(xml.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                            {
                                var (v, c, r, col) = (xml.Value, cell, cellAt.Row, cellAt.Column);
                                problems.Add(sheet => new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookSharedStringNotIndex.With(sheet(name) + "!" + c, v)), r, col));
                                break;
                            }
                            if (index > highest) (highest, highestAt) = (index, (name, cell, cellAt.Row, cellAt.Column));
                            sharedCell = false;
                        }
                        if (xml.NodeType == XmlNodeType.Text && errorCell && inValue)
                        {
                            errors.Add((name, cell, cellAt.Row, cellAt.Column, xml.Value));
                            errorCell = false;
                        }
                        if (xml.NodeType != XmlNodeType.Element) continue;
                        inValue = xml.LocalName == "v";
                        if (xml.Depth > MaxDepth) return new(Rules.Messages.Msg.WorkbookTooDeep.With(name, MaxDepth));
                        if (xml.Depth == 0) (worksheet, workbook) = (xml.LocalName == "worksheet", xml.LocalName == "workbook");
                        if (xml.LocalName == "row" && ++rows > MaxRows) return new(Rules.Messages.Msg.WorkbookTooManyRows.With(MaxRows));
                        if (sharedStrings && xml.LocalName == "si") strings++;
                        if (rels && xml.LocalName == "Relationship" && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target)
                            targets.TryAdd((name, id), target);
                        if (workbook && xml.Depth == 2 && xml.LocalName == "sheet" && xml.GetAttribute("name") is { } sheetName && xml.GetAttribute("id", RelationshipsNs) is { } sheetId)
                            sheetIds.Add((name, sheetName, sheetId));
                        if (worksheet && xml.LocalName == "row")
                        {
                            // A row without r is the one after the last; one with r names its number (1 to 1,048,576).
                            var r = xml.GetAttribute("r");
                            column = 0;
                            if (r is null) row++;
                            else if (int.TryParse(r, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxRow) row = n;
                            else
                            {
                                var after = row;
                                problems.Add(sheet => new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookBadRow.With(sheet(name), after, r)), Math.Max(1, after)));
                                break;
                            }
                        }
                        if (worksheet && xml.LocalName == "c")
                        {
                            var r = xml.GetAttribute("r");
                            if (r is not null)
                            {
                                if (ParseReference(r) is not { } at)
                                {
                                    var inRow = row;
                                    problems.Add(sheet => new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookBadCellReference.With(sheet(name), inRow, r)), Math.Max(1, inRow)));
                                    break;
                                }
                                (cell, cellAt, column) = (r.ToUpperInvariant(), at, at.Column);
                            }
                            else
                            {
                                // A cell without r is the one after the last in its row.
                                column++;
                                cellAt = (Math.Max(1, row), column);
                                cell = ColumnName(column) + cellAt.Row.ToString(System.Globalization.CultureInfo.InvariantCulture);
                            }
                        }
                        if (xml.LocalName == "c") (sharedCell, errorCell) = (xml.GetAttribute("t") == "s", worksheet && xml.GetAttribute("t") == "e");
                        else if (xml.LocalName != "v") sharedCell = false;
                    }
                }
                catch (BudgetExceeded)
                {
                    return new(Rules.Messages.Msg.WorkbookInflates.With(MaxInflated));
                }
                catch (XmlException e)
                {
                    return new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.XmlInPart.With(entry.FullName, Rules.Messages.LibraryError.Xml(e))));
                }
                catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
                {
                    return new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookPartUnreadable.With(entry.FullName)));
                }
            }
            // The sheets the workbook lists, by the part that holds each: a cell is named 'Sheet'!A1, a part without a
            // sheet by its path.
            var partSheet = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (part, sheetName, id) in sheetIds)
            {
                var folder = part.Contains('/') ? part[..part.LastIndexOf('/')] : "";
                var relsPath = (folder.Length > 0 ? folder + "/" : "") + "_rels/" + part[(part.LastIndexOf('/') + 1)..] + ".rels";
                if (!targets.TryGetValue((relsPath, id), out var target)) continue;
                var resolved = Resolve(folder, target);
                if (!names.Contains(resolved))
                    return new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookSheetMissing.With(sheetName, resolved)));
                partSheet.TryAdd(resolved, sheetName);
            }
            string SheetOf(string part) => partSheet.TryGetValue(part, out var n) ? "'" + n.Replace("'", "''") + "'" : part;
            if (problems.Count > 0) return problems[0](SheetOf);
            errorCells.AddRange(errors.Select(e => new ErrorCell(partSheet.GetValueOrDefault(e.Part), e.Cell, e.Row, e.Column, e.Value)));
            if (highest >= 0 && highest >= Math.Max(0, strings))
                return new(Rules.Messages.Msg.NotAWorkbook.With(Rules.Messages.Msg.WorkbookSharedStringMissing.With(
                    SheetOf(highestAt.Part) + "!" + highestAt.Cell, highest, Math.Max(0, strings))), highestAt.Row, highestAt.Column);
        }
        return null;
    }

    static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }

    /// <summary>A relationship's target as a path in the zip: relative to the source part's folder, or absolute (/xl/…).</summary>
    static string Resolve(string folder, string target)
    {
        var parts = new List<string>();
        if (!target.StartsWith('/')) parts.AddRange(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (p != ".") parts.Add(p);
        }
        return string.Join('/', parts);
    }

    sealed class Budget { public long Used; }

    sealed class BudgetExceeded : Exception;

    /// <summary>Counts the bytes inflated, across all parts, and stops at the budget.</summary>
    sealed class CountingStream(Stream inner, Budget budget) : Iq.Rules.Io.ForwardOnlyStream(inner)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Inner.Read(buffer, offset, count);
            budget.Used += n;
            if (budget.Used > MaxInflated) throw new BudgetExceeded();
            return n;
        }
    }
}
