using System.Globalization;
using System.Text;
using Iq.Rules.Ast;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Sprache;

namespace Iq.Rules.Syntax;

/// <summary>The checklist grammar. Built per file so spans carry the file name.
/// Conventions (see Sprache's pitfalls): every token eats trailing whitespace and comments, so a span
/// taken before a token is exact; keywords and operators are atomic (they fail without consuming);
/// after a keyword the rule commits (XOr, XMany, XOptional), so the deepest error survives; every rule
/// a user can see in a message is named.</summary>
sealed class ChecklistGrammar
{
    public const int MaxExpressionDepth = 200;

    static readonly HashSet<string> ExpressionKeywords = ["and", "or", "not", "in", "matches", "true", "false", "csharp"];

    /// <summary>Words that may follow a number on the same line without being read as its unit.</summary>
    static readonly HashSet<string> AllKeywords =
    [
        "and", "or", "not", "in", "matches", "true", "false", "csharp", "checklist", "extends", "title", "version",
        "scoring", "pass_at", "veto", "set", "disable", "because", "weight", "param", "let", "section", "item",
        "foreach", "level", "ref", "expect", "when", "score", "fix", "manual", "informational", "empty", "notapplicable",
        "requires", "tool_default",
    ];

    static readonly string[] Levels = ["shall", "should", "may"];
    // count: a number that counts things (a whole number ≥ 0), declared so for params (docs/language.md).
    static readonly string[] TypeNames = ["number", "string", "bool", "version", "size", "duration", "date", "count"];

    readonly string _file;

    public ChecklistGrammar(string file)
    {
        _file = file;
        Ws = Parse.WhiteSpace.Return(0).Or(Parse.Char('#').Then(_ => Parse.CharExcept('\n').Many()).Return(0)).Many().Return(0);
        Here = i => Result.Success(new SourceSpan(_file, i.Line, i.Column, i.Position), i);
        Identifier = Tok(RawWord.Where(w => !ExpressionKeywords.Contains(w))).Named("name");
        String = Tok(RawString).Named("string");
        Number = Tok(NumberLiteral(allowUnits: false)).Named("number");
        SignedNumber = Tok(
            from span in Here
            from minus in Parse.Char('-').Optional()
            from n in NumberLiteral(allowUnits: false)
            select minus.IsDefined ? n with { Value = -(double)n.Value, Text = "-" + n.Text, Span = span } : n).Named("number");

        Expr = Parse.Ref(() => OrExpr!).Named("expression");
        BuildExpressions();
        BuildDeclarations();
    }

    Parser<int> Ws { get; }
    Parser<SourceSpan> Here { get; }
    Parser<string> Identifier { get; }
    Parser<string> String { get; }
    Parser<LiteralExpr> Number { get; }
    Parser<LiteralExpr> SignedNumber { get; }
    public Parser<Expr> Expr { get; }
    Parser<Expr>? OrExpr { get; set; }
    Parser<Expr>? Argument { get; set; }
    public Parser<ChecklistSyntax>? File { get; private set; }
    public Parser<Expr>? StandaloneExpression { get; private set; }

    // ---- lexical ----

    /// <summary>A token and the whitespace and comments after it (hand-written: this runs at every token).</summary>
    static Parser<T> Tok<T>(Parser<T> parser) => i =>
    {
        var r = parser(i);
        return r.WasSuccessful ? Result.Success(r.Value, SkipTrivia(r.Remainder)) : r;
    };

    static IInput SkipTrivia(IInput i)
    {
        var source = i.Source;
        var p = i.Position;
        while (p < source.Length)
        {
            if (char.IsWhiteSpace(source[p])) p++;
            else if (source[p] == '#') { while (p < source.Length && source[p] != '\n') p++; }
            else break;
        }
        return p == i.Position ? i : SourceInput.Skip(i, p - i.Position);
    }

    Parser<string> Kw(string keyword) => Tok(Keyword(keyword)).Named($"'{keyword}'");

    Parser<string> Sym(string symbol) => Tok(RawSymbol(symbol)).Named($"'{symbol}'");

    Parser<(string Op, SourceSpan Span)> Op(params string[] operators) => Spanned(Tok(RawOperator(operators)));

    Parser<(string Op, SourceSpan Span)> KwOp(string keyword) => Spanned(Kw(keyword));

    Parser<(string Op, SourceSpan Span)> Spanned(Parser<string> parser) => i =>
    {
        var r = parser(i);
        return r.WasSuccessful
            ? Result.Success((r.Value, new SourceSpan(_file, i.Line, i.Column, i.Position)), r.Remainder)
            : Result.Failure<(string, SourceSpan)>(r.Remainder, r.Message, r.Expectations);
    };

    /// <summary>Operators before an operand (<c>not not x</c>, <c>- -x</c>), read in a loop, not by recursion.</summary>
    static Parser<Expr> Prefixed(Parser<(string Op, SourceSpan Span)> op, Parser<Expr> operand, Func<(string Op, SourceSpan Span), Expr, Expr> make) => i =>
    {
        var ops = new List<(string, SourceSpan)>();
        var r = i;
        while (true)
        {
            var o = op(r);
            if (!o.WasSuccessful) break;
            ops.Add(o.Value);
            r = o.Remainder;
        }
        var e = operand(r);
        if (!e.WasSuccessful) return e;
        var acc = e.Value;
        for (var k = ops.Count - 1; k >= 0; k--) acc = Bounded(make(ops[k], acc));
        return Result.Success(acc, e.Remainder);
    };

    static readonly Parser<string> RawWord = i =>
    {
        if (i.AtEnd || !(IsAsciiLetter(i.Current) || i.Current == '_'))
            return Result.Failure<string>(i, "unexpected", ["name"]);
        var source = i.Source;
        var end = i.Position;
        while (end < source.Length && (IsAsciiLetter(source[end]) || char.IsAsciiDigit(source[end]) || source[end] == '_')) end++;
        return Result.Success(source.Substring(i.Position, end - i.Position), SourceInput.Skip(i, end - i.Position));
    };

    /// <summary>A keyword, matched without allocating unless it matches.</summary>
    static Parser<string> Keyword(string keyword) => i =>
    {
        var source = i.Source;
        var p = i.Position;
        var end = p + keyword.Length;
        if (end <= source.Length && string.CompareOrdinal(source, p, keyword, 0, keyword.Length) == 0
            && (end == source.Length || !(IsAsciiLetter(source[end]) || char.IsAsciiDigit(source[end]) || source[end] == '_')))
            return Result.Success(keyword, SourceInput.Skip(i, keyword.Length));
        return Result.Failure<string>(i, "unexpected", [$"'{keyword}'"]);
    };

    static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    static Parser<string> RawSymbol(string symbol) => i =>
    {
        var source = i.Source;
        if (i.Position + symbol.Length <= source.Length && string.CompareOrdinal(source, i.Position, symbol, 0, symbol.Length) == 0)
            return Result.Success(symbol, SourceInput.Skip(i, symbol.Length));
        return Result.Failure<string>(i, "unexpected", [$"'{symbol}'"]);
    };

    static Parser<string> RawOperator(string[] operators)
    {
        var ordered = operators.OrderByDescending(o => o.Length).ToArray();
        var expected = operators.Select(o => $"'{o}'").ToArray();
        return i => Operator(i, ordered, expected);
    }

    static IResult<string> Operator(IInput i, string[] operators, string[] expected)
    {
        foreach (var op in operators)
        {
            var r = RawSymbol(op)(i);
            if (r.WasSuccessful)
            {
                // '=' must not be taken from '=>' or '=='.
                if (op == "=" && !r.Remainder.AtEnd && r.Remainder.Current is '>' or '=') continue;
                return r;
            }
        }
        return Result.Failure<string>(i, "unexpected", expected);
    }

    Parser<string> RawString => i =>
    {
        if (i.AtEnd || i.Current != '"') return Result.Failure<string>(i, "unexpected", ["string"]);
        var start = i;
        var sb = new StringBuilder();
        var r = i.Advance();
        while (true)
        {
            if (r.AtEnd || r.Current == '\n')
                throw new SyntaxException(Msg.UnterminatedString.Text,
                    new SourceSpan(_file, start.Line, start.Column, start.Position));
            var c = r.Current;
            r = r.Advance();
            if (c == '"') return Result.Success(sb.ToString(), r);
            if (c == '\\' && !r.AtEnd && r.Current != '\n')
            {
                var e = r.Current;
                r = r.Advance();
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    default: sb.Append('\\').Append(e); break; // kept as written, so regexes read naturally
                }
                continue;
            }
            sb.Append(c);
        }
    };

    /// <summary>Numbers, versions (two or more dots), percents (<c>95%</c>) and, on the same line, a unit.</summary>
    Parser<LiteralExpr> NumberLiteral(bool allowUnits) => i =>
    {
        if (i.AtEnd || !char.IsAsciiDigit(i.Current)) return Result.Failure<LiteralExpr>(i, "unexpected", ["number"]);
        var span = new SourceSpan(_file, i.Line, i.Column, i.Position);
        var sb = new StringBuilder();
        var r = i;
        var dots = 0;
        while (!r.AtEnd)
        {
            var c = r.Current;
            if (char.IsAsciiDigit(c)) { sb.Append(c); r = r.Advance(); continue; }
            if (c == '.' && !r.Advance().AtEnd && char.IsAsciiDigit(r.Advance().Current)) { dots++; sb.Append(c); r = r.Advance(); continue; }
            break;
        }
        var text = sb.ToString();
        if (dots >= 2)
            return Result.Success(new LiteralExpr(LiteralKind.Version, Runtime.IqVersion.Parse(text), text, span), r);
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
            throw new SyntaxException(Msg.NumberOutOfRange.With(text.Length > 20 ? text[..20] + "…" : text), span);
        if (!r.AtEnd && r.Current == '%')
            return Result.Success(new LiteralExpr(LiteralKind.Number, value / 100, text + "%", span), r.Advance());
        if (!allowUnits) return Result.Success(new LiteralExpr(LiteralKind.Number, value, text, span), r);

        // A unit stands on the same line; a keyword there belongs to what follows.
        var u = r;
        while (!u.AtEnd && u.Current is ' ' or '\t') u = u.Advance();
        var word = RawWord(u);
        if (!word.WasSuccessful || AllKeywords.Contains(word.Value))
            return Result.Success(new LiteralExpr(LiteralKind.Number, value, text, span), r);
        if ((Units.Sizes.TryGetValue(word.Value, out var factor) || Units.Durations.TryGetValue(word.Value, out factor)) && !double.IsFinite(value * factor))
            throw new SyntaxException(Msg.NumberOutOfRange.With($"{(text.Length > 20 ? text[..20] + "…" : text)} {word.Value}"), span);
        if (Units.Sizes.TryGetValue(word.Value, out var bytes))
            return Result.Success(new LiteralExpr(LiteralKind.Size, value * bytes, $"{text} {word.Value}", span), word.Remainder);
        if (Units.Durations.TryGetValue(word.Value, out var ms))
            return Result.Success(new LiteralExpr(LiteralKind.Duration, value * ms, $"{text} {word.Value}", span), word.Remainder);
        throw new SyntaxException(Msg.UnknownUnit.With(word.Value, Units.AllNames),
            new SourceSpan(_file, u.Line, u.Column, u.Position));
    };

    /// <summary>The raw text of <c>{ … }</c> after <c>csharp</c>, braces balanced, C# strings and comments skipped.</summary>
    Parser<(string Code, SourceSpan Span)> RawBlock => i =>
    {
        if (i.AtEnd || i.Current != '{') return Result.Failure<(string, SourceSpan)>(i, "unexpected", ["'{'"]);
        var r = i.Advance();
        var codeSpan = new SourceSpan(_file, r.Line, r.Column, r.Position);
        var sb = new StringBuilder();
        var depth = 1;
        char? quote = null;
        while (!r.AtEnd)
        {
            var c = r.Current;
            if (quote is { } q)
            {
                if (c == '\\') { sb.Append(c); r = r.Advance(); if (r.AtEnd) break; c = r.Current; }
                else if (c == q) quote = null;
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return Result.Success((sb.ToString(), codeSpan), r.Advance());
            sb.Append(c);
            r = r.Advance();
        }
        return Result.Failure<(string, SourceSpan)>(r, "unexpected", ["'}'"]);
    };

    // ---- expressions ----

    void BuildExpressions()
    {
        var literal = Tok(NumberLiteral(allowUnits: true)).Select(l => (Expr)l).Named("number");
        var stringLiteral = from span in Here from s in String select (Expr)new LiteralExpr(LiteralKind.String, s, Quote(s), span);
        var boolLiteral =
            from span in Here
            from b in Tok(RawWord.Where(w => w is "true" or "false"))
            select (Expr)new LiteralExpr(LiteralKind.Bool, b == "true", b, span);

        var list =
            from span in Here
            from open in Sym("[")
            from items in Expr.XDelimitedBy(Sym(",")).XOptional()
            from close in Sym("]")
            select (Expr)new ListExpr(items.GetOrElse([]).ToList(), span);

        var parens =
            from open in Sym("(")
            from e in Expr
            from close in Sym(")")
            select e;

        var script =
            from span in Here
            from kw in Kw("csharp")
            from block in Tok(RawBlock).Named("'{'")
            select (Expr)new ScriptExpr(block.Code, block.Span, span);

        Argument = Parse.Ref(() =>
            (from span in Here
             from p in Identifier
             from arrow in Sym("=>")
             from body in Expr
             select (Expr)new LambdaExpr(p, body, span)).Or(Expr));

        var callOrName =
            from span in Here
            from name in Identifier
            from args in (from open in Sym("(")
                          from a in Argument.XDelimitedBy(Sym(",")).XOptional()
                          from close in Sym(")")
                          select a.GetOrElse([]).ToList()).XOptional()
            select args.IsDefined ? new CallExpr(name, args.Get(), span) : (Expr)new NameExpr(name, span);

        // Dispatch on the first character instead of trying each alternative in turn (this runs at every operand).
        Parser<Expr> primary = i =>
        {
            if (i.AtEnd) return Result.Failure<Expr>(i, "unexpected", ["expression"]);
            var c = i.Current;
            var r = c switch
            {
                >= '0' and <= '9' => literal(i),
                '"' => stringLiteral(i),
                '[' => list(i),
                '(' => parens(i),
                _ when IsAsciiLetter(c) || c == '_' => Word(i),
                _ => Result.Failure<Expr>(i, "unexpected", ["expression"]),
            };
            return !r.WasSuccessful && r.Remainder.Equals(i) ? Result.Failure<Expr>(i, "unexpected", ["expression"]) : r;

            IResult<Expr> Word(IInput at)
            {
                var b = boolLiteral(at);
                if (b.WasSuccessful) return b;
                var sc = script(at);
                if (sc.WasSuccessful || !sc.Remainder.Equals(at)) return sc;
                return callOrName(at);
            }
        };

        var member =
            from dot in Sym(".")
            from span in Here
            from name in Tok(RawWord).Named("member name")
            select (Func<Expr, Expr>)(target => new MemberExpr(target, name, span));
        var index =
            from span in Here
            from open in Sym("[")
            from e in Expr
            from close in Sym("]")
            select (Func<Expr, Expr>)(target => new IndexExpr(target, e, span));

        var suffix = member.XOr(index);
        Parser<Expr> postfix = i =>
        {
            var p = primary(i);
            if (!p.WasSuccessful) return p;
            var acc = p.Value;
            var r = p.Remainder;
            while (true)
            {
                var next = suffix(r);
                if (!next.WasSuccessful)
                {
                    if (!next.Remainder.Equals(r)) return Result.Failure<Expr>(next.Remainder, next.Message, next.Expectations);
                    break;
                }
                acc = Bounded(next.Value(acc));
                r = next.Remainder;
            }
            return Result.Success(acc, r);
        };

        var unary = Prefixed(Op("-"), postfix, (n, operand) => new UnaryExpr("-", operand, n.Span));

        var multiplicative = Chain(Op("*", "/"), unary);
        var additive = Chain(Op("+", "-"), multiplicative);
        var comparisonOp = Op("==", "!=", "<=", ">=", "<", ">").XOr(KwOp("in")).XOr(KwOp("matches"));
        var comparison =
            from left in additive
            from rest in (from op in comparisonOp from right in additive select (op, right)).XOptional()
            select rest.IsDefined ? Bounded(new BinaryExpr(rest.Get().op.Op, left, rest.Get().right, rest.Get().op.Span)) : left;
        var not = Prefixed(KwOp("not"), comparison, (n, operand) => new UnaryExpr("not", operand, n.Span));
        var and = Chain(KwOp("and"), not);
        OrExpr = Chain(KwOp("or"), and);
        StandaloneExpression = from _ in Ws from e in Expr from end in Parse.End(Parse.Return(0)) select e;
    }

    /// <summary>Left-associative chains parsed iteratively (Sprache's ChainOperator recurses per operator).</summary>
    static Parser<Expr> Chain(Parser<(string Op, SourceSpan Span)> op, Parser<Expr> operand) => i =>
    {
        var first = operand(i);
        if (!first.WasSuccessful) return first;
        var acc = first.Value;
        var r = first.Remainder;
        while (true)
        {
            var o = op(r);
            if (!o.WasSuccessful) break;
            var right = operand(o.Remainder);
            if (!right.WasSuccessful) return right;
            acc = Bounded(new BinaryExpr(o.Value.Op, acc, right.Value, o.Value.Span));
            r = right.Remainder;
        }
        return Result.Success(acc, r);
    };

    // A left-associative chain (1 + 1 + … + 1) is as deep as it has operators, each nesting the previous ones: told as a
    // chain too long, not as "too deep", which a flat sum does not look.
    static Expr Bounded(Expr e) => e.Depth <= MaxExpressionDepth
        ? e
        : throw new SyntaxException(e is BinaryExpr { Left: BinaryExpr left } b && left.Depth >= b.Right.Depth
            ? Msg.ExpressionChainTooLong.With(MaxExpressionDepth) : Msg.ExpressionTooDeep.With(MaxExpressionDepth), e.Span);

    static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    // ---- declarations ----

    void BuildDeclarations()
    {
        var level = Tok(RawWord.Where(w => Levels.Contains(w))).Named("shall, should or may");
        Parser<SourceSpan> At(string keyword) => from span in Here from kw in Kw(keyword) select span;

        var provenance = Tok(RawWord.Where(w => Iq.Rules.Model.ProvenanceNames.All.Contains(w))).Named("measured, imported, reviewed or declared");
        // A fact path after 'requires': dotted names; a clause keyword on the next line ends the clause instead.
        var factPath =
            from span in Here
            from root in Tok(RawWord.Where(w => !AllKeywords.Contains(w)))
            from members in (from dot in Sym(".") from mspan in Here from m in Tok(RawWord).Named("member name") select (m, mspan)).XMany()
            select members.Aggregate((Expr)new NameExpr(root, span), (target, m) => new MemberExpr(target, m.m, m.mspan));
        var factPaths =
            from first in factPath
            from rest in (from comma in Sym(",") from p in factPath.Named("fact path") select p).XMany()
            select (IReadOnlyList<Expr>)[first, .. rest];

        // Item clauses
        var clause =
            (from s in At("level") from l in level select (ItemClause)new LevelClause(l, s))
            .XOr(from s in At("ref") from r in String select (ItemClause)new RefClause(r, s))
            .XOr(from s in At("weight") from w in SignedNumber select (ItemClause)new WeightClause(w, s))
            .XOr(from s in At("expect") from e in Expr select (ItemClause)new ExpectClause(e, s))
            .XOr(from s in At("when") from e in Expr
                 from reason in (from kw in Kw("because") from r in String.Named("reason") select r).XOptional()
                 select (ItemClause)new WhenClause(e, reason.GetOrDefault(), s))
            .XOr(from s in At("empty") from kw in Kw("notapplicable") from r in String.Named("reason") select (ItemClause)new EmptyClause(r, s))
            .XOr(from s in At("score") from e in Expr select (ItemClause)new ScoreClause(e, s))
            .XOr(from s in At("fix") from t in String select (ItemClause)new FixClause(t, s))
            .XOr(from s in At("manual") from t in String select (ItemClause)new ManualClause(t, s))
            .XOr(from s in At("informational") select (ItemClause)new InformationalClause(s))
            .XOr(from s in At("requires")
                 from first in provenance
                 from more in (from kw in Kw("or") from p in provenance select p).XMany()
                 from paths in factPaths.XOptional()
                 select (ItemClause)new RequiresClause([first, .. more], paths.GetOrElse([]), s));

        var foreachClause =
            from s in At("foreach")
            from v in Identifier
            from kwIn in Kw("in")
            from source in Expr
            select new ForeachSyntax(v, source, s);

        var item =
            from s in At("item")
            from id in String.Named("item id")
            from fe in foreachClause.XOptional()
            from title in String.Named("item title")
            from open in Sym("{")
            from clauses in Block(clause)
            select (Declaration)new ItemSyntax(id, fe.GetOrDefault(), title, clauses, s);

        var let =
            from s in At("let")
            from name in Identifier
            from eq in Tok(RawOperator(["="])).Named("'='")
            from value in Expr
            select (Declaration)new LetSyntax(name, value, s);

        var param =
            from s in At("param")
            from name in Identifier
            from type in (from colon in Sym(":") from t in Tok(RawWord.Where(w => TypeNames.Contains(w))).Named("type name") select t).XOptional()
            from eq in Tok(RawOperator(["="])).Named("'='")
            from value in Expr
            from tool in Kw("tool_default").XOptional()
            select (Declaration)new ParamSyntax(name, type.GetOrDefault(), value, s, tool.IsDefined);

        Parser<Declaration>? section = null;
        var member = Parse.Ref(() => section!).XOr(item).XOr(let);
        section =
            from s in At("section")
            from id in String.Named("section id")
            from title in String.Named("section title")
            from weight in (from kw in Kw("weight") from w in SignedNumber select w).XOptional()
            from open in Sym("{")
            from members in Block(member)
            select (Declaration)new SectionSyntax(id, title, weight.GetOrDefault(), members, s);

        // Header
        var scoringModel = Tok(Parse.Char(c => IsAsciiLetter(c) || c is '_' or '-', "scoring model").AtLeastOnce().Text()).Named("scoring model");
        var setting =
            (from s in At("title") from t in String select (HeaderSetting)new TitleSetting(t, s))
            .XOr(from s in At("version") from v in String select (HeaderSetting)new VersionSetting(v, s))
            .XOr(from s in At("scoring")
                 from model in scoringModel
                 from passAt in (from kw in Kw("pass_at")
                                 from v in SignedNumber.Select(n => (Number: n, Param: ((string, SourceSpan)?)null))
                                     .Or(from at in Here from name in Identifier select (Number: (LiteralExpr?)null, Param: ((string, SourceSpan)?)(name, at)))
                                 select v).XOptional()
                 from veto in (from kw in Kw("veto") from l in level select l).XOptional()
                 select (HeaderSetting)new ScoringSetting(model, passAt.IsDefined ? passAt.Get().Number : null, veto.GetOrDefault(), s)
                     { PassAtParam = passAt.IsDefined ? passAt.Get().Param : null })
            .XOr(from s in At("set")
                 from name in Identifier
                 from eq in Tok(RawOperator(["="])).Named("'='")
                 from value in Expr
                 select (HeaderSetting)new SetSetting(name, value, s))
            .XOr(from s in At("disable")
                 from id in String.Named("item or section id")
                 from kw in Kw("because")
                 from reason in String.Named("reason")
                 select (HeaderSetting)new DisableSetting(id, reason, s))
            .XOr(from s in At("weight")
                 from id in String.Named("item or section id")
                 from w in SignedNumber
                 select (HeaderSetting)new ReweightSetting(id, w, s));

        var header =
            from s in At("checklist")
            from id in String.Named("checklist id")
            from ext in (from kw in Here from e in Kw("extends") from path in String.Named("base checklist file") select (path, kw)).XOptional()
            from open in Sym("{")
            from settings in Block(setting)
            select new HeaderSyntax(id, ext.IsDefined ? ext.Get().path : null, ext.IsDefined ? ext.Get().kw : null, settings, s);

        var declaration = param.XOr(let).XOr(section).XOr(item);
        File =
            from _ in Ws
            from s in Here
            from h in header
            from decls in UntilEnd(declaration)
            select new ChecklistSyntax(_file, h, decls, s);
    }

    /// <summary>Elements up to a closing brace. On a token that is neither, the message lists both
    /// what an element may start with and '}' (Sprache's Many would keep only the '}').</summary>
    Parser<IReadOnlyList<T>> Block<T>(Parser<T> element) => i =>
    {
        var items = new List<T>();
        var r = i;
        while (true)
        {
            var close = Sym("}")(r);
            if (close.WasSuccessful) return Result.Success<IReadOnlyList<T>>(items, close.Remainder);
            var e = element(r);
            if (e.WasSuccessful) { items.Add(e.Value); r = e.Remainder; continue; }
            if (!e.Remainder.Equals(r)) return Result.Failure<IReadOnlyList<T>>(e.Remainder, e.Message, e.Expectations);
            return Result.Failure<IReadOnlyList<T>>(r, "unexpected", e.Expectations.Append("'}'"));
        }
    };

    Parser<IReadOnlyList<T>> UntilEnd<T>(Parser<T> element) => i =>
    {
        var items = new List<T>();
        var r = i;
        while (!r.AtEnd)
        {
            var e = element(r);
            if (e.WasSuccessful) { items.Add(e.Value); r = e.Remainder; continue; }
            if (!e.Remainder.Equals(r)) return Result.Failure<IReadOnlyList<T>>(e.Remainder, e.Message, e.Expectations);
            return Result.Failure<IReadOnlyList<T>>(r, "unexpected", e.Expectations.Append("end of file"));
        }
        return Result.Success<IReadOnlyList<T>>(items, r);
    };
}
