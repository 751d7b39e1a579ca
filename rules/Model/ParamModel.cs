using Iq.Rules.Binding;

namespace Iq.Rules.Model;

/// <summary>A param's final value and where it came from (its default, a tailoring <c>set</c>, or <c>--set</c>).</summary>
public sealed record ParamModel(string Name, IqType Type, object Value, string Display, string Origin)
{
    /// <summary>The origin of a default the checklist marks <c>tool_default</c>: the tool's figure, the standard giving
    /// none; reports say so in those words, never "default" alone (001-reading §0).</summary>
    public const string ToolDefault = "tool_default";
}
