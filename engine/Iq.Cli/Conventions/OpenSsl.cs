using System.Runtime.InteropServices;
using Iq.Rules.Messages;

namespace Iq.Cli.Conventions;

/// <summary>On Linux .NET's cryptography (SHA-256 of every input, seals, TLS) needs OpenSSL's libssl, loaded on first
/// use; when none loads, the runtime prints "No usable version of libssl was found" and aborts (exit 134, no message of
/// ours). iq looks first, the way the runtime does (dotnet/runtime opensslshim.c: the version in
/// DOTNET_OPENSSL_VERSION_OVERRIDE (CLR_OPENSSL_VERSION_OVERRIDE before .NET 10; .NET 10 ignores it), then libssl.so.3, .so.1.1 …), so a
/// machine without it gets a message saying what to install. In the common case this is one dlopen of libssl.so.3,
/// which the runtime would open anyway.</summary>
public static class OpenSsl
{
    /// <summary>The sonames the runtime tries after an override, in its order; a superset is safe (a name only iq tries
    /// can only make iq go on to the runtime's own abort, never refuse a machine the runtime accepts).</summary>
    static readonly string[] Versions = ["3", "1.1", "1.0.2", "1.0.0", "10", "11", "111"];
    const int MaxVersionLength = 32; // the runtime ignores a longer override

    /// <summary>Null when libssl loads (or this is not Linux); else the problem, naming every file tried.</summary>
    public static MessageText? Problem(Func<string, string?> environment, Func<string, bool> tryLoad)
    {
        if (!OperatingSystem.IsLinux() || OperatingSystem.IsAndroid()) return null;
        var tried = new List<string>();
        foreach (var name in Names(environment))
        {
            if (tryLoad(name)) return null;
            tried.Add(name);
        }
        return Msg.OpenSslMissing.With(string.Join(", ", tried));
    }

    static IEnumerable<string> Names(Func<string, string?> environment)
    {
        if (environment("DOTNET_OPENSSL_VERSION_OVERRIDE") is { Length: > 0 and <= MaxVersionLength } o) yield return "libssl.so." + o;
        foreach (var v in Versions) yield return "libssl.so." + v;
    }

    /// <summary>dlopen of a soname, searched as the runtime's own dlopen searches it; the handle stays open for it.</summary>
    public static bool TryLoad(string soname) => NativeLibrary.TryLoad(soname, out _);
}
