using Sprache;

namespace Iq.Rules.Syntax;

/// <summary>Sprache's input, lighter: its own <c>Input</c> allocates a memo dictionary at every character,
/// which made parsing allocate about 2 KB per character. This one creates memos only if asked, and lets the
/// grammar's own primitives jump over a whole token at once.</summary>
sealed class SourceInput : IInput
{
    IDictionary<object, object>? _memos;

    public SourceInput(string source) : this(source, 0, 1, 1) { }

    SourceInput(string source, int position, int line, int column)
    {
        Source = source;
        Position = position;
        Line = line;
        Column = column;
    }

    public string Source { get; }
    public int Position { get; }
    public int Line { get; }
    public int Column { get; }
    public bool AtEnd => Position >= Source.Length;
    public char Current => Source[Position];
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd) throw new InvalidOperationException("The input is already at its end.");
        return Source[Position] == '\n'
            ? new SourceInput(Source, Position + 1, Line + 1, 1)
            : new SourceInput(Source, Position + 1, Line, Column + 1);
    }

    /// <summary>Moves on by <paramref name="count"/> characters in one step.</summary>
    public static IInput Skip(IInput input, int count)
    {
        if (input is not SourceInput s)
        {
            for (var k = 0; k < count; k++) input = input.Advance();
            return input;
        }
        int line = s.Line, column = s.Column;
        for (var k = s.Position; k < s.Position + count; k++)
        {
            if (s.Source[k] == '\n') { line++; column = 1; }
            else column++;
        }
        return new SourceInput(s.Source, s.Position + count, line, column);
    }

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;
    public override bool Equals(object? obj) => obj is IInput i && Equals(i);
    public override int GetHashCode() => HashCode.Combine(Source.Length, Position);
    public override string ToString() => $"Line {Line}, Column {Column}";
}
