using Iq.Rules.Ast;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Sprache;

namespace Iq.Rules.Syntax;

/// <summary>Text to syntax tree: blank check, bracket scan, then the Sprache grammar.</summary>
public static class ChecklistParser
{
    public static ChecklistSyntax? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        if (BracketScanner.IsBlank(text))
        {
            diagnostics.Error(Msg.EmptyFile.Text, SourceSpan.None(file));
            return null;
        }
        var before = diagnostics.Items.Count;
        BracketScanner.Scan(text, file, diagnostics);
        if (diagnostics.Items.Count > before) return null;
        return Run(new ChecklistGrammar(file).File!, text, file, diagnostics);
    }

    /// <summary>One expression on its own (the expression test cases and <c>--set</c> values use this).</summary>
    public static Expr? ParseExpression(string text, string file, DiagnosticBag diagnostics)
    {
        var before = diagnostics.Items.Count;
        BracketScanner.Scan(text, file, diagnostics);
        if (diagnostics.Items.Count > before) return null;
        return Run(new ChecklistGrammar(file).StandaloneExpression!, text, file, diagnostics);
    }

    static T? Run<T>(Parser<T> parser, string text, string file, DiagnosticBag diagnostics) where T : class
    {
        try
        {
            var result = parser(new SourceInput(text));
            if (result.WasSuccessful) return result.Value;
            var at = result.Remainder;
            diagnostics.Error(Describe(at, result.Expectations), new SourceSpan(file, at.Line, at.Column, at.Position));
        }
        catch (SyntaxException e)
        {
            diagnostics.Error(e.Text, e.Span);
        }
        return null;
    }

    static MessageText Describe(IInput at, IEnumerable<string> expectations)
    {
        var expected = expectations.Distinct().ToList();
        var found = Found(at);
        if (found is string quoted && quoted.StartsWith('\'') && quoted.Length > 3)
        {
            var word = quoted[1..^1];
            var suggestion = expected.Where(e => e.StartsWith('\'') && e.Length > 2)
                .Select(e => e[1..^1])
                .Where(k => k.All(char.IsAsciiLetter) && Text.Distance(k, word) <= 2 && word.Length >= 3)
                .OrderBy(k => Text.Distance(k, word)).FirstOrDefault();
            if (suggestion != null) return Msg.UnknownKeyword.With(quoted, suggestion);
        }
        return expected.Count == 0 ? Msg.Unexpected.With(found) : Msg.UnexpectedExpected.With(found, Localized.OrList(expected.Select(Msg.GrammarWord)));
    }

    static object Found(IInput at)
    {
        if (at.AtEnd) return Msg.EndOfFile.Text;
        var c = at.Current;
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var word = new System.Text.StringBuilder();
            for (var r = at; !r.AtEnd && (char.IsAsciiLetterOrDigit(r.Current) || r.Current == '_') && word.Length < 40; r = r.Advance())
                word.Append(r.Current);
            return $"'{word}'";
        }
        if (char.IsAsciiDigit(c)) return "number";
        if (c == '"') return "string";
        return $"'{c}'";
    }
}
