using System.IO.Compression;
using System.Xml;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>Checks a workbook someone sent before the xlsx library sees it, with bounded work and memory: the zip must open,
/// hold a sane number of parts, inflate to no more than <see cref="MaxInflated"/> bytes in all (counted while inflating:
/// the sizes a zip declares can lie), and every XML part must parse with DTDs prohibited (no entity bombs), nest no deeper
/// than <see cref="MaxDepth"/> and hold no more than <see cref="MaxRows"/> rows. A review workbook is a few hundred rows.</summary>
public static class WorkbookGuard
{
    public const long MaxInflated = 256L * 1024 * 1024;
    public const int MaxEntries = 10_000;
    public const int MaxDepth = 128;
    public const int MaxRows = 50_000;

    /// <summary>Null when the workbook may be opened; else why not (the code says which: IQ1015 for a bomb, IQ4003 for a
    /// file that is not a workbook).</summary>
    public static Rules.Messages.MessageText? Check(byte[] bytes)
    {
        // The central directory is read lazily: a zip that lies about its entries throws on first use, not on opening.
        try { return Inspect(bytes); }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return Rules.Messages.Msg.NotAWorkbook.With(e.Message);
        }
    }

    static Rules.Messages.MessageText? Inspect(byte[] bytes)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read); }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return Rules.Messages.Msg.NotAWorkbook.With(e.Message);
        }
        int strings = -1, highest = -1;
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries) return Rules.Messages.Msg.WorkbookTooManyParts.With(MaxEntries);
            var budget = new Budget();
            var rows = 0;
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = true };
            foreach (var entry in zip.Entries)
            {
                try
                {
                    using var stream = new CountingStream(entry.Open(), budget);
                    var name = entry.FullName;
                    if (!(name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
                    {
                        stream.CopyTo(Stream.Null);
                        continue;
                    }
                    using var xml = XmlReader.Create(stream, settings);
                    var sharedStrings = name.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
                    if (sharedStrings) strings = 0;
                    var sharedCell = false;
                    while (xml.Read())
                    {
                        if (xml.NodeType == XmlNodeType.Text && sharedCell && xml.Depth > 0)
                        {
                            // A cell that names a shared string: the index must exist (checked once every part is read).
                            if (!int.TryParse(xml.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                                return Rules.Messages.Msg.NotAWorkbook.With($"part {name}: a shared-string cell holds '{xml.Value}'");
                            highest = Math.Max(highest, index);
                            sharedCell = false;
                        }
                        if (xml.NodeType != XmlNodeType.Element) continue;
                        if (xml.Depth > MaxDepth) return Rules.Messages.Msg.WorkbookTooDeep.With(name, MaxDepth);
                        if (xml.LocalName == "row" && ++rows > MaxRows) return Rules.Messages.Msg.WorkbookTooManyRows.With(MaxRows);
                        if (sharedStrings && xml.LocalName == "si") strings++;
                        if (xml.LocalName == "c") sharedCell = xml.GetAttribute("t") == "s";
                        else if (xml.LocalName != "v") sharedCell = false;
                    }
                }
                catch (BudgetExceeded)
                {
                    return Rules.Messages.Msg.WorkbookInflates.With(MaxInflated);
                }
                catch (XmlException e)
                {
                    return Rules.Messages.Msg.NotAWorkbook.With($"part {entry.FullName}: {(e.Message.Contains("DTD", StringComparison.Ordinal) ? "declares a DTD, which is not accepted" : e.Message.Split(" Line ")[0])}");
                }
                catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
                {
                    return Rules.Messages.Msg.NotAWorkbook.With($"part {entry.FullName}: {e.Message}");
                }
            }
        }
        if (highest >= 0 && highest >= Math.Max(0, strings))
            return Rules.Messages.Msg.NotAWorkbook.With($"a cell names shared string {highest}, but the workbook has {Math.Max(0, strings)}");
        return null;
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
