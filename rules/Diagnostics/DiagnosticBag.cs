namespace Iq.Rules.Diagnostics;

/// <summary>Collects diagnostics across passes; a pass reports all it finds, not only the first.</summary>
public sealed class DiagnosticBag
{
    readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Error(string code, string message, SourceSpan span) => _items.Add(Diagnostic.Error(code, message, span));
    public void Warning(string code, string message, SourceSpan span) => _items.Add(Diagnostic.Warning(code, message, span));
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}
