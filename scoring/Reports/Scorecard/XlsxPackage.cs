using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>A PNG to place on a sheet, its top-left cell (1-based) and its size in pixels.</summary>
public sealed record XlsxPicture(string Sheet, int Row, int Column, byte[] Png, int WidthPx, int HeightPx, string Title);

/// <summary>Finishes a workbook ClosedXML wrote: adds the charts as pictures with the Open XML SDK (ClosedXML 0.95.4 reads
/// a picture's size through System.Drawing, which needs GDI+, absent on Linux), sets the document times to the
/// evaluation's (or none), and rewrites the zip with fixed entry times and order, so the same document gives the same
/// bytes.</summary>
static partial class XlsxPackage
{
    static readonly DateTimeOffset ZipTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    const long EmuPerPixel = 9525;

    public static void Finish(MemoryStream raw, IReadOnlyList<XlsxPicture> pictures, DateTimeOffset? created, Stream output)
    {
        raw.Position = 0;
        using (var doc = SpreadsheetDocument.Open(raw, true))
        {
            var k = 0;
            foreach (var picture in pictures) Add(doc, picture, ++k);
            // ClosedXML writes print titles as 'Sheet'!1:1, which LibreOffice does not repeat; Excel's own form is $1:$1.
            foreach (var name in doc.WorkbookPart!.Workbook.DefinedNames?.Elements<DefinedName>() ?? [])
                if (name.Name?.Value == "_xlnm.Print_Titles") name.Text = RowRange().Replace(name.Text, "!$$$1:$$$2");
            // One font size: ClosedXML keeps its built-in Calibri 11 as the Normal style's font (used by empty cells).
            if (doc.WorkbookPart.WorkbookStylesPart?.Stylesheet.Fonts?.Elements<Font>().FirstOrDefault() is { } normal)
            {
                normal.FontSize = new FontSize { Val = ScorecardWriter.FontSize };
                normal.FontName = new FontName { Val = ScorecardWriter.FontName };
            }
            doc.PackageProperties.Created = created?.UtcDateTime;
            doc.PackageProperties.Modified = created?.UtcDateTime;
            doc.PackageProperties.LastModifiedBy = null;
        }
        raw.Position = 0;
        using var input = new ZipArchive(raw, ZipArchiveMode.Read, leaveOpen: true);
        // System.IO.Packaging names the core-properties part with a GUID and gives package relationships random ids:
        // both are given fixed names here (the relationship ids of _rels/.rels are referenced nowhere else).
        var core = input.Entries.FirstOrDefault(e => e.FullName.StartsWith(CorePropertiesFolder, StringComparison.Ordinal))?.FullName;
        string Rename(string name) => name == core ? CorePropertiesFolder + "iq.psmdcp" : name;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var e in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => Rename(e.FullName), StringComparer.Ordinal))
        {
            var o = zip.CreateEntry(Rename(e.FullName), CompressionLevel.Optimal);
            o.LastWriteTime = ZipTime;
            using var from = e.Open();
            using var to = o.Open();
            if (e.FullName == "_rels/.rels")
            {
                var text = new StreamReader(from).ReadToEnd();
                if (core is not null) text = text.Replace("/" + core, "/" + Rename(core), StringComparison.Ordinal);
                var n = 0;
                text = RandomId().Replace(text, _ => $"Id=\"rIdIq{++n}\"");
                using var w = new StreamWriter(to, new System.Text.UTF8Encoding(true));
                w.Write(text);
            }
            else from.CopyTo(to);
        }
    }

    const string CorePropertiesFolder = "package/services/metadata/core-properties/";

    [System.Text.RegularExpressions.GeneratedRegex(@"!\$?(\d+):\$?(\d+)$")]
    private static partial System.Text.RegularExpressions.Regex RowRange();

    [System.Text.RegularExpressions.GeneratedRegex("Id=\"R[0-9a-f]{16}\"")]
    private static partial System.Text.RegularExpressions.Regex RandomId();

    static void Add(SpreadsheetDocument doc, XlsxPicture p, int k)
    {
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name?.Value == p.Sheet);
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!.Value!);
        var drawings = part.DrawingsPart;
        if (drawings is null)
        {
            drawings = part.AddNewPart<DrawingsPart>($"rIqDrawing{k}");
            drawings.WorksheetDrawing = new Xdr.WorksheetDrawing();
            var drawing = new Drawing { Id = part.GetIdOfPart(drawings) };
            // CT_Worksheet order: drawing comes before legacy drawings, pictures, OLE objects, tables and extensions.
            var after = part.Worksheet.ChildElements.FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or Picture or OleObjects
                or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
            if (after is not null) part.Worksheet.InsertBefore(drawing, after);
            else part.Worksheet.Append(drawing);
        }
        var image = drawings.AddImagePart(ImagePartType.Png, $"rIqImage{k}");
        using (var png = new MemoryStream(p.Png)) image.FeedData(png);
        long cx = p.WidthPx * EmuPerPixel, cy = p.HeightPx * EmuPerPixel;
        drawings.WorksheetDrawing!.Append(new Xdr.OneCellAnchor(
            new Xdr.FromMarker(new Xdr.ColumnId((p.Column - 1).ToString()), new Xdr.ColumnOffset("0"),
                new Xdr.RowId((p.Row - 1).ToString()), new Xdr.RowOffset("0")),
            new Xdr.Extent { Cx = cx, Cy = cy },
            new Xdr.Picture(
                new Xdr.NonVisualPictureProperties(
                    new Xdr.NonVisualDrawingProperties { Id = (uint)(k + 1), Name = $"Chart {k}", Description = p.Title },
                    new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                new Xdr.BlipFill(new A.Blip { Embed = drawings.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                new Xdr.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
            new Xdr.ClientData()));
    }
}
