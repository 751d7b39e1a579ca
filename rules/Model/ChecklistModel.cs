namespace Iq.Rules.Model;

/// <summary>The canonical rule model between the language and execution. Reports and tools read this
/// and the results; never the syntax.</summary>
public sealed record ChecklistModel(
    string Id,
    string Title,
    string Version,
    ScoringSpec Scoring,
    IReadOnlyList<ParamModel> Params,
    IReadOnlyList<LetModel> Lets,
    SectionModel Root,
    IReadOnlyList<ItemModel> EvaluationOrder,
    IReadOnlyList<ScriptModel> Scripts,
    IReadOnlyList<SourceFile> Sources)
{
    public IEnumerable<ItemModel> Items => Root.AllItems();

    /// <summary>What this checklist is a tailoring of (the nearest base it extends, with the version the chain had there);
    /// null for a checklist that extends nothing. Its title and version are otherwise the base's when it declares none, and
    /// a header that showed them alone would pass a tailoring off as the base.</summary>
    public ChecklistBase? Base { get; init; }

    /// <summary>True when this checklist is <paramref name="id"/> or extends it, directly or through other bases.</summary>
    public bool IsOrExtends(string id) => Id == id || Sources.Any(s => s.Checklist == id);
}

/// <summary>The checklist a tailoring extends: its id and the version the chain had before the tailoring.</summary>
public sealed record ChecklistBase(string Id, string Version);

/// <summary>A checklist file that went into the model (the file itself and every base it extends).</summary>
public sealed record SourceFile(string Path, string Sha256)
{
    /// <summary>The id its header declares (<c>gbt-aimd-iq</c>): what a tailored checklist is a tailoring of.</summary>
    public string? Checklist { get; init; }
}

/// <summary>A <c>csharp { … }</c> block, with where its code starts so compiler errors map back.</summary>
public sealed record ScriptModel(int Index, string Code, Diagnostics.SourceSpan CodeSpan);
