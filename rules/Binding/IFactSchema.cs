namespace Iq.Rules.Binding;

/// <summary>What the checklist language knows of facts. <c>engine/</c> supplies it; the binder checks
/// every fact path and type against it before anything runs.</summary>
public interface IFactSchema
{
    IReadOnlyList<FactRoot> Roots { get; }
}

/// <summary>A name a checklist may start a fact path with (<c>env</c>), and the document kind that supplies it.</summary>
public sealed record FactRoot(string Name, string Kind, IqType Type, string Description);
