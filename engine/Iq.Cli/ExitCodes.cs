using Iq.Rules.Messages;

namespace Iq.Cli;

/// <summary>The exit codes, one table for every command: declared once here; every <c>--help</c>, the README and
/// docs/cli.md print it from this declaration (a test fails when a copy differs).</summary>
public static class ExitCodes
{
    public const int Pass = 0;
    public const int Fail = 1;
    public const int InvalidInput = 2;
    public const int InternalError = 3;
    public const int Interrupted = 130;   // SIGINT: 128 + 2
    public const int Terminated = 143;    // SIGTERM: 128 + 15

    public static readonly IReadOnlyList<(string Code, Message Meaning)> Table =
    [
        ("0", Msg.ExitPass),
        ("1", Msg.ExitFail),
        ("2", Msg.ExitInvalid),
        ("3", Msg.ExitInternal),
        ("130/143", Msg.ExitInterrupted),
    ];

    /// <summary>The table as Markdown, for the README and docs/cli.md.</summary>
    public static string MarkdownTable(Lang lang)
    {
        var sb = new System.Text.StringBuilder(lang == Lang.Zh ? "| 退出码 | 含义 |\n| --- | --- |\n" : "| exit code | meaning |\n| --- | --- |\n");
        foreach (var (code, meaning) in Table) sb.Append($"| {code} | {meaning.Template(lang)} |\n");
        return sb.ToString();
    }
}
