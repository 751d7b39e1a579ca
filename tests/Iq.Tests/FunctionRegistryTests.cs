using System.Text.RegularExpressions;
using Iq.Rules.Builtins;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>The functions are declared once (FunctionRegistry); the language reference and the run-time methods must agree with it.</summary>
public class FunctionRegistryTests
{
    [Fact]
    public void The_language_reference_lists_exactly_the_registry()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "language.md"));
        var table = Regex.Match(docs, "<!-- functions: generated from FunctionRegistry.MarkdownTable\\(\\) -->\n(.*?)<!-- end functions -->", RegexOptions.Singleline);
        Assert.True(table.Success, "docs/language.md has no generated functions table");
        var expected = FunctionRegistry.MarkdownTable();
        Assert.True(expected == table.Groups[1].Value, "docs/language.md's functions table differs from the registry; replace it with:\n" + expected);
    }

    [Fact]
    public void Every_signature_names_a_method_that_takes_its_arguments()
    {
        foreach (var s in FunctionRegistry.All.SelectMany(f => f.Signatures))
        {
            Assert.True(s.Method.IsStatic, $"{s.Usage}: {s.Method.Name} must be static");
            var taken = s.Method.GetParameters().Where(p => p.ParameterType != typeof(DateTimeOffset) && p.ParameterType != typeof(ArgumentPath)).ToList();
            var given = s.IsVariadic ? 1 : s.Params.Count;
            Assert.True(taken.Count >= given && taken.Skip(given).All(p => p.IsOptional), $"{s.Usage}: {s.Method.Name} takes {taken.Count} arguments");
            for (var i = 0; i < given; i++)
            {
                var wanted = s.Params[i].IsLambda ? typeof(Func<object?, object?>)
                    : s.Params[i].Kind == ArgKind.Lazy ? typeof(Func<object?>)
                    : s.Params[i].Kind == ArgKind.ItemId ? typeof(ItemOutcomeFact) : typeof(object);
                Assert.True(taken[i].ParameterType == wanted, $"{s.Usage}: parameter {i} of {s.Method.Name} is {taken[i].ParameterType.Name}, not {wanted.Name}");
            }
        }
    }

    [Fact]
    public void Forms_of_one_function_differ_in_arity_unless_one_takes_values()
    {
        foreach (var f in FunctionRegistry.All)
            foreach (var n in Enumerable.Range(0, 6))
            {
                var forms = f.Signatures.Where(s => s.Accepts(n)).ToList();
                Assert.True(forms.Count <= 1 || forms.Count == 2 && forms.Count(s => s.IsVariadic) == 1 && forms.Any(s => s.Params[0].IsList),
                    $"{f.Name}: {forms.Count} forms take {n} arguments; the binder could not choose");
            }
    }
}
