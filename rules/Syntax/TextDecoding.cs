using System.Text;
using Iq.Rules.Messages;

namespace Iq.Rules.Syntax;

/// <summary>A text file that cannot be decoded: the message names where (line and column, 1-based) and what to do, in
/// the reader's language (<see cref="Text"/>; <see cref="Exception.Message"/> is its English).</summary>
public sealed class TextDecodingException(MessageText text, int line, int column) : Exception(text.ToString())
{
    public MessageText Text { get; } = text;
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>How the text inputs users write (attestation and waiver CSV/YAML, logs, labels) are decoded. Chinese labs and
/// vendors write GB18030/GBK and UTF-16: a byte-order mark says which Unicode form a file is in; without one a file is
/// UTF-8 unless <c>--encoding</c> names another (gb18030, gbk, utf-16le, utf-16be, utf-8). Bytes that are not valid in the
/// encoding are refused with their line and column, never replaced by U+FFFD: a garbled name or date is a wrong verdict.</summary>
public static class TextDecoding
{
    public static readonly IReadOnlyList<string> Names = ["utf-8", "gb18030", "gbk", "utf-16le", "utf-16be"];

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding <c>--encoding</c> names (null: none named), or null with a problem in words.</summary>
    public static Encoding? Named(string? name, out MessageText? problem)
    {
        problem = null;
        if (name is null) return null;
        Encoding? e = name.Trim().ToLowerInvariant() switch
        {
            "utf-8" or "utf8" => new UTF8Encoding(false, true),
            // GBK text is GB18030 text: GB18030 is its superset, byte for byte.
            "gb18030" or "gbk" or "gb2312" or "cp936" => Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
            "utf-16le" or "utf-16" => new UnicodeEncoding(false, false, true),
            "utf-16be" => new UnicodeEncoding(true, false, true),
            _ => null,
        };
        if (e is null) problem = Msg.UnknownEncoding.With(name, Localized.OrList(Names));
        return e;
    }

    /// <summary>The encoding a file's first bytes announce (a BOM) and the BOM's length; null when there is none.</summary>
    public static (Encoding Encoding, int Length)? Bom(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(false, true), 3);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return (new UTF32Encoding(false, false, true), 4);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(false, false, true), 2);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(true, false, true), 2);
        if (start.StartsWith((ReadOnlySpan<byte>)[0x84, 0x31, 0x95, 0x33]))
            return (Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), 4);
        return null;
    }

    /// <summary>Decodes a whole file: its BOM's encoding, else <paramref name="named"/>, else strict UTF-8. A BOM that
    /// disagrees with the encoding named is refused too: one of them is wrong. <paramref name="encodingOption"/>: the
    /// command has <c>--encoding</c>, so a file that is not UTF-8 is answered with the hint to use it (never where the
    /// option does not exist).</summary>
    public static string Decode(byte[] bytes, Encoding? named, bool encodingOption)
    {
        var bom = Bom(bytes);
        if (bom is { } b && named is not null && b.Encoding.CodePage != named.CodePage)
            throw new TextDecodingException(Msg.DecodeBomMismatch.With(b.Encoding.WebName, named.WebName), 1, 1);
        var encoding = bom?.Encoding ?? named ?? new UTF8Encoding(false, true);
        var start = bom?.Length ?? 0;
        try { return encoding.GetString(bytes, start, bytes.Length - start); }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            var (line, column) = Position(bytes, start, offset, encoding);
            var hint = encoding is UTF8Encoding && encodingOption ? Msg.DecodeEncodingHint.Text : Localized.Empty;
            throw new TextDecodingException(
                Msg.DecodeInvalid.With(encoding.WebName, bytes[Math.Min(offset, bytes.Length - 1)].ToString("X2"), line, column, hint), line, column);
        }
    }

    /// <summary>Line and column (1-based, in characters) of a byte offset, counting the lines before it in the encoding.</summary>
    static (int Line, int Column) Position(byte[] bytes, int start, int offset, Encoding encoding)
    {
        var lenient = Encoding.GetEncoding(encoding.CodePage);
        var before = lenient.GetString(bytes, start, Math.Max(0, Math.Min(offset, bytes.Length) - start));
        var line = 1 + before.Count(c => c == '\n');
        var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    /// <summary>A stream of UTF-8 bytes from a stream in another encoding (a log in UTF-16 or GB18030), so that readers that
    /// split bytes on line feeds work on it unchanged. Undecodable bytes throw <see cref="TextDecodingException"/> with the
    /// line they are on.</summary>
    public static Stream ToUtf8(Stream source, Encoding encoding) => new Utf8Transcoder(source, encoding);

    sealed class Utf8Transcoder(Stream source, Encoding encoding) : Io.ForwardOnlyStream(source)
    {
        readonly Decoder _decoder = encoding.GetDecoder();
        readonly byte[] _in = new byte[1 << 16];
        readonly char[] _chars = new char[(1 << 16) + 8];
        byte[] _out = [];
        int _outPos;
        bool _done;
        int _line = 1;

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_outPos >= _out.Length)
            {
                if (_done) return 0;
                var n = Inner.Read(_in, 0, _in.Length);
                int chars;
                try { chars = _decoder.GetChars(_in, 0, n, _chars, 0, flush: n == 0); }
                catch (DecoderFallbackException)
                {
                    throw new TextDecodingException(Msg.DecodeInvalidLine.With(encoding.WebName, _line), _line, 1);
                }
                if (n == 0) _done = true;
                for (var i = 0; i < chars; i++) if (_chars[i] == '\n') _line++;
                _out = Encoding.UTF8.GetBytes(_chars, 0, chars);
                _outPos = 0;
            }
            var take = Math.Min(count, _out.Length - _outPos);
            Array.Copy(_out, _outPos, buffer, offset, take);
            _outPos += take;
            return take;
        }
    }
}
