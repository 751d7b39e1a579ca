using System.CommandLine;
using System.CommandLine.Parsing;
using Iq.Rules.Messages;
using Iq.Rules.Syntax;

namespace Iq.Cli.Conventions;

/// <summary>Parse errors in the user's language, each with a code: an unknown option is named with the closest option of
/// that command (<c>--fatcs</c> → did you mean '--facts'?), an unknown command with the closest command.</summary>
public static class CommandLineErrors
{
    public static IReadOnlyList<MessageText> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        // A token that looks like an option but is none (the parser took it as an argument, or left it over) is an unknown
        // option; what follows it is most likely its value, so the unknown options alone are reported.
        var unknown = new List<MessageText>();
        foreach (var t in parse.Tokens)
        {
            if (t.Type == TokenType.DoubleDash) break;
            // A number (-5) or an offset (-03:00, iq logs --tz) is a value: no option's name starts with a digit.
            if (t.Type == TokenType.Argument && t.Value.StartsWith('-') && t.Value != "-" && !double.TryParse(t.Value, System.Globalization.CultureInfo.InvariantCulture, out _)
                && !(t.Value.Length > 1 && char.IsAsciiDigit(t.Value[1])))
                unknown.Add(Unknown(t.Value, command));
        }
        if (unknown.Count > 0) return unknown;
        var result = new List<MessageText>();
        var unmatched = parse.UnmatchedTokens.ToHashSet();
        foreach (var token in parse.UnmatchedTokens)
            result.Add(Unknown(token, command));
        foreach (var e in parse.Errors)
        {
            // Unmatched tokens are reported above, with a suggestion; the parser's own sentence for them is dropped.
            if (unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))) continue;
            result.Add(Msg.CommandLine.With(e.Message));
        }
        return result;
    }

    /// <summary>A switch given a value it cannot take (<c>--synthetic=maybe</c>): the parser leaves such a value over as the
    /// next argument (there, the model file), so it is refused here, before anything else is said of the command line. Only
    /// the joined forms (<c>=</c>, <c>:</c>) are unambiguous: in <c>--synthetic maybe</c> the word is an argument.</summary>
    public static IReadOnlyList<MessageText> SwitchValues(IEnumerable<string> args, ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        IEnumerable<Option> options = command.Options;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        var switches = options.Where(o => o.ValueType == typeof(bool)).SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        var result = new List<MessageText>();
        foreach (var arg in args)
        {
            if (arg == "--") break;
            var at = arg.IndexOfAny(['=', ':']);
            if (!arg.StartsWith('-') || at < 0) continue;
            var (name, value) = (arg[..at], arg[(at + 1)..]);
            if (switches.Contains(name) && !bool.TryParse(value, out _))
                result.Add(Msg.NotOneOf.With(name, value, Localized.OrList(["true", "false"])));
        }
        return result;
    }

    static MessageText Unknown(string token, Command command)
    {
        if (token.StartsWith('-') && token != "-")
        {
            var name = token.Split('=', ':')[0];
            return Msg.UnknownOption.With(name, Localized.DidYouMean(name, OptionNames(command)));
        }
        if (command.Subcommands.Count > 0)
            return Msg.UnknownCommand.With(token, Localized.DidYouMean(token, command.Subcommands.Select(c => c.Name)));
        return Msg.UnexpectedArgument.With(token);
    }

    /// <summary>Every option name and alias a command takes, its parents' recursive ones included.</summary>
    public static IEnumerable<string> OptionNames(Command command)
    {
        IEnumerable<Option> options = command.Options;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct();
    }

    /// <summary>An optional positional argument swallows an unknown option (<c>iq audit --fatcs x</c>): report it as one.</summary>
    public static void RejectOptionLike(string value, ParseResult parse)
    {
        if (value.StartsWith('-') && value != "-")
            throw new UsageException(Unknown(value, parse.CommandResult.Command));
    }
}
