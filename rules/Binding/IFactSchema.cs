namespace Iq.Rules.Binding;

/// <summary>What the checklist language knows of facts. <c>engine/</c> supplies it; the binder checks
/// every fact path and type against it before anything runs.</summary>
public interface IFactSchema
{
    IReadOnlyList<FactRoot> Roots { get; }
}

/// <summary>A name a checklist may start a fact path with (<c>env</c>), and the document kind that supplies it.
/// <see cref="Provenance"/> is how that kind's facts are obtained unless a document says otherwise (declared when the schema
/// says nothing: no fact is taken as measured by default).</summary>
public sealed record FactRoot(string Name, string Kind, IqType Type, string Description,
    Iq.Rules.Model.Provenance Provenance = Iq.Rules.Model.Provenance.Declared)
{
    /// <summary>The iq command that measures or imports this kind's document (<c>iq probe --out BUNDLE/</c>); null for a kind
    /// someone declares (a plan), which an error row's fix then asks to state in the document instead.</summary>
    public string? Command { get; init; }
}
