namespace Iq.Rules.Model;

/// <summary>A fact path an item reads (<see cref="Path"/>, indices written <c>[]</c>, as in <see cref="ItemModel.ReadPaths"/>)
/// with what each of its indices is, in order, so that a row's provenance can name the entry it read
/// (<c>software["docker"].version</c>, <c>plan.software[2].min_version</c>) rather than every entry.</summary>
public sealed record KeyedRead(string Path, IReadOnlyList<ReadKey> Keys);

/// <summary>One index of a read path: a constant written in the checklist (<see cref="Text"/>, as the language writes it:
/// <c>"docker"</c> with its quotes, or <c>0</c>), a fact of the <c>foreach</c> element (<see cref="ElementPath"/>,
/// <c>plan.software[].name</c>: the row's element's value is the key), the <c>foreach</c> element's own position
/// (<see cref="Element"/>), or none of these (all null: a key only the run knows, written <c>[]</c>).</summary>
public sealed record ReadKey(string? Text = null, string? ElementPath = null, bool Element = false)
{
    public static readonly ReadKey Unknown = new();
    public static readonly ReadKey OfElement = new(Element: true);
}
