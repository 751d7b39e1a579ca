using Iq.Rules.Ast;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Rules.Binding;

/// <summary>What names mean across a checklist: fact roots, params (constants), lets (bound on first use,
/// so their order in the file does not matter and a cycle is caught), and the script blocks seen.</summary>
sealed class BindingScope
{
    readonly Dictionary<string, LetSyntax> _letSyntax = new(StringComparer.Ordinal);
    readonly Dictionary<string, LetModel?> _lets = new(StringComparer.Ordinal);
    readonly List<string> _binding = [];
    readonly bool _allowScripts;

    public BindingScope(IFactSchema schema, IReadOnlyDictionary<string, ParamModel> parameters, bool allowScripts)
    {
        Roots = schema.Roots.Select((r, i) => (r, i)).ToDictionary(x => x.r.Name, x => (x.i, x.r), StringComparer.Ordinal);
        Params = parameters;
        _allowScripts = allowScripts;
    }

    public IReadOnlyDictionary<string, (int Index, FactRoot Root)> Roots { get; }
    public IReadOnlyDictionary<string, ParamModel> Params { get; }
    public List<(string Id, SourceSpan Span)> ItemReferences { get; } = [];
    public List<ScriptModel> Scripts { get; } = [];
    public IEnumerable<string> LetNames => _letSyntax.Keys;
    public IReadOnlyList<LetModel> Lets => _lets.Values.OfType<LetModel>().OrderBy(l => l.Index).ToList();

    public bool DeclareLet(LetSyntax let) => _letSyntax.TryAdd(let.Name, let);

    /// <summary>The bound value of a let already bound.</summary>
    public BoundExpr? LetValue(int index) => _lets.Values.FirstOrDefault(l => l?.Index == index)?.Value;

    public bool TryBindLet(string name, SourceSpan usedAt, DiagnosticBag diagnostics, out BoundExpr? bound)
    {
        bound = null;
        if (!_letSyntax.TryGetValue(name, out var syntax)) return false;
        if (_lets.TryGetValue(name, out var done))
        {
            if (done is not null) bound = new BoundLet(done.Index, name, done.Value.Type, usedAt);
            return true;
        }
        if (_binding.Contains(name))
        {
            var cycle = _binding.SkipWhile(n => n != name).Append(name);
            diagnostics.Error(Msg.LetCycle.With(string.Join(" → ", cycle)), usedAt);
            return true;
        }
        _binding.Add(name);
        // A let is bound in a fresh binder: it cannot see lambda or foreach variables of the place it is used.
        var value = new ExpressionBinder(this, diagnostics).Bind(syntax.Value);
        _binding.Remove(name);
        var model = value is null ? null : new LetModel(_lets.Count(l => l.Value is not null), name, value);
        _lets[name] = model;
        if (model is not null) bound = new BoundLet(model.Index, name, model.Value.Type, usedAt);
        return true;
    }

    public BoundExpr? BindScript(ScriptExpr s, DiagnosticBag diagnostics)
    {
        if (!_allowScripts)
        {
            diagnostics.Error(Msg.ScriptsNotAllowed.Text, s.Span);
            return null;
        }
        var model = new ScriptModel(Scripts.Count, s.Code, s.CodeSpan);
        Scripts.Add(model);
        return new BoundScript(model.Index, s.Span);
    }
}
