using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Iq.Tests;

/// <summary>Reads an xlsx with the Open XML SDK itself, independently of ClosedXML's object model.</summary>
sealed class XlsxReader : IDisposable
{
    readonly SpreadsheetDocument _doc;
    readonly string[] _shared;

    public XlsxReader(string path)
    {
        _doc = SpreadsheetDocument.Open(path, false);
        _shared = _doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
    }

    public IReadOnlyList<string> SheetNames => _doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public Worksheet Sheet(string name)
    {
        var sheet = _doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)_doc.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    public IEnumerable<Cell> Cells(string sheet) => Sheet(sheet).Descendants<Cell>();

    /// <summary>The charts drawn on a sheet, in the order of their anchors.</summary>
    public IReadOnlyList<DocumentFormat.OpenXml.Drawing.Charts.ChartSpace> Charts(string name)
    {
        var sheet = _doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)_doc.WorkbookPart.GetPartById(sheet.Id!);
        if (part.DrawingsPart is not { } drawings) return [];
        return drawings.WorksheetDrawing.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>()
            .Select(r => ((ChartPart)drawings.GetPartById(r.Id!)).ChartSpace).ToList();
    }

    /// <summary>The value of a cell by reference (<c>B3</c>); null when the cell is absent or empty.</summary>
    public string? Value(string sheet, string reference) =>
        Cells(sheet).FirstOrDefault(c => c.CellReference == reference) is { } c && Text(c) is { Length: > 0 } v ? v : null;

    /// <summary>Rows as text, by column letter index; strings resolved from the shared string table.</summary>
    public List<string[]> Rows(string sheet)
    {
        var rows = new List<string[]>();
        foreach (var row in Sheet(sheet).Descendants<Row>())
        {
            var cells = row.Elements<Cell>().ToList();
            var width = cells.Count == 0 ? 0 : cells.Max(c => Column(c.CellReference!)) + 1;
            var values = new string[width];
            foreach (var c in cells) values[Column(c.CellReference!)] = Text(c);
            while (rows.Count < row.RowIndex!.Value - 1) rows.Add([]);
            rows.Add(values);
        }
        return rows;
    }

    public string Text(Cell c)
    {
        var v = c.CellValue?.Text ?? c.InlineString?.InnerText ?? "";
        return c.DataType?.Value == CellValues.SharedString && v.Length > 0 ? _shared[int.Parse(v)] : v;
    }

    static int Column(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }

    public void Dispose() => _doc.Dispose();
}
