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
    /// <summary>Folds a chain of checklists, the base first and the one being compiled last.</summary>
    public static MergedChecklist Merge(IReadOnlyList<(ChecklistSyntax Syntax, SourceFile Source)> chain)
    {
        string title = "", version = "";
        ScoringSetting? scoring = null;
        List<Declaration> declarations = [];
        List<SetSetting> sets = [];
        List<DisableSetting> disables = [];
        List<ReweightSetting> reweights = [];
        foreach (var (syntax, _) in chain)
        {
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
            chain.Select(c => c.Source).Reverse().ToList());
    }
}
