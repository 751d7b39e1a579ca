namespace Iq.Rules.Diagnostics;

/// <summary>Where a piece of checklist text sits: file, 1-based line and column, and character offset.</summary>
public sealed record SourceSpan(string File, int Line, int Column, int Offset = 0, int Length = 0)
{
    public static SourceSpan None(string file) => new(file, 1, 1);

    /// <summary>A path as a whole, with no line or column to point at (a folder): printed as the path alone.</summary>
    public static SourceSpan Whole(string path) => new(path, 0, 0);

    /// <summary>Whether the span points at a line and column (not <see cref="Whole"/>).</summary>
    public bool HasPosition => Line > 0;

    public override string ToString() => HasPosition ? $"{File}:{Line}:{Column}" : File;
}
