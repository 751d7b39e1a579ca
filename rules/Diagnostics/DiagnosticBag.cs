using Iq.Rules.Messages;

namespace Iq.Rules.Diagnostics;

/// <summary>Collects diagnostics across passes; a pass reports all it finds, not only the first.</summary>
public sealed class DiagnosticBag
{
    readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    /// <summary>An error: a catalog message (<see cref="Msg"/>) with its arguments, where it is.</summary>
    public void Error(MessageText text, SourceSpan span) => _items.Add(Diagnostic.Error(Coded(text), span));
    public void Warning(MessageText text, SourceSpan span) => _items.Add(Diagnostic.Warning(Coded(text), span));

    /// <summary>A diagnostic whose text is not in the catalog yet (<see cref="Message.Untranslated"/>): English in both languages.</summary>
    public void Error(string code, string message, SourceSpan span) => Error(Message.Untranslated(code, message), span);
    public void Warning(string code, string message, SourceSpan span) => Warning(Message.Untranslated(code, message), span);

    // A diagnostic without a code could not be looked up in the docs or matched in CI: a fragment used by mistake.
    static MessageText Coded(MessageText text) =>
        text.Code is not null ? text : throw new ArgumentException($"'{text}' is a message fragment: a diagnostic needs a message with a code");
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}
