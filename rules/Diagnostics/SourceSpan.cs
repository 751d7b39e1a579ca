namespace Iq.Rules.Diagnostics;

/// <summary>Where a piece of checklist text sits: file, 1-based line and column, and character offset.</summary>
public sealed record SourceSpan(string File, int Line, int Column, int Offset = 0, int Length = 0)
{
    public static SourceSpan None(string file) => new(file, 1, 1);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
