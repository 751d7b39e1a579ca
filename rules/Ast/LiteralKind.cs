namespace Iq.Rules.Ast;

public enum LiteralKind { Number, String, Bool, Size, Duration, Version }
