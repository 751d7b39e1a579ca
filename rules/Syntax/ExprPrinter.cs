using System.Text;
using Iq.Rules.Ast;

namespace Iq.Rules.Syntax;

/// <summary>Prints an expression back as checklist text, for evidence and explain output.</summary>
public static class ExprPrinter
{
    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, e, 0);
        return sb.ToString();
    }

    static int Precedence(string op) => op switch
    {
        "or" => 1, "and" => 2, "not" => 3,
        "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" or "matches" => 4,
        "+" or "-" => 5, "*" or "/" => 6, _ => 7,
    };

    static void Write(StringBuilder sb, Expr e, int outer)
    {
        switch (e)
        {
            case LiteralExpr l: sb.Append(l.Text); break;
            case NameExpr n: sb.Append(n.Name); break;
            case MemberExpr m: Write(sb, m.Target, 8); sb.Append('.').Append(m.Member); break;
            case IndexExpr x: Write(sb, x.Target, 8); sb.Append('['); Write(sb, x.Index, 0); sb.Append(']'); break;
            case ListExpr list:
                sb.Append('[');
                for (var i = 0; i < list.Items.Count; i++) { if (i > 0) sb.Append(", "); Write(sb, list.Items[i], 0); }
                sb.Append(']');
                break;
            case CallExpr c:
                sb.Append(c.Function).Append('(');
                for (var i = 0; i < c.Arguments.Count; i++) { if (i > 0) sb.Append(", "); Write(sb, c.Arguments[i], 0); }
                sb.Append(')');
                break;
            case LambdaExpr lam: sb.Append(lam.Parameter).Append(" => "); Write(sb, lam.Body, 0); break;
            case ScriptExpr: sb.Append("csharp { … }"); break;
            case UnaryExpr u:
            {
                var p = u.Operator == "not" ? 3 : 7;
                if (p < outer) sb.Append('(');
                sb.Append(u.Operator == "not" ? "not " : "-");
                Write(sb, u.Operand, p);
                if (p < outer) sb.Append(')');
                break;
            }
            case BinaryExpr b:
            {
                var p = Precedence(b.Operator);
                if (p < outer) sb.Append('(');
                Write(sb, b.Left, p);
                sb.Append(' ').Append(b.Operator).Append(' ');
                Write(sb, b.Right, p + 1);
                if (p < outer) sb.Append(')');
                break;
            }
        }
    }
}
