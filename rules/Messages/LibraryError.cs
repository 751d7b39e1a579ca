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

    /// <summary>A file or folder the runtime could not read or write: the kind from the exception's type, else from the
    /// errno .NET keeps as its HResult on Unix (28 ENOSPC, …); the runtime's English only as a detail.</summary>
    public static ILocalized Io(Exception e) => Io(e, e.Message);

    /// <summary><see cref="Io(Exception)"/> with the runtime's text as the caller cleaned it (a temporary's path taken out).</summary>
    public static ILocalized Io(Exception e, string text)
    {
        var kind = e switch
        {
            UnauthorizedAccessException => Msg.IoDenied,
            FileNotFoundException or DirectoryNotFoundException => Msg.IoNotFound,
            PathTooLongException => Msg.IoPathTooLong,
            _ => e.HResult switch
            {
                1 or 13 => Msg.IoDenied,
                2 => Msg.IoNotFound,
                28 => Msg.IoNoSpace,
                122 => Msg.IoQuota,
                30 => Msg.IoReadOnly,
                36 => Msg.IoPathTooLong,
                21 => Msg.IoIsFolder,
                20 => Msg.IoNotFolder,
                11 or 16 or 26 => Msg.IoBusy,
                40 => Msg.IoLinkLoop,
                5 or 6 or 19 => Msg.IoDevice,
                _ => Msg.IoOther,
            },
        };
        return kind.With(English(".NET", text));
    }

    /// <summary>System.Text.Json's refusal (its text without the position it appends, which the caller names). Its
    /// exception has no kind of its own: the kind is told by its text, else "a syntax error", which is true of every one.</summary>
    public static ILocalized Json(string text)
    {
        var kind = text.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal) ? Msg.JsonEmpty
            : text.Contains("reached end of data", StringComparison.Ordinal) || text.StartsWith("Expected depth to be zero", StringComparison.Ordinal) ? Msg.JsonEndsEarly
            : text.StartsWith("Duplicate", StringComparison.Ordinal) || text.Contains("same key", StringComparison.Ordinal) ? Msg.JsonDuplicate
            : text.Contains("maximum configured depth", StringComparison.Ordinal) ? Msg.JsonTooDeep
            : text.Contains("JSON string", StringComparison.Ordinal) || text.Contains("escap", StringComparison.Ordinal) ? Msg.JsonBadString
            : text.Contains("number", StringComparison.Ordinal) || text.Contains("digit", StringComparison.Ordinal) ? Msg.JsonBadNumber
            : text.Contains("literal", StringComparison.Ordinal) ? Msg.JsonBadLiteral
            : text.Contains("invalid start", StringComparison.Ordinal) || text.Contains("invalid after", StringComparison.Ordinal)
              || text.Contains("Expected", StringComparison.Ordinal) ? Msg.JsonOutOfPlace
            : Msg.JsonSyntax;
        return kind.With(English("System.Text.Json", text));
    }

    /// <summary>Compressed data the runtime could not read: a gzip stream (<paramref name="gzip"/>) or a zip archive. An
    /// entry the zip reader will not open (<see cref="NotSupportedException"/>), a zip without its central directory, data
    /// that does not inflate; a read that failed underneath is an I/O error (<see cref="Io(Exception)"/>). .NET says
    /// "unsupported compression method" both for a zip entry's method and for deflate data that does not decode: in a gzip
    /// stream (deflate only) it is the data; in a zip it may be either, and is said so.</summary>
    public static ILocalized Compressed(Exception e, bool gzip)
    {
        // An IOException from the file system carries an errno (or is one of its subtypes); the zip reader's own, over bytes
        // in memory (a seek before the start of a truncated archive), carries neither and is the data's fault.
        if (e is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException or PathTooLongException
            or IOException { HResult: > 0 and < 200 })
            return Io(e);
        var text = e.Message;
        var kind = e is NotSupportedException ? Msg.CompressedUnsupported
            : text.Contains("Central Directory", StringComparison.OrdinalIgnoreCase) ? Msg.ZipNoDirectory
            : !gzip && text.Contains("unsupported compression", StringComparison.OrdinalIgnoreCase) ? Msg.ZipMethodOrCorrupt
            : Msg.CompressedCorrupt;
        return kind.With(English(".NET", text));
    }

    /// <summary>A library's English as the detail of a kind the catalog words: in Chinese quoted after the kind
    /// ('（SQLite 原文：…）', <see cref="Msg.LibrarySays"/>); in English the text alone, the whole reason, as it was before
    /// the kind was worded (English output and the scripts that read it are unchanged).</summary>
    public static ILocalized English(string library, string text) => new LibraryQuote(library, text);
}

/// <summary>A library's own English, quoted as the detail of a kind the catalog words (<see cref="LibraryError.English"/>);
/// its parts are kept so that a store can keep it and word it again (the fleet's error words).</summary>
public sealed record LibraryQuote(string Library, string Text) : ILocalized
{
    public string Render(Lang lang) => lang == Lang.Zh ? Msg.LibrarySays.With(Library, Text).Render(lang) : Message.Cap(Text, lang);
}
