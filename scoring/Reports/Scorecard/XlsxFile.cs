using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>Saves a workbook so that the same content gives the same bytes: fixed document properties (creator, times)
/// and zip entries written in order with a fixed time, as the results JSON is; the relationship ids and the name of the
/// core-properties part, which System.IO.Packaging makes from random GUIDs, replaced by numbered ones. The time is the
/// evaluation's when the report records one (<c>--timestamp</c>), else a fixed date.</summary>
static partial class XlsxFile
{
    [GeneratedRegex("Id=\"(R[0-9a-f]{16})\"")]
    private static partial Regex RandomRelationshipId();

    [GeneratedRegex("[0-9a-f]{32}\\.psmdcp")]
    private static partial Regex RandomPartName();

    static readonly DateTime Fixed = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Save(XLWorkbook wb, Stream stream, DateTimeOffset? at = null)
    {
        var when = at?.UtcDateTime ?? Fixed;
        wb.Properties.Created = when;
        wb.Properties.Modified = when;
        wb.Properties.Author = "iq";
        wb.Properties.LastModifiedBy = "iq";
        using var saved = new MemoryStream();
        wb.SaveAs(saved);
        saved.Position = 0;
        using var source = new ZipArchive(saved, ZipArchiveMode.Read);
        var parts = source.Entries.Select(e =>
        {
            using var from = e.Open();
            using var copy = new MemoryStream();
            from.CopyTo(copy);
            return (Name: e.FullName, Bytes: copy.ToArray());
        }).ToList();
        // Random ids, numbered in the order they appear; they are replaced wherever they are referred to.
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, bytes) in parts.Where(p => p.Name.EndsWith(".rels", StringComparison.Ordinal)))
            foreach (Match m in RandomRelationshipId().Matches(Encoding.UTF8.GetString(bytes)))
                renames.TryAdd(m.Groups[1].Value, $"Riq{renames.Count + 1}");
        string Rename(string text)
        {
            text = RandomPartName().Replace(text, "core.psmdcp");
            foreach (var (from, to) in renames) text = text.Replace(from, to, StringComparison.Ordinal);
            return text;
        }
        using var target = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in parts)
        {
            var copy = target.CreateEntry(Rename(name), CompressionLevel.Optimal);
            // Zip times have a two-second resolution and no zone: a fixed, valid one (1980 is the format's first year).
            copy.LastWriteTime = new DateTimeOffset(at is null ? new DateTime(1980, 1, 1, 0, 0, 0) : DateTime.SpecifyKind(when, DateTimeKind.Unspecified), TimeSpan.Zero);
            using var to = copy.Open();
            var isXml = name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".rels", StringComparison.Ordinal) || name.EndsWith(".psmdcp", StringComparison.Ordinal);
            to.Write(isXml ? Encoding.UTF8.GetBytes(Rename(Encoding.UTF8.GetString(bytes))) : bytes);
        }
    }

    /// <summary>The longest text a cell holds (Excel's limit).</summary>
    public const int MaxCellText = 32_767;

    /// <summary>Text cut to fit a cell, with a marker that says so and where the whole is.</summary>
    public static string Fit(string text)
    {
        if (text.Length <= MaxCellText) return text;
        var marker = $" …[cut: {text.Length} characters in all; see the results JSON]";
        var keep = MaxCellText - marker.Length;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + marker;
    }

    /// <summary>A valid, unused sheet name from user text: no []:*?/\, no apostrophe at either end, 1–31 characters,
    /// distinct (ignoring case) from every name in <paramref name="used"/>, which it joins.</summary>
    public static string SheetName(string wanted, HashSet<string> used, string fallback)
    {
        var name = wanted;
        foreach (var c in "[]:*?/\\") name = name.Replace(c, ' ');
        name = new string(name.Where(ch => !char.IsControl(ch)).ToArray()).Trim().Trim('\'').Trim();
        if (name.Length == 0 || name.Equals("History", StringComparison.OrdinalIgnoreCase)) name = fallback;
        if (name.Length > 31) name = name[..31].TrimEnd().TrimEnd('\'');
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = name[..Math.Min(name.Length, 31 - suffix.Length)].TrimEnd().TrimEnd('\'') + suffix;
        }
        return candidate;
    }
}
