using Iq.Rules.Messages;

namespace Iq.Rules.Binding;

/// <summary>The static types of the checklist language. <see cref="Any"/> is for facts the schema leaves open
/// (<c>custom.*</c>); their types are checked when the checklist runs instead.</summary>
public abstract record IqType : ILocalized
{
    public static readonly PrimitiveType Number = new("number");
    public static readonly PrimitiveType String = new("string");
    public static readonly PrimitiveType Bool = new("bool");
    public static readonly PrimitiveType Version = new("version");
    public static readonly PrimitiveType Size = new("size");
    public static readonly PrimitiveType Duration = new("duration");
    public static readonly PrimitiveType Date = new("date");
    public static readonly PrimitiveType Any = new("any");

    public abstract string Name { get; }
    public sealed override string ToString() => Name;

    /// <summary>The type named in a message: its name in English; in Chinese the catalog's words (<see cref="Msg.TypeWord"/>),
    /// a fact object's type by its schema name.</summary>
    public abstract string Render(Lang lang);

    public static PrimitiveType? FromName(string name) =>
        new[] { Number, String, Bool, Version, Size, Duration, Date }.FirstOrDefault(t => t.Name == name);
}

public sealed record PrimitiveType(string TypeName) : IqType
{
    public override string Name => TypeName;
    public override string Render(Lang lang) => lang == Lang.En ? Name : Msg.TypeWord(TypeName)?.Template(lang) ?? Name;
}

public sealed record ListType(IqType Element) : IqType
{
    public override string Name => $"list of {Element.Name}";
    public override string Render(Lang lang) => lang == Lang.En ? Name : Msg.TypeListOf.With(Element).Render(lang);
}

/// <summary>A string-keyed map, such as the software inventory (<c>software["docker"]</c>).</summary>
public sealed record MapType(IqType Value) : IqType
{
    public override string Name => $"map of {Value.Name}";
    public override string Render(Lang lang) => lang == Lang.En ? Name : Msg.TypeMapOf.With(Value).Render(lang);
}

public sealed record ObjectType(string TypeName, IReadOnlyList<FactMember> Members) : IqType
{
    public override string Name => TypeName;
    public override string Render(Lang lang) => Name;
    public FactMember? Member(string name) => Members.FirstOrDefault(m => m.Name == name);
}

/// <summary>A named, typed, documented member of a fact object. <paramref name="Required"/>: a document without it is
/// refused (a judgment's assessor); most facts are not, since an absent fact is missing evidence, not a malformed document.</summary>
public sealed record FactMember(string Name, IqType Type, string Description, bool Required = false)
{
    /// <summary>For a count of lines: where in the source files the counted lines are (null for any other member). A row
    /// comparing the count names them beside its actual value.</summary>
    public LineRefs? Located { get; init; }
}

/// <summary>Where the lines a count counts are: the count's object holds a list <paramref name="List"/> of per-file entries,
/// each naming its file (<paramref name="File"/>), its own count (<paramref name="Count"/>) and the first line numbers counted
/// (<paramref name="Lines"/>, bounded by whoever writes them).</summary>
public sealed record LineRefs(string List, string File, string Count, string Lines);
