namespace Iq.Rules.Runtime;

/// <summary>Item outcomes, named as XCCDF 1.2 names them. <c>notselected</c> is an item tailoring disabled.</summary>
public enum Outcome { Pass, Fail, Error, NotApplicable, NotChecked, Informational, Waived, NotSelected }

public static class OutcomeNames
{
    public static string Name(this Outcome o) => Model.LowerNames<Outcome>.Of(o);

    public static Outcome? Parse(string s) =>
        Enum.GetValues<Outcome>().Cast<Outcome?>().FirstOrDefault(o => o!.Value.Name() == s.Trim().ToLowerInvariant());
}
