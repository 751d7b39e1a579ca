namespace Iq.Rules.Runtime;

/// <summary>A condition could not be decided for a reason other than missing evidence (a type the schema
/// could not promise, a regex timeout, a script failure). The item ends as <c>error</c> with this message.</summary>
public sealed class EvaluationException(string message) : Exception(message);
