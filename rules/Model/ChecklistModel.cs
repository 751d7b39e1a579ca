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

    /// <summary>True when this checklist is <paramref name="id"/> or extends it, directly or through other bases.</summary>
    public bool IsOrExtends(string id) => Id == id || Sources.Any(s => s.Checklist == id);
}

/// <summary>A checklist file that went into the model (the file itself and every base it extends).</summary>
public sealed record SourceFile(string Path, string Sha256)
{
    /// <summary>The id its header declares (<c>gbt-aimd-iq</c>): what a tailored checklist is a tailoring of.</summary>
    public string? Checklist { get; init; }
}

/// <summary>A <c>csharp { … }</c> block, with where its code starts so compiler errors map back.</summary>
public sealed record ScriptModel(int Index, string Code, Diagnostics.SourceSpan CodeSpan);
