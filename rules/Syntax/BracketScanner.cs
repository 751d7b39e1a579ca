using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Rules.Syntax;

/// <summary>The first pass: a light scan over strings, comments and brackets. It bounds nesting before the
/// recursive-descent parser runs (100,000 open brackets would otherwise overflow the stack), and gives
/// unclosed, stray and mismatched brackets and unterminated strings messages that point at the culprit.</summary>
static class BracketScanner
{
    public const int MaxNesting = 64;

    public static bool IsBlank(string text)
    {
        var inComment = false;
        foreach (var c in text)
        {
            if (inComment) { if (c == '\n') inComment = false; continue; }
            if (c == '#') { inComment = true; continue; }
            if (!char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    public static void Scan(string text, string file, DiagnosticBag diagnostics)
    {
        var stack = new Stack<(char Open, int Line, int Column)>();
        int line = 1, column = 1;
        for (var i = 0; i < text.Length; i++, column++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    line++; column = 0;
                    break;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] != '\n') { i++; column++; }
                    break;
                case '"':
                {
                    int startLine = line, startColumn = column;
                    var closed = false;
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++; column++;
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] != '\n') { i++; column++; continue; }
                        if (text[i] == '"') { closed = true; break; }
                    }
                    if (!closed)
                        diagnostics.Error(Msg.UnterminatedString.Text,
                            new SourceSpan(file, startLine, startColumn));
                    break;
                }
                case '(' or '[' or '{':
                    if (stack.Count == MaxNesting)
                    {
                        diagnostics.Error(Msg.NestingTooDeep.With(MaxNesting),
                            new SourceSpan(file, line, column, i));
                        return;
                    }
                    stack.Push((c, line, column));
                    break;
                case ')' or ']' or '}':
                    var opener = Opener(c);
                    // Nothing this closes, inside a block: a stray closer. Inside ( or [ it is more likely a typo
                    // for the expected closer, and treating it so avoids a cascade of errors after it.
                    if (!stack.Any(o => o.Open == opener) && (stack.Count == 0 || stack.Peek().Open == '{'))
                    {
                        // Nothing this closes: a stray closer. Report it and leave what is open alone.
                        diagnostics.Error(Msg.UnmatchedBracket.With(c.ToString(), opener.ToString()), new SourceSpan(file, line, column, i));
                        break;
                    }
                    var open = stack.Pop();
                    if (open.Open != opener)
                    {
                        diagnostics.Error(Msg.MismatchedBracket.With(c.ToString(), Closer(open.Open).ToString(), open.Open.ToString(), open.Line, open.Column),
                            new SourceSpan(file, line, column, i));
                        while (stack.Any(o => o.Open == opener) && stack.Pop().Open != opener) { }
                    }
                    break;
            }
        }
        if (stack.Count > 0)
        {
            var open = stack.Peek();
            diagnostics.Error(Msg.UnclosedBracket.With(open.Open.ToString(), Closer(open.Open).ToString()),
                new SourceSpan(file, open.Line, open.Column));
        }
    }

    static char Closer(char open) => open switch { '(' => ')', '[' => ']', _ => '}' };
    static char Opener(char close) => close switch { ')' => '(', ']' => '[', _ => '{' };
}
