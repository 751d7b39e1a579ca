using System.Text.RegularExpressions;
using System.Xml;

namespace Iq.Rules.Messages;

/// <summary>A library's exception as a reason the catalog words: the kind of error in the output's language, the library's
/// English text kept only as a detail after it (<see cref="Msg.LibrarySays"/>). The caller names the place (file, line and
/// column, offset).</summary>
public static class LibraryError
{
    /// <summary>The XML reader's error; its text loses the position it repeats ("Line 3, position 7"), which the caller names.</summary>
    public static ILocalized Xml(XmlException e)
    {
        var text = e.Message.Split(" Line ")[0].TrimEnd('.', ',', ' ');
        // The DTD refusal goes on to say how to allow DTDs, which is no advice to whoever gave iq the file.
        if (text.Contains("DTD", StringComparison.Ordinal)) text = text.Split(". ")[0];
        var detail = Msg.LibrarySays.With("XML", text);
        // The reader's exception has no kind of its own: a DTD refused and a document cut short are told by its text,
        // anything else is "not well-formed", which is true of every XmlException.
        var kind = text.Contains("DTD", StringComparison.Ordinal) ? Msg.XmlDtdRefused
            : text.StartsWith("Unexpected end of file", StringComparison.Ordinal) ? Msg.XmlEndsEarly
            : Msg.XmlNotWellFormed;
        return kind.With(detail);
    }

    /// <summary>.NET Regex's refusal of a pattern: its kind (<see cref="RegexParseError"/>) and offset in the pattern.</summary>
    public static ILocalized Regex(ArgumentException e) => e is RegexParseException p
        ? Msg.RegexErrorAt.With(RegexKind(p.Error).Text, p.Offset, Msg.LibrarySays.With(".NET Regex", p.Message))
        : Localized.Concat(Msg.RegexSyntax.Text, Msg.LibrarySays.With(".NET Regex", e.Message));

    static Message RegexKind(RegexParseError error) => error switch
    {
        RegexParseError.InsufficientClosingParentheses => Msg.RegexUnclosedGroup,
        RegexParseError.InsufficientOpeningParentheses => Msg.RegexExtraClosing,
        RegexParseError.UnterminatedBracket => Msg.RegexUnclosedClass,
        RegexParseError.UnrecognizedEscape or RegexParseError.UnrecognizedControlCharacter or RegexParseError.MissingControlCharacter
            or RegexParseError.InsufficientOrInvalidHexDigits => Msg.RegexBadEscape,
        RegexParseError.UnescapedEndingBackslash => Msg.RegexTrailingBackslash,
        RegexParseError.QuantifierAfterNothing => Msg.RegexNothingToRepeat,
        RegexParseError.NestedQuantifiersNotParenthesized => Msg.RegexNestedQuantifier,
        RegexParseError.ReversedCharacterRange or RegexParseError.ReversedQuantifierRange => Msg.RegexReversedRange,
        RegexParseError.InvalidGroupingConstruct => Msg.RegexBadGroup,
        RegexParseError.UndefinedNamedReference or RegexParseError.UndefinedNumberedReference => Msg.RegexUndefinedReference,
        RegexParseError.InvalidUnicodePropertyEscape or RegexParseError.UnrecognizedUnicodeProperty
            or RegexParseError.MalformedUnicodePropertyEscape => Msg.RegexBadProperty,
        _ => Msg.RegexSyntax,
    };
}
