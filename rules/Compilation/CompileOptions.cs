namespace Iq.Rules.Compilation;

/// <summary>What a compile may do: param overrides (<c>--set</c>), whether <c>csharp</c> blocks run,
/// where compiled scripts are cached, where bundled base checklists live for <c>extends</c>, and how the rules'
/// expressions are made executable.</summary>
public sealed record CompileOptions
{
    public IReadOnlyDictionary<string, string> ParamOverrides { get; init; } = new Dictionary<string, string>();
    public bool AllowScripts { get; init; }
    public string? ScriptCacheDirectory { get; init; }
    public IReadOnlyList<string> LibraryDirectories { get; init; } = [];

    /// <summary><see cref="ExpressionMode.Compiled"/> (the default) for a checklist that evaluates many bundles;
    /// <see cref="ExpressionMode.Interpreted"/> for a one-off audit.</summary>
    public ExpressionMode Expressions { get; init; } = ExpressionMode.Compiled;

    /// <summary>An override of a param the checklist does not declare is for another checklist of the same audit, not an
    /// error here (the audit checks that some checklist declares it).</summary>
    public bool IgnoreUndeclaredOverrides { get; init; }
}

/// <summary>How the network's conditions and actions run: compiled to IL (then JIT-compiled on first call), or interpreted.</summary>
public enum ExpressionMode { Compiled, Interpreted }
