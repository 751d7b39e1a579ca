using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Facts;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary><c>iq schema KIND</c> prints a document kind's JSON Schema (<c>--kind KIND</c> still works); <c>--markdown</c>
/// the fact reference.</summary>
static class SchemaCommand
{
    public static Command Create(CliContext ctx)
    {
        // One list for the help and the error message: the fact kinds the schema declares, and the results file.
        var kinds = FactSchema.Default.Roots.Select(r => r.Kind).Append("results").ToList();
        var kind = new MainInput("kind", "--kind", ctx.T(Msg.ArgKind.With(Localized.OrList(kinds))));
        var markdown = new Option<bool>("--markdown") { Description = ctx.T(Msg.OptMarkdown) };
        var command = new Command("schema", ctx.T(Msg.CmdSchema));
        kind.AddTo(command);
        command.Options.Add(markdown);
        command.SetAction(parse =>
        {
            if (parse.GetValue(markdown))
            {
                ctx.Out.Write(SchemaDocs.Markdown(FactSchema.Default));
                return ExitCodes.Pass;
            }
            var name = kind.Read(parse) ?? throw new UsageException(Msg.GiveKind.With(Localized.OrList(kinds)));
            if (name == "results")
            {
                ctx.Out.Write(Scoring.Reports.ResultsSchema.Text);
                return ExitCodes.Pass;
            }
            var root = FactSchema.Default.Roots.FirstOrDefault(r => r.Kind == name)
                       ?? throw new UsageException(Msg.UnknownKindOption.With(name, Localized.OrList(kinds)));
            ctx.Out.Write(SchemaDocs.JsonSchema(root));
            return ExitCodes.Pass;
        });
        return command;
    }
}
