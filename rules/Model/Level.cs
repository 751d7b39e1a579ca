namespace Iq.Rules.Model;

/// <summary>Requirement level in the standard's words: 应 shall (mandatory), 宜 should (recommended), 可 may (optional).</summary>
public enum Level { Shall, Should, May }
