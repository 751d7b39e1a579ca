namespace Iq.Rules.Diagnostics;

public enum Severity { Error, Warning }

/// <summary>A problem found in a checklist or a fact file. Errors are data until the CLI prints them.</summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceSpan Span)
{
    public static Diagnostic Error(string code, string message, SourceSpan span) => new(Severity.Error, code, message, span);
    public static Diagnostic Warning(string code, string message, SourceSpan span) => new(Severity.Warning, code, message, span);

    /// <summary>The one-line form the CLI prints: <c>FILE:LINE:COL: error CODE: message</c>.</summary>
    public override string ToString() =>
        $"{Span.File}:{Span.Line}:{Span.Column}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";

    /// <summary>Sorts by file, then position, so output is stable and reads top to bottom.</summary>
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.File, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
}
