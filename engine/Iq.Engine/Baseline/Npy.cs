using Iq.Rules.Messages;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Iq.Rules.Io;

namespace Iq.Engine.Baseline;

/// <summary>A NumPy array read from a .npy file: values as float, and the shape.</summary>
public sealed record NpyArray(float[] Data, int[] Shape);

/// <summary>A small, strict .npy reader (format versions 1–3, little-endian float32/float64/int64/int32/uint8/bool,
/// C order). Anything else is an error that names the file and what was wrong, never a guess.</summary>
public static partial class Npy
{
    public static NpyArray Read(string path)
    {
        if (InputFiles.Refusal(path, InputKind.Array) is { Code: Rules.Diagnostics.Codes.FileNotFound }) throw new BaselineInputException(Msg.EvFileNotFound.With(path));
        var bytes = InputFiles.ReadAllBytes(path, InputKind.Array);
        return Parse(bytes, path);
    }

    /// <summary>The array in <paramref name="bytes"/>; <paramref name="path"/> names it in errors.</summary>
    public static NpyArray Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new BaselineInputException(Msg.NpyNoMagic.With(path));
        var major = bytes[6];
        int headerLength, offset;
        switch (major)
        {
            case 1: headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); offset = 10; break;
            case 2 or 3 when bytes.Length >= 12:
                var declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
                headerLength = declared > int.MaxValue ? int.MaxValue : (int)declared;
                offset = 12;
                break;
            default: throw new BaselineInputException(Msg.NpyVersion.With(path, major));
        }
        if ((long)offset + headerLength > bytes.Length) throw new BaselineInputException(Msg.NpyHeaderPastEnd.With(path));
        var header = Encoding.Latin1.GetString(bytes, offset, headerLength);
        var descr = Field(header, "descr");
        var fortran = Field(header, "fortran_order");
        var shapeText = ShapeField().Match(header);
        if (descr is null || fortran is null || !shapeText.Success) throw new BaselineInputException(Msg.NpyMalformedHeader.With(path, header.Trim()));
        if (fortran != "False") throw new BaselineInputException(Msg.NpyFortran.With(path));
        var shape = shapeText.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new BaselineInputException(Msg.NpyBadShape.With(path, shapeText.Value)))
            .ToArray();
        // The shape is the header's claim: its product is checked against the data before anything is allocated.
        long count = 1;
        foreach (var n in shape)
            count = count == 0 || n <= (long.MaxValue / 8) / Math.Max(1, count) ? count * n
                : throw new BaselineInputException(Msg.NpyShapeTooLarge.With(path, shapeText.Groups[1].Value.Trim()));
        var (size, read) = descr switch
        {
            "<f4" => (4, (Func<byte[], int, float>)((b, i) => BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(i)))),
            "<f8" => (8, (b, i) => (float)BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(i))),
            "<i8" => (8, (b, i) => BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(i))),
            "<i4" => (4, (b, i) => BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(i))),
            "|u1" => (1, (b, i) => b[i]),
            "|b1" => (1, (b, i) => b[i] != 0 ? 1f : 0f),
            _ => throw new BaselineInputException(Msg.NpyDtype.With(path, descr)),
        };
        var start = offset + headerLength;
        if (bytes.Length - start != count * size)
            throw new BaselineInputException(Msg.NpyDataSize.With(path, bytes.Length - start, string.Join(", ", shape), descr, count * size));
        var data = new float[count];
        for (var i = 0; i < count; i++) data[i] = read(bytes, start + i * size);
        // A case that is not numbers is no input to measure a model with.
        var bad = Array.FindIndex(data, v => !float.IsFinite(v));
        if (bad >= 0) throw new BaselineInputException((float.IsNaN(data[bad]) ? Msg.NpyNaN : Msg.NpyInfinite).With(path, bad));
        return new NpyArray(data, shape);
    }

    static string? Field(string header, string key)
    {
        var m = Regex.Match(header, $@"'{key}'\s*:\s*(?:'(?<v>[^']*)'|(?<v>True|False))");
        return m.Success ? m.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeField();
}

/// <summary>An input the baseline runner cannot use: printed as an error, exit code 2.</summary>
public sealed class BaselineInputException(MessageText text) : Exception(text.ToString())
{
    /// <summary>The message in the reader's language (<see cref="Exception.Message"/> is its English).</summary>
    public MessageText Text { get; } = text;
}
