using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>One line of an item body. The variants are tiny, so they share this file.</summary>
public abstract record ItemClause(string Keyword, SourceSpan Span);

public sealed record LevelClause(string Level, SourceSpan Span) : ItemClause("level", Span);
public sealed record RefClause(string Reference, SourceSpan Span) : ItemClause("ref", Span);
public sealed record WeightClause(LiteralExpr Weight, SourceSpan Span) : ItemClause("weight", Span);
public sealed record ExpectClause(Expr Condition, SourceSpan Span) : ItemClause("expect", Span);
public sealed record WhenClause(Expr Condition, string? Reason, SourceSpan Span) : ItemClause("when", Span);
/// <summary><c>empty notapplicable "reason"</c>: a foreach over an empty list is fine here (else it is an error).</summary>
public sealed record EmptyClause(string Reason, SourceSpan Span) : ItemClause("empty", Span);
public sealed record ScoreClause(Expr Score, SourceSpan Span) : ItemClause("score", Span);
public sealed record FixClause(string Text, SourceSpan Span) : ItemClause("fix", Span);
public sealed record ManualClause(string Guidance, SourceSpan Span) : ItemClause("manual", Span);
public sealed record InformationalClause(SourceSpan Span) : ItemClause("informational", Span);
/// <summary><c>requires measured [or imported …] [PATH, …]</c>: the provenances the item accepts for the facts named (all it
/// reads when none are named).</summary>
public sealed record RequiresClause(IReadOnlyList<string> Provenances, IReadOnlyList<Expr> Paths, SourceSpan Span) : ItemClause("requires", Span);
