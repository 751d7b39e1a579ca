namespace Iq.Cli.Conventions;

/// <summary>Colour on a terminal, none with NO_COLOR (any non-empty value, no-color.org), with TERM=dumb, or when the
/// stream is redirected to a file or a pipe.</summary>
public static class Terminal
{
    public static bool ColorFor(bool redirected, Func<string, string?> environment) =>
        !redirected
        && string.IsNullOrEmpty(environment("NO_COLOR"))
        && environment("TERM") is not "dumb";
}

