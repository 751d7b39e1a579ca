using Iq.Rules.Ast;
using Iq.Rules.Model;

namespace Iq.Rules.Binding;

/// <summary>A checklist with the bases it extends folded in: their declarations first, then its own, and
/// the tailoring (set, disable, weight) of the whole chain, the most derived winning.</summary>
public sealed record MergedChecklist(
    ChecklistSyntax Root,
    string Title,
    string Version,
    ScoringSetting? Scoring,
    IReadOnlyList<Declaration> Declarations,
    IReadOnlyList<SetSetting> Sets,
    IReadOnlyList<DisableSetting> Disables,
    IReadOnlyList<ReweightSetting> Reweights,
    IReadOnlyList<SourceFile> Sources)
{
    /// <summary>What the checklist extends, when it is a tailoring: the nearest base's id and the version and scoring
    /// the chain had before the tailoring's own header (the tailoring's verdict must say what it loosened).</summary>
    public TailoredBase? Base { get; init; }

    /// <summary>Folds a chain of checklists, the base first and the one being compiled last.</summary>
    public static MergedChecklist Merge(IReadOnlyList<(ChecklistSyntax Syntax, SourceFile Source)> chain)
    {
        string title = "", version = "";
        ScoringSetting? scoring = null;
        List<Declaration> declarations = [];
        List<SetSetting> sets = [];
        List<DisableSetting> disables = [];
        List<ReweightSetting> reweights = [];
        TailoredBase? tailoredBase = null;
        foreach (var (syntax, _) in chain)
        {
            if (chain.Count > 1 && ReferenceEquals(syntax, chain[^1].Syntax))
                tailoredBase = new TailoredBase(chain[^2].Syntax.Header.Id, version, scoring);
            foreach (var setting in syntax.Header.Settings)
            {
                switch (setting)
                {
                    case TitleSetting t: title = t.Title; break;
                    case VersionSetting v: version = v.Version; break;
                    case ScoringSetting s: scoring = s; break;
                    case SetSetting s: sets.Add(s); break;
                    case DisableSetting d: disables.Add(d); break;
                    case ReweightSetting w: reweights.Add(w); break;
                }
            }
            declarations.AddRange(syntax.Declarations);
        }
        return new MergedChecklist(chain[^1].Syntax, title, version, scoring, declarations, sets, disables, reweights,
            chain.Select(c => c.Source).Reverse().ToList()) { Base = tailoredBase };
    }
}

/// <summary>The base a tailoring extends: its id, its version, and its scoring setting (null: the default).</summary>
public sealed record TailoredBase(string Id, string Version, ScoringSetting? Scoring);
