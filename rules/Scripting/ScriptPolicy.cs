using Iq.Rules.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Iq.Rules.Scripting;

/// <summary>What a <c>csharp { … }</c> block may call, checked when it is compiled. A script runs inside the audit: were it
/// allowed to, it could end the process with a success code (<c>Environment.Exit(0)</c>) before any report is written,
/// print a fake verdict, rewrite the reports or the evidence, reach the network, or hide all of that behind reflection. So
/// it may use only the namespaces that compute (System's values and strings, collections, LINQ, text and regular
/// expressions, globalization) and the facts it is given; within System, process control (Environment, AppDomain, GC),
/// the console, and reflection (Type's members, Activator, GetType) are refused too; <c>dynamic</c> (which would bind
/// at run time, past this check), <c>stackalloc</c> (a stack that overflows kills the process) and recursion (a local
/// function or a delegate that calls itself can overflow the stack, which no handler survives) are refused. Loops that
/// never end are caught at run time instead, by the time limit.</summary>
static class ScriptPolicy
{
    /// <summary>Changes whenever the rules below change, so that scripts compiled under older rules are compiled again.</summary>
    public const string Version = "policy-1";

    static readonly HashSet<string> AllowedNamespaces =
        ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Text.RegularExpressions",
         "System.Globalization", "Iq.Rules.Scripting", "<global namespace>"];

    static readonly Dictionary<string, string> DeniedTypes = new(StringComparer.Ordinal)
    {
        ["System.Environment"] = "process control", ["System.AppDomain"] = "process control", ["System.AppContext"] = "process control",
        ["System.GC"] = "process control", ["System.Console"] = "console", ["System.Activator"] = "reflection", ["System.Type"] = "reflection",
        ["System.RuntimeTypeHandle"] = "reflection", ["System.RuntimeMethodHandle"] = "reflection", ["System.RuntimeFieldHandle"] = "reflection",
        ["System.TypedReference"] = "reflection", ["System.ArgIterator"] = "reflection", ["System.ModuleHandle"] = "reflection",
        ["System.Delegate"] = "reflection", ["System.MulticastDelegate"] = "reflection", ["System.IntPtr"] = "memory", ["System.UIntPtr"] = "memory",
    };

    static string Category(string ns) =>
        ns.StartsWith("System.IO", StringComparison.Ordinal) ? "files"
        : ns.StartsWith("System.Net", StringComparison.Ordinal) ? "network"
        : ns.StartsWith("System.Threading", StringComparison.Ordinal) ? "threads"
        : ns.StartsWith("System.Reflection", StringComparison.Ordinal) || ns.StartsWith("System.Runtime", StringComparison.Ordinal) ? "reflection"
        : ns.StartsWith("System.Diagnostics", StringComparison.Ordinal) ? "process control"
        : "outside what a script may use";

    static readonly Dictionary<string, string> Why = new(StringComparer.Ordinal)
    {
        ["process control"] = "it could end the audit with a success code before the report is written",
        ["console"] = "it could print a verdict that is not the audit's",
        ["reflection"] = "it reaches anything by name, past these checks",
        ["files"] = "it could change the evidence or the reports",
        ["network"] = "an audit reads its inputs, nothing else",
        ["threads"] = "work on another thread escapes the time limit",
        ["memory"] = "raw memory escapes every check",
        ["stack"] = "a stack that overflows ends the process, and no handler survives that",
        ["outside what a script may use"] = "scripts compute with values, strings, collections and the facts",
    };

    public static void Check(SemanticModel model, SyntaxNode root, DiagnosticBag diagnostics)
    {
        var reported = new HashSet<(string, int)>();
        void Refuse(SyntaxNode at, string what, string category)
        {
            var span = at.GetLocation().GetMappedLineSpan();
            if (!reported.Add((what, span.StartLinePosition.Line))) return;
            var why = Why.TryGetValue(category, out var w) ? $": {w}" : "";
            diagnostics.Error(Messages.Msg.ScriptNotAllowed.With(what, category, why),
                new SourceSpan(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        }

        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                    Refuse(node, "stackalloc", "stack");
                    continue;
                case LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    CheckRecursion(node);
                    break;
            }
            if (node is not (SimpleNameSyntax or PredefinedTypeSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                or InvocationExpressionSyntax or ElementAccessExpressionSyntax or CastExpressionSyntax)) continue;
            if (model.GetTypeInfo(node).Type is { TypeKind: TypeKind.Dynamic } || model.GetTypeInfo(node).ConvertedType is { TypeKind: TypeKind.Dynamic })
            {
                Refuse(node, "dynamic", "reflection");
                continue;
            }
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            switch (symbol)
            {
                case null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol:
                    continue;
                case ITypeSymbol type:
                    CheckType(node, type);
                    break;
                case IMethodSymbol { Name: "GetType", ContainingType.SpecialType: SpecialType.System_Object }:
                    Refuse(node, "GetType()", "reflection");
                    break;
                default:
                    if (symbol.ContainingType is { } owner) CheckType(node, owner);
                    if (symbol is IMethodSymbol m)
                        foreach (var t in m.TypeArguments) CheckType(node, t);
                    break;
            }
        }

        void CheckType(SyntaxNode at, ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array: CheckType(at, array.ElementType); return;
                case IPointerTypeSymbol or IFunctionPointerTypeSymbol: Refuse(at, "pointers", "memory"); return;
                case { TypeKind: TypeKind.Dynamic }: Refuse(at, "dynamic", "reflection"); return;
                case ITypeParameterSymbol: return;
            }
            if (type is INamedTypeSymbol named)
            {
                foreach (var arg in named.TypeArguments) CheckType(at, arg);
                if (named.ContainingType is { } outer) { CheckType(at, outer); }
            }
            var full = type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
            if (DeniedTypes.TryGetValue(full, out var category) && category.Length > 0) { Refuse(at, full, category); return; }
            var ns = type.ContainingNamespace?.ToDisplayString() ?? "<global namespace>";
            if (!AllowedNamespaces.Contains(ns)) Refuse(at, full, Category(ns));
        }

        void CheckRecursion(SyntaxNode function)
        {
            SyntaxNode? body = function switch
            {
                LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
                AnonymousFunctionExpressionSyntax a => a.Body,
                _ => null,
            };
            if (body is null) return;
            foreach (var call in body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
            {
                var target = model.GetSymbolInfo(call.Expression).Symbol;
                if (target is IMethodSymbol { MethodKind: MethodKind.LocalFunction } local)
                    Refuse(call, $"calling the local function {local.Name} from a function of the script (recursion)", "stack");
                else if (target is ILocalSymbol or IParameterSymbol && model.GetTypeInfo(call.Expression).Type is { TypeKind: TypeKind.Delegate })
                    Refuse(call, $"calling the delegate {call.Expression} from a function of the script (recursion)", "stack");
            }
        }
    }
}
