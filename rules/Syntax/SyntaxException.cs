using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Rules.Syntax;

/// <summary>Raised inside the grammar for errors that are certain wherever they occur (an unknown unit,
/// an expression too deep); Sprache's backtracking would otherwise replace them with a vaguer message.</summary>
sealed class SyntaxException(MessageText text, SourceSpan span) : Exception(text.ToString())
{
    public MessageText Text { get; } = text;
    public SourceSpan Span { get; } = span;
}
