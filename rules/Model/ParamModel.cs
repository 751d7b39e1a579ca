using Iq.Rules.Binding;

namespace Iq.Rules.Model;

/// <summary>A param's final value and where it came from (its default, a tailoring <c>set</c>, or <c>--set</c>).</summary>
public sealed record ParamModel(string Name, IqType Type, object Value, string Display, string Origin);
