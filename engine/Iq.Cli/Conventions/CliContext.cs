using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;

namespace Iq.Cli.Conventions;

/// <summary>What every command gets: where to write, in which language, with colour or not, how much, and a token that
/// SIGINT/SIGTERM cancel. Commands print catalog messages through it (<see cref="Say"/>), never literal text, and write
/// their files through <see cref="Write"/>, which knows <c>-</c> (stdout) and writes anything else atomically.</summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Err { get; init; }

    /// <summary>stdout as bytes, for <c>-</c> (a real process: the console stream; in-process: null, the bytes go to
    /// <see cref="Out"/> as UTF-8 text).</summary>
    public Func<Stream>? RawOut { get; init; }

    /// <summary>Messages and help: <c>--lang</c>, else the locale.</summary>
    public Lang Lang { get; set; } = Lang.En;

    /// <summary>Reports (scorecard headings …): <c>--lang</c>, else Chinese, the standard's language.</summary>
    public Lang ReportLang { get; set; } = Lang.Zh;

    public bool LangGiven { get; set; }
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;
    public Style OutStyle { get; init; } = Style.None;
    public Style ErrStyle { get; init; } = Style.None;
    public CancellationToken Cancel { get; init; }
    /// <summary>After a signal, how long a command that writes what it finished may take before its outputs are aborted.</summary>
    public Action<TimeSpan> AllowFinishing { get; init; } = _ => { };

    /// <summary>Set once something was written to stdout as data (<c>-</c>): human text then goes to stderr.</summary>
    public bool StdoutTaken { get; private set; }

    public string T(Message message) => message.Template(Lang);
    public string T(ILocalized text) => text.Render(Lang);

    /// <summary>Where human-readable text goes: stdout, unless data went there.</summary>
    public TextWriter Human => StdoutTaken ? Err : Out;
    public Style HumanStyle => StdoutTaken ? ErrStyle : OutStyle;

    /// <summary>A line for the user (not in --quiet).</summary>
    public void Say(ILocalized text)
    {
        if (Verbosity != Verbosity.Quiet) Human.WriteLine(text.Render(Lang));
    }

    public void Warn(Diagnostic d) => Err.WriteLine(Render(d));

    /// <summary>A warning about the command's own inputs (not a file position): <c>iq: warning: …</c> on stderr, even in --quiet.</summary>
    public void WarnText(ILocalized text) => Err.WriteLine($"iq: {ErrStyle.Warn("warning")}: {text.Render(Lang)}");

    public string Render(Diagnostic d)
    {
        var line = d.Render(Lang);
        var word = d.Severity == Severity.Error ? "error" : "warning";
        var at = line.IndexOf($": {word} ", StringComparison.Ordinal);
        return at < 0 || !ErrStyle.Enabled ? line
            : line[..(at + 2)] + (d.Severity == Severity.Error ? ErrStyle.Bad(word) : ErrStyle.Warn(word)) + line[(at + 2 + word.Length)..];
    }

    /// <summary>Claims stdout for data when <paramref name="path"/> is <c>-</c>; a second claim is a usage error.</summary>
    public bool ClaimStdout(string? path)
    {
        if (path != "-") return false;
        if (StdoutTaken) throw new UsageException(Msg.StdoutOnce.Text);
        StdoutTaken = true;
        return true;
    }

    /// <summary>A set of outputs written all or none (<see cref="Rules.Io.Outputs"/>); <c>-</c> goes to stdout as bytes in a
    /// real process, else to <see cref="Out"/> as UTF-8 text.</summary>
    public Rules.Io.Outputs Outputs() => new(RawOut is null ? Out : null);

    /// <summary>Writes an output: to stdout for <c>-</c> (after <see cref="ClaimStdout"/>), else to the file, atomically
    /// (a temporary file and a rename, so an interrupted run leaves nothing partial).</summary>
    public void Write(string path, Action<Stream> write)
    {
        if (path == "-")
        {
            Out.Flush();
            if (RawOut is { } raw)
            {
                using var stream = raw();
                write(stream);
                stream.Flush();
            }
            else
            {
                using var buffer = new MemoryStream();
                write(buffer);
                Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            return;
        }
        AtomicFile.Write(path, write);
    }
}
