using System.CommandLine;
using System.Text;
using Iq.Rules.Syntax;

namespace Iq.Cli.Commands;

/// <summary><c>--encoding NAME</c>: the encoding of text inputs that carry no byte-order mark (GB18030/GBK, UTF-16); a
/// byte-order mark is always honoured, and UTF-8 is the default.</summary>
static class EncodingOption
{
    public static Option<string?> Create(string what) => new("--encoding")
    {
        Description = $"Encoding of {what} without a byte-order mark: {string.Join(", ", TextDecoding.Names)} (default utf-8; a BOM always wins)",
    };

    public static Encoding? Read(ParseResult parse, Option<string?> option)
    {
        var name = parse.GetValue(option);
        var encoding = TextDecoding.Named(name, out var problem);
        if (problem is not null) throw new UsageException($"--encoding: {problem}");
        return encoding;
    }
}
