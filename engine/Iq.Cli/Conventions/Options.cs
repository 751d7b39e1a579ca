using System.CommandLine;
using Iq.Rules.Messages;

namespace Iq.Cli.Conventions;

/// <summary>The options every command has (recursive on the root): <c>--lang</c>, <c>-q/--quiet</c>, <c>-v/--verbose</c>, <c>--max-input-size</c>.</summary>
public sealed class GlobalOptions
{
    public readonly Option<string?> Lang;
    public readonly Option<bool> Quiet;
    public readonly Option<bool> Verbose;
    public readonly Option<string?> MaxInputSize;

    public GlobalOptions(CliContext ctx)
    {
        Lang = new Option<string?>("--lang") { Description = ctx.T(Msg.OptLang), HelpName = "zh|en", Recursive = true };
        Quiet = new Option<bool>("--quiet", "-q") { Description = ctx.T(Msg.OptQuiet), Recursive = true };
        Verbose = new Option<bool>("--verbose", "-v") { Description = ctx.T(Msg.OptVerbose), Recursive = true };
        MaxInputSize = new Option<string?>(Iq.Rules.Io.InputLimits.Option) { Description = ctx.T(Msg.OptMaxInputSize), HelpName = "SIZE", Recursive = true };
    }

    public IEnumerable<Option> All => [Lang, Quiet, Verbose, MaxInputSize];

    /// <summary>The language asked for on the command line, before the commands are built (their help is in it).</summary>
    public static string? ScanLang(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--") break;
            if (args[i] == "--lang" && i + 1 < args.Count) return args[i + 1];
            if (args[i].StartsWith("--lang=", StringComparison.Ordinal) || args[i].StartsWith("--lang:", StringComparison.Ordinal)) return args[i][7..];
        }
        return null;
    }
}

/// <summary>A command's main input: positional (<c>iq baseline MODEL</c>), with the option it used to be
/// (<c>--model</c>) kept working as an alias. One of the two, not both.</summary>
public sealed class MainInput
{
    public readonly Argument<string?> Argument;
    public readonly Option<string?> Alias;
    readonly string _name;

    public MainInput(string name, string alias, string description)
    {
        _name = name.ToUpperInvariant();
        Argument = new Argument<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne, HelpName = _name };
        Alias = new Option<string?>(alias) { Description = description, HelpName = _name, Hidden = true };
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Argument);
        command.Options.Add(Alias);
    }

    /// <summary>The input, or null when neither form was given.</summary>
    public string? Read(ParseResult parse)
    {
        var positional = parse.GetValue(Argument);
        var option = parse.GetValue(Alias);
        if (positional is not null) CommandLineErrors.RejectOptionLike(positional, parse);
        if (positional is not null && option is not null && positional != option)
            throw new UsageException(Msg.TwoInputs.With(_name, Alias.Name));
        return positional ?? option;
    }

    public string Require(ParseResult parse) => Read(parse) ?? throw new UsageException(Msg.MissingInput.With(_name, Alias.Name));
}

/// <summary>Options that mean the same thing in every command, made in one place so they have one name and one text:
/// <c>--facts DIR</c> (a bundle to read), <c>--out DIR</c> (a folder to write into), <c>-o/--output FILE</c> (a file to
/// write, <c>-</c> for stdout), <c>--as-of</c>, the checklist argument.</summary>
public static class Opts
{
    public static Option<string[]> Facts(CliContext ctx) =>
        new("--facts") { Description = ctx.T(Msg.OptFacts), HelpName = "DIR", AllowMultipleArgumentsPerToken = false };

    public static Option<string> OutBundle(CliContext ctx, Message? description = null) =>
        new("--out") { Description = ctx.T(description ?? Msg.OptOutBundle), HelpName = "DIR", DefaultValueFactory = _ => "iq-facts" };

    public static Option<string?> Output(CliContext ctx, Message? description = null) =>
        new("--output", "-o") { Description = ctx.T(description ?? Msg.OptOutput), HelpName = "FILE" };

    public static Option<string?> AsOf(CliContext ctx) => new("--as-of") { Description = ctx.T(Msg.OptAsOf), HelpName = "DATE" };

    /// <summary>The checklist as the main input; the bundled IQ checklist when omitted.</summary>
    public static Argument<string?> Checklist(CliContext ctx) =>
        new("checklist") { Description = ctx.T(Msg.ArgChecklist), Arity = ArgumentArity.ZeroOrOne, HelpName = "CHECKLIST" };

    /// <summary>A value among fixed choices, checked with a message in the user's language (not the parser's English).</summary>
    public static string OneOf(string option, string value, IReadOnlyList<string> choices) =>
        choices.Contains(value) ? value : throw new UsageException(Msg.NotOneOf.With(option, value, Localized.OrList(choices)));
}
