using System.CommandLine;
using Iq.Cli.Conventions;
using System.Text;
using Iq.Rules.Messages;
using Iq.Rules.Syntax;

namespace Iq.Cli.Commands;

/// <summary><c>--encoding NAME</c>: the encoding of text inputs that carry no byte-order mark (GB18030/GBK, UTF-16); a
/// byte-order mark is always honoured, and UTF-8 is the default.</summary>
static class EncodingOption
{
    public static Option<string?> Create(CliContext ctx, Message what) => new("--encoding")
    {
        Description = ctx.T(Msg.OptEncoding.With(what.Text, string.Join(", ", TextDecoding.Names))),
        HelpName = "NAME",
    };

    public static Encoding? Read(ParseResult parse, Option<string?> option)
    {
        var name = parse.GetValue(option);
        var encoding = TextDecoding.Named(name, out var problem);
        if (problem is not null) throw new UsageException(Msg.BadEncoding.With(problem));
        return encoding;
    }
}
