namespace Iq.Rules.Compilation;

/// <summary>What a compile may do: param overrides (<c>--set</c>), whether <c>csharp</c> blocks run,
/// where compiled scripts are cached, and where bundled base checklists live for <c>extends</c>.</summary>
public sealed record CompileOptions
{
    public IReadOnlyDictionary<string, string> ParamOverrides { get; init; } = new Dictionary<string, string>();
    public bool AllowScripts { get; init; }
    public string? ScriptCacheDirectory { get; init; }
    public IReadOnlyList<string> LibraryDirectories { get; init; } = [];

    /// <summary>An override of a param the checklist does not declare is for another checklist of the same audit, not an
    /// error here (the audit checks that some checklist declares it).</summary>
    public bool IgnoreUndeclaredOverrides { get; init; }
}
