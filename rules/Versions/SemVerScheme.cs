using Semver;

namespace Iq.Rules.Versions;

/// <summary>SemVer 2.0.0 (npm, NuGet), parsed strictly and ordered by precedence (semver.org §11) with the Semver
/// library: major.minor.patch as numbers, a pre-release below its release, pre-release identifiers numeric below
/// alphanumeric, build metadata ignored.</summary>
public sealed class SemVerScheme : VersionScheme
{
    public static readonly SemVerScheme Instance = new();

    public override string Name => "semver";
    public override Iq.Rules.Messages.Message Ordering => Iq.Rules.Messages.Msg.VersionOrderSemVer;

    const int MaxLength = 1024;

    public override object? Parse(string text, out string? error)
    {
        error = null;
        if (SemVersion.TryParse(text, SemVersionStyles.Strict, out var v, MaxLength)) return v;
        try
        {
            SemVersion.Parse(text, SemVersionStyles.Strict, MaxLength);
            error = "not a SemVer 2.0.0 version";
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            error = e.Message.Split(" (Parameter")[0].TrimEnd('.');
        }
        return null;
    }

    public override int Compare(object a, object b) => Math.Sign(SemVersion.ComparePrecedence((SemVersion)a, (SemVersion)b));
}
