using System.CommandLine;
using Iq.Engine.Facts;

namespace Iq.Cli.Commands;

/// <summary><c>iq schema --kind plan</c> prints a document kind's JSON Schema; <c>--markdown</c> the fact reference.</summary>
static class SchemaCommand
{
    public static Command Create(TextWriter stdout)
    {
        var kind = new Option<string?>("--kind") { Description = "The document kind (environment, software, plan, tests, baseline, logs, manifest, rollback, model, model_description, model_measurements, attestations, custom), or results" };
        var markdown = new Option<bool>("--markdown") { Description = "Print the fact reference (docs/facts.md) instead" };
        var command = new Command("schema", "Print the JSON Schema of a fact document kind, or the fact reference");
        command.Options.Add(kind);
        command.Options.Add(markdown);
        command.SetAction(parse =>
        {
            if (parse.GetValue(markdown))
            {
                stdout.Write(SchemaDocs.Markdown(FactSchema.Default));
                return ExitCodes.Pass;
            }
            var name = parse.GetValue(kind) ?? throw new UsageException("give --kind KIND or --markdown");
            if (name == "results")
            {
                stdout.Write(Scoring.Reports.ResultsSchema.Text);
                return ExitCodes.Pass;
            }
            var root = FactSchema.Default.Roots.FirstOrDefault(r => r.Kind == name)
                       ?? throw new UsageException($"unknown kind '{name}'; expected {string.Join(", ", FactSchema.Default.Roots.Select(r => r.Kind))} or results");
            stdout.Write(SchemaDocs.JsonSchema(root));
            return ExitCodes.Pass;
        });
        return command;
    }
}
