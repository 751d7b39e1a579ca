namespace Iq.Scoring.Scoring;

public enum Verdict { Pass, Fail, Incomplete }

public static class Verdicts
{
    /// <summary>The verdict of audits taken together (several checklists over one bundle): fail when one failed, else
    /// incomplete when one is incomplete, else pass. An empty list is incomplete: nothing verified is never a pass.</summary>
    public static Verdict Worst(IEnumerable<Verdict> verdicts)
    {
        var all = verdicts.ToList();
        return all.Contains(Verdict.Fail) ? Verdict.Fail : all.Count == 0 || all.Contains(Verdict.Incomplete) ? Verdict.Incomplete : Verdict.Pass;
    }
}
