using Iq.Rules.Diagnostics;

namespace Iq.Cli;

/// <summary>Input the user gave that cannot be used; printed as diagnostics, exit code 2, no stack trace.</summary>
public sealed class UsageException(IReadOnlyList<Diagnostic> diagnostics, string? message = null)
    : Exception(message ?? string.Join("\n", diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    public UsageException(string message) : this([], message) { }
}
