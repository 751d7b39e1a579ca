namespace Iq.Scoring.Reports;

/// <summary>ANSI styles, or none: commands and reports ask for a role (good, bad, warn …), never for a colour.</summary>
public sealed class Style(bool enabled)
{
    public static readonly Style None = new(false);

    public bool Enabled { get; } = enabled;

    string Wrap(string code, string text) => Enabled && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;

    public string Good(string text) => Wrap("32", text);
    public string Bad(string text) => Wrap("31", text);
    public string Warn(string text) => Wrap("33", text);
    public string Error(string text) => Wrap("35", text);
    public string Dim(string text) => Wrap("2", text);
    public string Bold(string text) => Wrap("1", text);
}
