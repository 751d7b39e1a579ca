using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Iq.Rules.Model;
using Iq.Scoring.Reports;

namespace Iq.Engine.Trust;

/// <summary>A seal: what iq wrote (file name, SHA-256, size), which iq and where (tool, host), when, and optionally the lab's
/// ECDSA P-256 signature over those (docs/trust.md).</summary>
public sealed record SealFile(string File, string Sha256, long Size, string Tool, string Host, DateTimeOffset SealedAt, SealSignature? Signature)
{
    /// <summary>For a report rendered from a results file: that file and what showed it was the one iq wrote, so that a seal
    /// on the report never vouches for more than its source did (<c>iq verify</c> says so).</summary>
    public RenderedFrom? From { get; init; }
}

/// <summary>What a report was rendered from, as its seal records it: the results file's name (null when the audit wrote
/// none), its SHA-256, and how it was checked: <c>sealed</c> (its seal held), <c>no_seal</c>, <c>archive</c> (an audit
/// archive's manifest), <c>sealed_archive</c> (the manifest of an archive whose own seal held), <c>not_written</c> (the
/// audit's own results, in memory).</summary>
public sealed record RenderedFrom(string? File, string Sha256, string Check)
{
    public static RenderedFrom Of(ReportSource source) => new(source.File, source.Sha256, source.Check switch
    {
        ReportSourceCheck.Sealed => "sealed",
        ReportSourceCheck.NoSeal => "no_seal",
        ReportSourceCheck.Archive => "archive",
        ReportSourceCheck.SealedArchive => "sealed_archive",
        _ => "not_written",
    });

    /// <summary>Whether the source was shown to be iq's own results (as <see cref="ReportSource.Verified"/>, and the audit's
    /// results in memory, which nothing outside iq touched). Not an archive's: its manifest is unsealed, so it shows no
    /// more than a results file without a seal.</summary>
    public bool Vouched => Check is "sealed" or "sealed_archive" or "not_written";
}

/// <summary>A seal's signature: DER (RFC 3279) ECDSA P-256 over SHA-256 of <see cref="Seals.Payload"/>, by the key whose
/// SubjectPublicKeyInfo hashes to <see cref="KeyId"/>.</summary>
public sealed record SealSignature(string Algorithm, string KeyId, byte[] Value);

/// <summary>What checking one document's seal found.</summary>
public sealed record SealCheck(SealState State, string Detail, SealFile? Seal)
{
    /// <summary>The finding as data, for reports to word in their language; <see cref="Detail"/> says it in English.</summary>
    public SealReason Reason { get; init; } = new(State switch
    {
        SealState.Missing => SealCause.NoSeal,
        SealState.NotNeeded => SealCause.NotNeeded,
        SealState.Broken => SealCause.Changed,
        SealState.Untrusted => SealCause.KeyNotTrusted,
        SealState.Intact => SealCause.HashOnly,
        _ => SealCause.Unreadable,
    }) { Problem = Detail };

    /// <summary>Whether the document may be taken at its word: an intact seal, or none needed.</summary>
    public bool Holds => State is SealState.Intact or SealState.NotNeeded;
}

/// <summary>Seals beside the files iq writes (<c>FILE.seal</c>): a document edited after iq wrote it no longer matches its
/// seal, and an audit takes its facts as declared. Without a signature a seal shows only that the file was not changed by
/// someone who did not also recompute the seal; signed with the lab's key and checked with <c>--trust-key</c>, it shows who
/// wrote it.</summary>
public static class Seals
{
    public const string Schema = "iq.seal/1";
    public const string Extension = ".seal";
    public const string Algorithm = "ecdsa-p256-sha256";
    const int MaxSealBytes = 64 * 1024;

    static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathOf(string file) => file + Extension;

    /// <summary>Seals <paramref name="file"/>, whose bytes are <paramref name="content"/> (as just written).</summary>
    public static SealFile Write(string file, ReadOnlySpan<byte> content, SigningKey? key, DateTimeOffset? at = null)
    {
        var seal = Make(file, content, key, at);
        AtomicFile.Write(PathOf(file), s => s.Write(Serialize(seal)));
        return seal;
    }

    /// <summary>The bytes of the seal of <paramref name="file"/>, whose content will be <paramref name="content"/>: for a
    /// run that writes its files all or none (<see cref="Rules.Io.Outputs"/>), the seal among them.</summary>
    public static byte[] Bytes(string file, ReadOnlySpan<byte> content, SigningKey? key, DateTimeOffset? at = null) =>
        Serialize(Make(file, content, key, at));

    /// <summary>The seal of a report rendered from <paramref name="from"/>: the source goes into the seal and its signature.</summary>
    public static byte[] Bytes(string file, ReadOnlySpan<byte> content, SigningKey? key, RenderedFrom? from) =>
        Serialize(Make(file, SHA256.HashData(content), content.Length, key, null, from));

    /// <summary>The same, from the content's SHA-256 and length (content written as a stream, never held whole).</summary>
    public static byte[] Bytes(string file, byte[] sha256, long length, SigningKey? key) => Serialize(Make(file, sha256, length, key, null));

    static SealFile Make(string file, ReadOnlySpan<byte> content, SigningKey? key, DateTimeOffset? at) =>
        Make(file, SHA256.HashData(content), content.Length, key, at);

    static SealFile Make(string file, byte[] sha256, long length, SigningKey? key, DateTimeOffset? at, RenderedFrom? from = null)
    {
        var seal = new SealFile(Path.GetFileName(file), Convert.ToHexStringLower(sha256), length,
            Tool.Name, HostName.Current, Truncate(at ?? DateTimeOffset.UtcNow), null) { From = from };
        if (key is not null) seal = seal with { Signature = new SealSignature(Algorithm, key.KeyId, key.Sign(Payload(seal))) };
        return seal;
    }

    /// <summary>Seals a file already written (<c>iq seal</c>), read as every input is (a FIFO or a device is refused unopened).</summary>
    public static SealFile Write(string file, SigningKey? key) => Write(file, Rules.Io.InputFiles.ReadAllBytes(file, Rules.Io.InputKind.Archive), key);

    static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>The bytes a signature covers: one line per field, <c>NAME=VALUE</c>, in this order, each ending in a line
    /// feed — so that <c>printf</c> and <c>openssl dgst -sha256 -verify</c> can check a seal without iq.</summary>
    public static byte[] Payload(SealFile s) => Encoding.UTF8.GetBytes(
        $"{Schema}\nfile={s.File}\nsha256={s.Sha256}\nsize={s.Size.ToString(CultureInfo.InvariantCulture)}\n" +
        $"tool={s.Tool}\nhost={s.Host}\nsealed_at={Time(s.SealedAt)}\n" +
        (s.From is { } f ? $"rendered_from={f.File ?? ""}\nrendered_from_sha256={f.Sha256}\nrendered_from_check={f.Check}\n" : ""));

    static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    static byte[] Serialize(SealFile s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WriteString("seal", Schema);
            w.WriteString("file", s.File);
            w.WriteString("sha256", s.Sha256);
            w.WriteNumber("size", s.Size);
            w.WriteString("tool", s.Tool);
            w.WriteString("host", s.Host);
            w.WriteString("sealed_at", Time(s.SealedAt));
            if (s.From is { } from)
            {
                w.WriteStartObject("rendered_from");
                if (from.File is null) w.WriteNull("file");
                else w.WriteString("file", from.File);
                w.WriteString("sha256", from.Sha256);
                w.WriteString("check", from.Check);
                w.WriteEndObject();
            }
            if (s.Signature is { } sig)
            {
                w.WriteStartObject("signature");
                w.WriteString("algorithm", sig.Algorithm);
                w.WriteString("key_id", sig.KeyId);
                w.WriteString("value", Convert.ToBase64String(sig.Value));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a seal file; null with the reason when it is not one. Read as every input is: a FIFO or a device
    /// given as a seal is refused, not opened to block.</summary>
    public static SealFile? Read(string sealPath, out string? problem)
    {
        problem = null;
        byte[] bytes;
        try { bytes = Rules.Io.InputFiles.ReadAllBytes(sealPath, Rules.Io.InputKind.Seal); }
        catch (Rules.Io.InputFileException e) { problem = e.Reason; return null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { problem = $"cannot read it: {e.Message}"; return null; }
        return Parse(bytes, out problem);
    }

    /// <summary>A seal from its bytes; null with the reason when it is not one.</summary>
    public static SealFile? Parse(byte[] bytes, out string? problem)
    {
        problem = null;
        if (Rules.Io.JsonInput.Text(bytes, "seal", out var notText) is not { } text) { problem = notText!.Message; return null; }
        bytes = text;
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object || Str(r, "seal") != Schema) { problem = $"not an {Schema} seal (at $.seal)"; return null; }
            string Need(string name) => Str(r, name) is { } v && !v.Any(char.IsControl) ? v
                : throw new FormatException($"no {name} (at $.{name})");
            var sha = Need("sha256");
            if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)) throw new FormatException("sha256 is not 64 lower-case hex digits (at $.sha256)");
            if (!r.TryGetProperty("size", out var size) || !size.TryGetInt64(out var n) || n < 0) throw new FormatException("no size (at $.size)");
            if (!DateTimeOffset.TryParse(Need("sealed_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw new FormatException("sealed_at is not a time (at $.sealed_at)");
            SealSignature? signature = null;
            if (r.TryGetProperty("signature", out var sig))
            {
                if (sig.ValueKind != JsonValueKind.Object) throw new FormatException("signature is not an object (at $.signature)");
                var algorithm = Str(sig, "algorithm");
                if (algorithm != Algorithm) throw new FormatException($"signature algorithm '{algorithm}' is not {Algorithm} (at $.signature.algorithm)");
                var keyId = Str(sig, "key_id") ?? throw new FormatException("no key_id (at $.signature.key_id)");
                // A key id is the SHA-256 of the key's SubjectPublicKeyInfo (Keys.IdOf); anything else names no key, and
                // the messages that show its first 16 digits must not meet a shorter one.
                if (keyId.Length != 64 || !keyId.All(char.IsAsciiHexDigitLower))
                    throw new FormatException("key_id is not 64 lower-case hex digits (at $.signature.key_id)");
                byte[] value;
                try { value = Convert.FromBase64String(Str(sig, "value") ?? ""); }
                catch (FormatException) { throw new FormatException("signature value is not base64 (at $.signature.value)"); }
                signature = new SealSignature(algorithm, keyId, value);
            }
            RenderedFrom? from = null;
            if (r.TryGetProperty("rendered_from", out var rf))
            {
                if (rf.ValueKind != JsonValueKind.Object) throw new FormatException("rendered_from is not an object (at $.rendered_from)");
                var fromFile = rf.TryGetProperty("file", out var ff) && ff.ValueKind == JsonValueKind.Null ? null
                    : Str(rf, "file") is { } fn && !fn.Any(char.IsControl) ? fn : throw new FormatException("no file (at $.rendered_from.file)");
                var fromSha = Str(rf, "sha256");
                if (fromSha is not { Length: 64 } || !fromSha.All(char.IsAsciiHexDigitLower))
                    throw new FormatException("sha256 is not 64 lower-case hex digits (at $.rendered_from.sha256)");
                var check = Str(rf, "check");
                if (check is not ("sealed" or "no_seal" or "archive" or "sealed_archive" or "not_written"))
                    throw new FormatException("check is not sealed, no_seal, archive, sealed_archive or not_written (at $.rendered_from.check)");
                from = new RenderedFrom(fromFile, fromSha, check);
            }
            return new SealFile(Need("file"), sha, n, Need("tool"), Need("host"), at, signature) { From = from };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // A member named twice among them, with its line and column.
            problem = e is JsonException j && Rules.Io.JsonInput.Malformed(j, "seal", bytes) is var d
                ? $"{d.Message.Replace("Malformed JSON", "malformed JSON")} (line {d.Span.Line}, column {d.Span.Column})" : e.Message;
            return null;
        }

        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>Checks the seal beside <paramref name="file"/> against the SHA-256 of the bytes that were read
    /// (<paramref name="sha256"/>): the check and the use rest on the same bytes. <paramref name="needed"/>: the document
    /// claims more than declared facts, so a missing seal matters. With <paramref name="trusted"/> keys, a seal must be
    /// signed by one of them.</summary>
    /// <param name="pending">The seal's bytes when it is not on disk yet (a document this run measured and writes with
    /// its other outputs).</param>
    public static SealCheck Check(string file, string sha256, bool needed, IReadOnlyList<TrustedKey> trusted, byte[]? pending = null)
    {
        var sealPath = PathOf(file);
        if (pending is null && !File.Exists(sealPath) && Rules.Io.FileFacts.Of(sealPath, followLinks: false).Kind == Rules.Io.FileKind.Missing)
            return needed ? new SealCheck(SealState.Missing, $"no {Path.GetFileName(sealPath)} beside it", null) { Reason = new(SealCause.NoSeal) { Problem = Path.GetFileName(sealPath) } }
                : new SealCheck(SealState.NotNeeded, "declared facts, not sealed", null) { Reason = new(SealCause.NotNeeded) };
        if ((pending is null ? Read(sealPath, out var problem) : Parse(pending, out problem)) is not { } seal)
            return new SealCheck(SealState.Malformed, $"{Path.GetFileName(sealPath)}: {problem}", null) { Reason = new(SealCause.Unreadable) { Problem = $"{Path.GetFileName(sealPath)}: {problem}" } };
        var name = Path.GetFileName(file);
        if (seal.File != name)
            return new SealCheck(SealState.Malformed, $"{Path.GetFileName(sealPath)} seals '{seal.File}', not '{name}'", seal)
                { Reason = By(SealCause.Unreadable) with { Problem = $"{Path.GetFileName(sealPath)} → {seal.File}" } };
        var by = $"sealed by {seal.Tool} on {seal.Host} at {Time(seal.SealedAt)}";
        if (seal.Sha256 != sha256)
            return new SealCheck(SealState.Broken, $"changed after it was sealed: SHA-256 {sha256[..12]}…, the seal says {seal.Sha256[..12]}… ({by})", seal)
                { Reason = By(SealCause.Changed) with { Sha256 = sha256, SealedSha256 = seal.Sha256 } };
        if (trusted.Count == 0)
            return new SealCheck(SealState.Intact, seal.Signature is { } s ? $"{by}, signed by key {s.KeyId[..16]}… (not checked: no --trust-key)" : by, seal)
                { Reason = By(seal.Signature is null ? SealCause.HashOnly : SealCause.SignatureNotChecked) };
        if (seal.Signature is not { } signature)
            return new SealCheck(SealState.Untrusted, $"{by} but not signed, and trusted keys were given", seal) { Reason = By(SealCause.Unsigned) };
        if (trusted.FirstOrDefault(k => k.KeyId == signature.KeyId) is not { } key)
            return new SealCheck(SealState.Untrusted, $"{by}, signed by key {signature.KeyId[..16]}…, which is not a trusted key", seal)
                { Reason = By(SealCause.KeyNotTrusted) };
        if (!key.Verifies(Payload(seal), signature.Value))
            return new SealCheck(SealState.Broken, $"the seal's signature does not verify with {key.Source} (the seal was altered)", seal)
                { Reason = By(SealCause.SignatureInvalid) with { Key = key.Source } };
        return new SealCheck(SealState.Intact, $"{by}, signature verified with {key.Source}", seal) { Reason = By(SealCause.SignatureVerified) with { Key = key.Source } };

        SealReason By(SealCause cause) => new(cause)
            { Tool = seal.Tool, Host = seal.Host, SealedAt = Time(seal.SealedAt), KeyId = seal.Signature?.KeyId };
    }
}

/// <summary>This tool as seals and documents name it.</summary>
public static class Tool
{
    public static string Name => $"iq {AuditReport.CurrentEngineVersion}";
}
