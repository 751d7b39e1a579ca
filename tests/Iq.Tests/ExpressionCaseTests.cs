using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>Every operator, function, unit and rule of missing evidence, as data: Cases/expressions.txt.</summary>
public class ExpressionCaseTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    static readonly Lazy<FactValues> Facts = new(() =>
    {
        var bundle = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default);
        Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics));
        return bundle.Values;
    });
    static readonly Lazy<string> Context = new(() => File.ReadAllText(TestPaths.Case("context.iq")));

    public static IEnumerable<object[]> Cases => CaseFile.Load("expressions.txt");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expression_evaluates_as_expected(string where, string expression, string expected)
    {
        Assert.Equal(expected, Run(expression));
        Assert.NotEmpty(where);
    }

    public static string Run(string expression)
    {
        var (compiled, diagnostics) = ChecklistCompiler.CompileExpression(ChecklistSource.FromText(Context.Value, "context.iq"), expression, "expr", FactSchema.Default);
        if (compiled is null)
        {
            var d = diagnostics[0];
            return $"{d.Code} @{d.Span.Line}:{d.Span.Column} {d.Message}";
        }
        try
        {
            return compiled.Evaluate(Facts.Value, Now) switch
            {
                Missing m => $"missing({m.Describe()})",
                var v => ValueFormatter.Format(v, compiled.Type),
            };
        }
        catch (EvaluationException e)
        {
            return "error: " + e.Message;
        }
    }

    [Fact]
    public void There_are_at_least_150_cases() => Assert.True(Cases.Count() >= 150, $"{Cases.Count()} cases");
}
