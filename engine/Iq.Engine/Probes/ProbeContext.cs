using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using System.Runtime.InteropServices;

namespace Iq.Engine.Probes;

/// <summary>Where probes look: a file-system root (<c>/</c> live, a fixture tree in tests), the folders searched
/// for tools, and the time any one command may take. <see cref="Live"/> is false under a fixture root: then
/// facts that only a system call can give (free space, addresses) are reported absent, not guessed.</summary>
public sealed record ProbeContext(string Root, IReadOnlyList<string> SearchPath, TimeSpan CommandTimeout)
{
    /// <summary>The search path, then the system folders (sshd, auditctl, nft live in sbin, which a user's PATH may lack).</summary>
    public static ProbeContext ForThisMachine() =>
        new("/", (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Concat(["/usr/local/sbin", "/usr/sbin", "/sbin"]).Distinct().ToList(),
            TimeSpan.FromSeconds(5));

    /// <summary>TLS endpoints to measure (HOST:PORT from the plan or <c>iq probe --tls</c>).</summary>
    public IReadOnlyList<Security.TlsEndpoint> TlsEndpoints { get; init; } = [];

    /// <summary>How long one TLS connection and handshake may take (a server that does not answer in this time is
    /// reported as unknown for that version, never as refusing it).</summary>
    public TimeSpan TlsTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public bool Live => Root == "/";

    public static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>A path under the root: <c>Path("/proc/cpuinfo")</c>.</summary>
    public string Path(string absolute) => Root == "/" ? absolute : System.IO.Path.Combine(Root, absolute.TrimStart('/'));

    /// <summary>A file's text under the root, through the bounded input path; null when it does not exist or may not be
    /// read (<c>/proc/1/environ</c> for a user). A FIFO, a device, a folder or a file over the limit placed there throws
    /// <see cref="InputFileException"/> naming <paramref name="absolute"/>: the probe reading it reports an error with that
    /// reason (<see cref="Fact.Try"/>) instead of blocking or reading without end, and the other probes go on.</summary>
    public string? ReadText(string absolute)
    {
        try { return InputFiles.ReadAllText(Path(absolute), InputKind.Config); }
        catch (InputFileException e) when (e.Code is Codes.FileNotFound or Codes.CannotRead) { return null; }
        catch (InputFileException e) { throw new InputFileException(absolute, e.Text); }
        catch (IOException) { return null; } // a /proc file whose process ended while it was read
    }

    public string? ReadLine(string absolute) => ReadText(absolute)?.Split('\n')[0].Trim();

    /// <summary>The full path of a tool found on the search path, or null.</summary>
    public string? Which(string tool)
    {
        foreach (var dir in SearchPath)
        {
            var candidate = System.IO.Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
