namespace Iq.Rules.Runtime;

/// <summary>The fact path of a call's first argument as written (<c>model.graph.inputs</c>), passed by the compiler to a
/// run-time method that asks for one, so that its missing evidence names the list it searched.</summary>
public readonly record struct ArgumentPath(string Path);
