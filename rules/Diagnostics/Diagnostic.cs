using Iq.Rules.Messages;

namespace Iq.Rules.Diagnostics;

public enum Severity { Error, Warning }

/// <summary>A problem found in a checklist or a fact file. Errors are data until the CLI prints them: the message is a
/// catalog entry with its arguments (<see cref="MessageText"/>), rendered in Chinese or English at the edge.</summary>
public sealed record Diagnostic(Severity Severity, MessageText Text, SourceSpan Span)
{
    public static Diagnostic Error(MessageText text, SourceSpan span) => new(Severity.Error, text, span);
    public static Diagnostic Warning(MessageText text, SourceSpan span) => new(Severity.Warning, text, span);

    /// <summary>A diagnostic whose text is not in the catalog yet (<see cref="Messages.Message.Untranslated"/>): English in both languages.</summary>
    public static Diagnostic Error(string code, string message, SourceSpan span) => Error(Messages.Message.Untranslated(code, message), span);
    public static Diagnostic Warning(string code, string message, SourceSpan span) => Warning(Messages.Message.Untranslated(code, message), span);

    /// <summary>The stable code (IQ2001 …), the same in every language.</summary>
    public string Code => Text.Code ?? "";

    /// <summary>The message in English.</summary>
    public string Message => Text.Render(Lang.En);

    /// <summary>The one-line form the CLI prints: <c>FILE:LINE:COL: error CODE: message</c>, or <c>PATH: error CODE:
    /// message</c> for a span with no position (a folder). The words error and warning stay English in both languages, so
    /// that editors and CI problem matchers read either.</summary>
    public string Render(Lang lang) => Prefix + Text.Render(lang);

    /// <summary>What <see cref="Render"/> puts before the message, the same in every language (a fleet store keeps it beside
    /// the message's words).</summary>
    public string Prefix => $"{Span}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: ";

    public override string ToString() => Render(Lang.En);

    /// <summary>Sorts by file, then position, so output is stable and reads top to bottom.</summary>
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.File, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
}
