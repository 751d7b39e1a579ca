using System.Security.Cryptography;

namespace Iq.Engine.Evidence.Integrity;

/// <summary>A hash algorithm a manifest may name. Strong ones (SHA-2, SHA-3) verify a file; weak ones (SHA-1, MD5) are
/// checked and shown, a mismatch counts, but a match alone never verifies a file: collisions can be made for both.</summary>
public sealed record HashAlgorithm(string Name, bool Strong, Func<IncrementalHash?> Create)
{
    public static readonly HashAlgorithm Sha256 = new("SHA-256", true, () => IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
    public static readonly HashAlgorithm Sha384 = new("SHA-384", true, () => IncrementalHash.CreateHash(HashAlgorithmName.SHA384));
    public static readonly HashAlgorithm Sha512 = new("SHA-512", true, () => IncrementalHash.CreateHash(HashAlgorithmName.SHA512));
    public static readonly HashAlgorithm Sha3_256 = new("SHA3-256", true, () => SHA3_256.IsSupported ? IncrementalHash.CreateHash(HashAlgorithmName.SHA3_256) : null);
    public static readonly HashAlgorithm Sha3_384 = new("SHA3-384", true, () => SHA3_384.IsSupported ? IncrementalHash.CreateHash(HashAlgorithmName.SHA3_384) : null);
    public static readonly HashAlgorithm Sha3_512 = new("SHA3-512", true, () => SHA3_512.IsSupported ? IncrementalHash.CreateHash(HashAlgorithmName.SHA3_512) : null);
    public static readonly HashAlgorithm Sha1 = new("SHA-1", false, () => IncrementalHash.CreateHash(HashAlgorithmName.SHA1));
    public static readonly HashAlgorithm Md5 = new("MD5", false, () => IncrementalHash.CreateHash(HashAlgorithmName.MD5));

    /// <summary>An algorithm by the name CycloneDX (<c>SHA-256</c>) or SPDX (<c>SHA256</c>) gives it; null for one
    /// this engine cannot compute (BLAKE2b, BLAKE3, …), which then verifies nothing.</summary>
    public static HashAlgorithm? Named(string name) => name.Replace("-", "").Replace("_", "").ToUpperInvariant() switch
    {
        "SHA256" => Sha256, "SHA384" => Sha384, "SHA512" => Sha512,
        "SHA3256" => Sha3_256, "SHA3384" => Sha3_384, "SHA3512" => Sha3_512,
        "SHA1" => Sha1, "MD5" => Md5,
        _ => null,
    };
}

/// <summary>One hash a manifest gives for one file: the path as written (relative to the installation root), the
/// algorithm as named, the expected value, and where in the manifest it is (JSON path or line), for messages.</summary>
public sealed record FileDigest(string Path, string Algorithm, string Expected, string Where);
