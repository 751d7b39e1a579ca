using Iq.Rules.Diagnostics;

namespace Iq.Rules.Syntax;

/// <summary>Raised inside the grammar for errors that are certain wherever they occur (an unknown unit,
/// an expression too deep); Sprache's backtracking would otherwise replace them with a vaguer message.</summary>
sealed class SyntaxException(string code, string message, SourceSpan span) : Exception(message)
{
    public string Code { get; } = code;
    public SourceSpan Span { get; } = span;
}
