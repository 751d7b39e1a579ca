using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Rules.Scripting;

/// <summary>A compiled <c>csharp { … }</c> block.</summary>
public delegate object? ScriptFunction(ScriptContext facts);

/// <summary>What a <c>csharp</c> block sees, as <c>facts</c>: fact values by path (<c>"env.cpu.logical_cores"</c>,
/// list elements by number: <c>"env.gpus.0.memory"</c>), params, and the evaluation clock. Reading an absent fact
/// ends the block and makes the item <c>error</c> with "missing evidence", as it would anywhere else.</summary>
public sealed class ScriptContext
{
    readonly CompiledChecklist _checklist;
    readonly AuditRun _ctx;

    internal ScriptContext(CompiledChecklist checklist, AuditRun ctx)
    {
        _checklist = checklist;
        _ctx = ctx;
    }

    public DateTimeOffset Now => _ctx.Now;

    public bool Exists(string path) => Resolve(path) is not Missing;

    public object? Fact(string path)
    {
        var value = Resolve(path);
        return value is Missing m ? throw new MissingFactException(m) : value;
    }

    public double Number(string path) => Fact(path) as double? ?? throw new EvaluationException($"fact {path} is not a number");

    public string Text(string path) => Fact(path) as string ?? throw new EvaluationException($"fact {path} is not a string");

    public bool Flag(string path) => Fact(path) as bool? ?? throw new EvaluationException($"fact {path} is not a bool");

    public IReadOnlyList<object?> List(string path) => Fact(path) as object?[] ?? throw new EvaluationException($"fact {path} is not a list");

    public object? Param(string name) =>
        _checklist.Model.Params.FirstOrDefault(p => p.Name == name)?.Value ?? throw new EvaluationException($"no param '{name}'");

    object? Resolve(string path)
    {
        var parts = path.Split('.');
        var root = _checklist.Roots.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Name == parts[0]);
        if (root.r is null) return new Missing(path);
        var value = _ctx.Roots[root.i];
        foreach (var part in parts.Skip(1))
        {
            value = value switch
            {
                FactObject o => o.TryGet(part, out var v) && v is not null ? v : null,
                object?[] list when int.TryParse(part, out var i) && i >= 0 && i < list.Length => list[i],
                _ => null,
            };
            if (value is null) return new Missing(path);
        }
        return value;
    }
}

/// <summary>Thrown inside a script when it reads an absent fact, so that the script's own C# stops there (a script
/// is user code: it cannot be made to pass a missing value along); the block's wrapper turns it back into the value.</summary>
public sealed class MissingFactException(Missing missing) : Exception(missing.ToString())
{
    public Missing Missing { get; } = missing;
}
