using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Cli;

/// <summary>Input the user gave that cannot be used: diagnostics (with where they are) or a message, printed in the
/// user's language at the edge; exit code 2, no stack trace.</summary>
public sealed class UsageException : Exception
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public MessageText? Text { get; }

    public UsageException(IReadOnlyList<Diagnostic> diagnostics) : base(string.Join("\n", diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>A message not in the catalog yet (English in both languages): declare it in <see cref="Msg"/> instead.</summary>
    public UsageException(string text) : this(Iq.Rules.Messages.Message.Untranslated(null, text)) { }

    public UsageException(MessageText text) : base(text.ToString())
    {
        Diagnostics = [];
        Text = text;
    }
}
