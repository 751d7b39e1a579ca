using System.Text;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;

namespace Iq.Rules.Syntax;

/// <summary>Reads checklist text: bounded in size, UTF-8 with or without BOM, CRLF or LF.
/// Binary and oversized files are refused with a positioned diagnostic before any parsing.</summary>
public static class SourceText
{
    /// <summary>The size limit of one checklist file (8 MiB unless <c>--max-input-size</c> says otherwise).</summary>
    public static long MaxBytes => InputLimits.For(InputKind.Checklist);

    /// <summary>The file's bytes, or null with a diagnostic when it is missing, not a regular file or too large.</summary>
    public static byte[]? ReadBytes(string path, string displayName, DiagnosticBag diagnostics)
    {
        try { return InputFiles.ReadAllBytes(path, InputKind.Checklist); }
        catch (InputFileException e) when (e.Code == Codes.FileTooLarge)
        {
            var size = FileFacts.Of(path).Size;
            diagnostics.Error(Msg.ChecklistTooLarge.With(size, MaxBytes, InputLimits.Option), SourceSpan.None(displayName));
        }
        catch (InputFileException e) when (e.Code == Codes.FileNotFound)
        {
            diagnostics.Error(Msg.FileNotFound.With(displayName), SourceSpan.None(displayName));
        }
        catch (InputFileException e) { diagnostics.Error(e.ToDiagnostic().Text, SourceSpan.None(displayName)); }
        catch (IOException e) { diagnostics.Error(Msg.CannotRead.With(displayName, LibraryError.Io(e)), SourceSpan.None(displayName)); }
        catch (UnauthorizedAccessException e) { diagnostics.Error(Msg.CannotRead.With(displayName, LibraryError.Io(e)), SourceSpan.None(displayName)); }
        return null;
    }

    public static string? Decode(byte[] bytes, string file, DiagnosticBag diagnostics)
    {
        if (bytes.Length > MaxBytes)
        {
            diagnostics.Error(Msg.ChecklistTooLarge.With(bytes.Length, MaxBytes, InputLimits.Option), SourceSpan.None(file));
            return null;
        }
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var bad = FirstInvalid(bytes, start);
        if (bad >= 0)
        {
            diagnostics.Error(Msg.NotText.With(bytes[bad].ToString("X2", System.Globalization.CultureInfo.InvariantCulture), bad), PositionOf(bytes, start, bad, file));
            return null;
        }
        var text = Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        return text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
    }

    // NUL and other C0 controls (bar tab and line breaks) mean binary even when the bytes decode.
    static int FirstInvalid(byte[] bytes, int start)
    {
        var decoder = new UTF8Encoding(false, true);
        for (var i = start; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b < 0x20 && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t') return i;
        }
        try { decoder.GetCharCount(bytes, start, bytes.Length - start); return -1; }
        catch (DecoderFallbackException e) { return start + Math.Max(0, e.Index); }
    }

    static SourceSpan PositionOf(byte[] bytes, int start, int offset, string file)
    {
        int line = 1, lineStart = start;
        for (var i = start; i < offset; i++)
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        var column = 1 + Encoding.UTF8.GetCharCount(bytes, lineStart, Math.Max(0, offset - lineStart));
        return new SourceSpan(file, line, column, offset);
    }
}
