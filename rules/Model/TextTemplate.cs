using Iq.Rules.Binding;

namespace Iq.Rules.Model;

/// <summary>An id or title with <c>{expr}</c> holes, filled per element of a <c>foreach</c>.
/// Each part is a string or a <see cref="BoundExpr"/>.</summary>
public sealed record TextTemplate(IReadOnlyList<object> Parts)
{
    public bool IsConstant => Parts.All(p => p is string);
    public string Constant => string.Concat(Parts.OfType<string>());
    public static TextTemplate Of(string text) => new([text]);
}
