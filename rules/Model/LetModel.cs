using Iq.Rules.Binding;

namespace Iq.Rules.Model;

public sealed record LetModel(int Index, string Name, BoundExpr Value);
