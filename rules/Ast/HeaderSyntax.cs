using Iq.Rules.Diagnostics;

namespace Iq.Rules.Ast;

/// <summary>The <c>checklist "id" [extends "base.iq"] { … }</c> block.</summary>
public sealed record HeaderSyntax(
    string Id,
    string? Extends,
    SourceSpan? ExtendsSpan,
    IReadOnlyList<HeaderSetting> Settings,
    SourceSpan Span);

/// <summary>A line of the header: metadata, scoring, or a tailoring statement.</summary>
public abstract record HeaderSetting(SourceSpan Span);

public sealed record TitleSetting(string Title, SourceSpan Span) : HeaderSetting(Span);
public sealed record VersionSetting(string Version, SourceSpan Span) : HeaderSetting(Span);
public sealed record ScoringSetting(string Model, LiteralExpr? PassAt, string? Veto, SourceSpan Span) : HeaderSetting(Span)
{
    /// <summary><c>pass_at NAME</c>: the pass mark is a number param (so a profile or <c>--set</c> can change it).</summary>
    public (string Name, SourceSpan Span)? PassAtParam { get; init; }
}
public sealed record SetSetting(string Name, Expr Value, SourceSpan Span) : HeaderSetting(Span);
public sealed record DisableSetting(string Id, string Reason, SourceSpan Span) : HeaderSetting(Span);
public sealed record ReweightSetting(string Id, LiteralExpr Weight, SourceSpan Span) : HeaderSetting(Span);
