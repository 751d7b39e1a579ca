using System.IO.Compression;
using System.Security.Cryptography;
using Iq.Rules.Io;
using Iq.Rules.Messages;

namespace Iq.Engine.Scans;

/// <summary>A scanner's report file opened for reading: plain or gzip (told by its first bytes, not its name), hashed as
/// given, and bounded: a file or its decompressed content larger than <see cref="MaxBytes"/> is refused (a gzip bomb
/// stops there instead of filling memory or disk). Opened as every input is (<see cref="InputFiles"/>): only a regular file,
/// so a FIFO or a device given as a report is refused (<see cref="InputFileException"/>) before anything blocks.</summary>
public static class ScanInput
{
    public const long MaxBytes = 512L * 1024 * 1024;

    public sealed class TooLargeException(MessageText text) : Exception(text.ToString())
    {
        public MessageText Text { get; } = text;
    }

    public static bool IsGzip(string file)
    {
        using var s = InputFiles.OpenRead(file, InputKind.Scan);
        Span<byte> magic = stackalloc byte[2];
        return s.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>The content as a stream (decompressed if gzip), never yielding more than <see cref="MaxBytes"/>.</summary>
    public static Stream Open(string file)
    {
        var raw = InputFiles.OpenRead(file, InputKind.Scan);
        if (raw.Length > MaxBytes)
        {
            raw.Dispose();
            throw new TooLargeException(Msg.ScanTooLarge.With(MaxBytes / 1024 / 1024));
        }
        var gzip = raw.Length >= 2 && IsGzip(file);
        Stream content = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        return new Bounded(content, gzip ? Msg.ScanGzipBomb.With(MaxBytes / 1024 / 1024) : Msg.ScanTooLarge.With(MaxBytes / 1024 / 1024));
    }

    public static string Sha256(string file)
    {
        using var s = InputFiles.OpenRead(file, InputKind.Scan);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    sealed class Bounded(Stream inner, MessageText message) : ForwardOnlyStream(inner)
    {
        long _read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Inner.Read(buffer, offset, count);
            _read += n;
            if (_read > MaxBytes) throw new TooLargeException(message);
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            _read += n;
            if (_read > MaxBytes) throw new TooLargeException(message);
            return n;
        }

        /// <summary>How many bytes have passed.</summary>
        public override long Position { get => _read; set => throw new NotSupportedException(); }
    }
}
