using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Iq.Engine.Trust;

/// <summary>A key file that cannot be used, with the reason in words (the CLI prints it and exits 2).</summary>
public sealed class KeyFileException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}

/// <summary>The lab's ECDSA P-256 signing key, read from a PEM file: PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>, what
/// <c>openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256</c> writes), SEC 1 (<c>BEGIN EC PRIVATE KEY</c>, from
/// <c>openssl ecparam -genkey</c>), or encrypted PKCS#8 (<c>BEGIN ENCRYPTED PRIVATE KEY</c>) with its passphrase in
/// <see cref="PassphraseVariable"/>. Another curve or algorithm is refused: one algorithm keeps verification simple.</summary>
public sealed class SigningKey : IDisposable
{
    public const string PassphraseVariable = "IQ_SIGN_KEY_PASSPHRASE";

    /// <summary>The environment variable naming the key file when <c>--sign-key</c> is not given.</summary>
    public const string KeyVariable = "IQ_SIGN_KEY";

    SigningKey(ECDsa key)
    {
        Key = key;
        KeyId = Keys.IdOf(key);
    }

    internal ECDsa Key { get; }

    /// <summary>SHA-256 of the public key's SubjectPublicKeyInfo (DER), hex: what <c>openssl pkey -pubout -outform DER |
    /// sha256sum</c> prints.</summary>
    public string KeyId { get; }

    public static SigningKey Load(string path)
    {
        var text = Keys.ReadPem(path);
        Keys.RequireOneBlock(text, path, "private key");
        var key = ECDsa.Create();
        try
        {
            if (text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
            {
                var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable);
                if (string.IsNullOrEmpty(passphrase))
                    throw new KeyFileException(path, $"the key is encrypted: set {PassphraseVariable} to its passphrase");
                try { key.ImportFromEncryptedPem(text, passphrase); }
                catch (CryptographicException) { throw new KeyFileException(path, $"cannot decrypt the key with {PassphraseVariable} (wrong passphrase, or not an EC key)"); }
            }
            else if (text.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal) || text.Contains("-----BEGIN EC PRIVATE KEY-----", StringComparison.Ordinal))
            {
                try { key.ImportFromPem(text); }
                catch (Exception e) when (e is CryptographicException or ArgumentException)
                {
                    throw new KeyFileException(path, "not an EC private key (make one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out lab.key)");
                }
            }
            else if (text.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal) || text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                throw new KeyFileException(path, "a public key or certificate cannot sign: give the private key (--trust-key takes the public one)");
            else
                throw new KeyFileException(path, "not a PEM private key: expected -----BEGIN PRIVATE KEY----- (PKCS#8), EC PRIVATE KEY or ENCRYPTED PRIVATE KEY");
            Keys.RequireP256(key, path);
            return new SigningKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The key <c>--sign-key</c> names, else the one <see cref="KeyVariable"/> names, else none.</summary>
    public static SigningKey? FromOptionOrEnvironment(string? option) =>
        (option ?? Environment.GetEnvironmentVariable(KeyVariable)) is { Length: > 0 } path ? Load(path) : null;

    internal byte[] Sign(byte[] payload) => Key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => Key.Dispose();
}

/// <summary>A public key the lab trusts (<c>--trust-key</c>): a PEM SubjectPublicKeyInfo (<c>BEGIN PUBLIC KEY</c>, what
/// <c>openssl pkey -pubout</c> writes) or an X.509 certificate holding one.</summary>
public sealed class TrustedKey
{
    TrustedKey(ECDsa key, string source)
    {
        Key = key;
        KeyId = Keys.IdOf(key);
        Source = source;
    }

    internal ECDsa Key { get; }
    public string KeyId { get; }
    public string Source { get; }

    public static TrustedKey Load(string path)
    {
        var text = Keys.ReadPem(path);
        Keys.RequireOneBlock(text, path, "public key or certificate");
        ECDsa? key = null;
        try
        {
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var cert = X509Certificate2.CreateFromPem(text);
                key = cert.GetECDsaPublicKey() ?? throw new KeyFileException(path, "the certificate holds no EC public key");
            }
            else if (text.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
            {
                key = ECDsa.Create();
                key.ImportFromPem(text);
            }
            else if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                throw new KeyFileException(path, "a private key: give the public one (openssl pkey -in lab.key -pubout -out lab.pub)");
            else throw new KeyFileException(path, "not a PEM public key: expected -----BEGIN PUBLIC KEY----- or a certificate");
            Keys.RequireP256(key, path);
            return new TrustedKey(key, path);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key?.Dispose();
            throw new KeyFileException(path, "not an EC public key (openssl pkey -in lab.key -pubout -out lab.pub)");
        }
        catch
        {
            key?.Dispose();
            throw;
        }
    }

    internal bool Verifies(byte[] payload, byte[] signature) =>
        Key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
}

static class Keys
{
    /// <summary>A key file holds one PEM block: of several, the importer takes one silently or fails with "not an EC key",
    /// neither of which tells the lab which key would sign (or be trusted).</summary>
    internal static void RequireOneBlock(string text, string path, string what)
    {
        var blocks = 0;
        for (var at = text.IndexOf("-----BEGIN ", StringComparison.Ordinal); at >= 0; at = text.IndexOf("-----BEGIN ", at + 11, StringComparison.Ordinal))
            blocks++;
        if (blocks > 1)
            throw new KeyFileException(path, $"holds {blocks} PEM blocks (-----BEGIN …): give a file with one {what} alone");
    }

    const int MaxKeyFileBytes = 64 * 1024;

    public static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    public static string ReadPem(string path)
    {
        // Read as every input is: a FIFO or a device (/dev/stdin, a process substitution) is refused unopened, never waited on.
        if (Directory.Exists(path)) throw new KeyFileException(path, "a folder, not a key file");
        if (Rules.Io.InputFiles.Refusal(path, Rules.Io.InputKind.Seal) is { } refused)
            throw new KeyFileException(path, refused.Code == Rules.Diagnostics.Codes.FileNotFound ? "key file not found"
                : refused.Code == Rules.Diagnostics.Codes.FileTooLarge ? $"too large for a key file ({refused.Reason})" : refused.Reason);
        byte[] bytes;
        try { bytes = Rules.Io.InputFiles.ReadAllBytes(path, Rules.Io.InputKind.Seal); }
        catch (Rules.Io.InputFileException e) { throw new KeyFileException(path, e.Reason); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new KeyFileException(path, $"cannot read: {e.Message}"); }
        if (bytes.Length > MaxKeyFileBytes) throw new KeyFileException(path, $"too large for a key file ({bytes.Length} bytes)");
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    public static void RequireP256(ECDsa key, string path)
    {
        var curve = key.ExportParameters(false).Curve;
        if (curve.Oid?.Value != "1.2.840.10045.3.1.7")
            throw new KeyFileException(path, $"the key is on curve {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "(explicit)"}; iq signs with ECDSA P-256 (prime256v1) only");
    }
}
