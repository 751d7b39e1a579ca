using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Iq.Rules.Messages;

namespace Iq.Cli.Conventions;

/// <summary><c>--help</c> in the user's language: usage, arguments, options, the options of every command, and the exit
/// code table (<see cref="ExitCodes.Table"/>), for the root and each command alike.</summary>
public static class HelpWriter
{
    public static void Write(Command command, CliContext ctx, TextWriter o)
    {
        var root = command.Parents.OfType<Command>().FirstOrDefault() is null;
        // The command as typed, its parents included (iq fleet run, not iq run).
        var path = new List<string>();
        for (var c = command; c.Parents.OfType<Command>().FirstOrDefault() is { } parent; c = parent) path.Insert(0, c.Name);
        var name = string.Join(' ', path.Prepend("iq"));
        o.WriteLine(root ? ctx.T(Msg.HelpTitle) : $"{name} — {command.Description}");
        o.WriteLine();
        o.WriteLine(ctx.T(Msg.HelpUsage));
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var usage = string.Join(" ", arguments.Select(a =>
        {
            var label = a.HelpName ?? a.Name.ToUpperInvariant();
            if (a.Arity.MaximumNumberOfValues > 1) label += "…";
            return a.Arity.MinimumNumberOfValues == 0 ? $"[{label}]" : label;
        }));
        o.WriteLine(root
            ? $"  iq {ctx.T(Msg.HelpCommandWord).ToUpperInvariant()} [{ctx.T(Msg.HelpOptionsWord)}]"
            : $"  {name}{(usage.Length > 0 ? " " + usage : "")} [{ctx.T(Msg.HelpOptionsWord)}]");

        if (arguments.Count > 0)
            Section(o, ctx.T(Msg.HelpArguments), arguments.Select(a => (a.HelpName ?? a.Name.ToUpperInvariant(), a.Description ?? "")));
        // Every command that has commands lists them (iq fleet: run, report, export), not the root alone.
        if (command.Subcommands.Any(c => !c.Hidden))
            Section(o, ctx.T(Msg.HelpCommands), command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")));

        var own = command.Options.Where(x => !x.Hidden && !x.Recursive && x is not HelpOption && x is not VersionOption).ToList();
        var aliases = command.Options.Where(x => x.Hidden && !x.Recursive).ToList();
        if (own.Count > 0)
            Section(o, ctx.T(Msg.HelpOptions), own.Select(x => (Label(x), Describe(x, ctx))));
        var global = Globals(command).ToList();
        Section(o, ctx.T(Msg.HelpGlobal), global.Select(x => (Label(x), x is HelpOption ? ctx.T(Msg.OptHelp) : x is VersionOption ? ctx.T(Msg.OptVersion) : x.Description ?? "")));
        if (aliases.Count > 0)
        {
            o.WriteLine();
            foreach (var a in aliases)
            {
                var argument = arguments.FirstOrDefault(x => x.HelpName == a.HelpName);
                o.WriteLine($"  {(argument?.HelpName ?? a.HelpName)}{ctx.T(Msg.HelpAlias.With($"{a.Name} {a.HelpName}"))}");
            }
        }
        Section(o, ctx.T(Msg.HelpExitCodes), ExitCodes.Table.Select(e => (e.Code, ctx.T(e.Meaning))));
        if (root)
        {
            o.WriteLine();
            o.WriteLine(ctx.T(Msg.HelpMore));
        }
    }

    static IEnumerable<Option> Globals(Command command)
    {
        var chain = new List<Command> { command };
        for (var p = command.Parents.OfType<Command>().FirstOrDefault(); p is not null; p = p.Parents.OfType<Command>().FirstOrDefault()) chain.Add(p);
        var root = chain[^1];
        return root.Options.Where(x => x.Recursive || x is HelpOption || x is VersionOption && command == root).Where(x => !x.Hidden);
    }

    static string Label(Option option)
    {
        if (option is HelpOption) return "-h, --help";
        if (option is VersionOption) return "--version";
        var names = option.Aliases.OrderBy(a => a.Length).Append(option.Name).Distinct();
        var value = option.ValueType == typeof(bool) ? "" : " " + (option.HelpName ?? "VALUE");
        return string.Join(", ", names) + value;
    }

    static string Describe(Option option, CliContext ctx)
    {
        var text = option.Description ?? "";
        if (option.ValueType != typeof(bool) && option.HasDefaultValue && option.GetDefaultValue() is { } d && d is not Array)
            text += ctx.T(Msg.HelpDefault.With(d.ToString()));
        return text;
    }

    static void Section(TextWriter o, string title, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        o.WriteLine();
        o.WriteLine(title);
        var width = list.Max(r => r.Left.Length) + 2;
        foreach (var (left, right) in list) o.WriteLine($"  {left.PadRight(width)}{right}".TrimEnd());
    }

    /// <summary>The <c>--help</c> action: writes this help instead of the parser's English one.</summary>
    public sealed class Action(CliContext ctx) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Write(parseResult.CommandResult.Command, ctx, ctx.Out);
            return ExitCodes.Pass;
        }
    }
}
