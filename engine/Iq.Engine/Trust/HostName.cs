namespace Iq.Engine.Trust;

/// <summary>The name of the machine iq runs on, as the probe reads it (<c>/etc/hostname</c>, else the OS's name for it):
/// every document and seal iq writes records it, so that a baseline taken on another host than the probe shows.</summary>
public static class HostName
{
    static readonly Lazy<string> Value = new(() =>
    {
        try
        {
            // Through the bounded input path: a FIFO or a device at /etc/hostname is passed over, never waited on.
            if (File.Exists("/etc/hostname") && Iq.Rules.Io.InputFiles.ReadAllText("/etc/hostname", Iq.Rules.Io.InputKind.Config).Split('\n')[0].Trim() is { Length: > 0 and < 256 } name
                && !name.Any(char.IsControl)) return name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return Environment.MachineName;
    });

    public static string Current => Value.Value;
}
