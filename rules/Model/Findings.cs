namespace Iq.Rules.Model;

/// <summary>What is inconsistent across the documents of a bundle.</summary>
public enum FindingKind
{
    /// <summary>The functional tests finished before the installation log ends: they did not test the installed system.</summary>
    TestsBeforeInstallationEnd,
    /// <summary>The baseline was measured before the installation log ends.</summary>
    BaselineBeforeInstallationEnd,
    /// <summary>A document measured on the host names another host than the probe.</summary>
    HostMismatch,
}

/// <summary>An inconsistency across documents that reports show beside the results: which kind, the documents involved,
/// and the values that disagree (<see cref="First"/> in the first document, <see cref="Second"/> in the second).</summary>
public sealed record Finding(FindingKind Kind, IReadOnlyList<string> Documents, string First, string Second)
{
    public string Name => Kind switch
    {
        FindingKind.TestsBeforeInstallationEnd => "tests_before_installation_end",
        FindingKind.BaselineBeforeInstallationEnd => "baseline_before_installation_end",
        _ => "host_mismatch",
    };

    /// <summary>In words (English); reports in another language render the kind and values themselves.</summary>
    public string Describe() => Kind switch
    {
        FindingKind.TestsBeforeInstallationEnd =>
            $"the functional tests finished at {First} ({Documents[0]}), before the installation log ends at {Second} ({Documents[1]}): they did not test the installed system",
        FindingKind.BaselineBeforeInstallationEnd =>
            $"the baseline was measured at {First} ({Documents[0]}), before the installation log ends at {Second} ({Documents[1]})",
        _ => $"{Documents[1]} was collected on host '{Second}', the probe ({Documents[0]}) on '{First}'",
    };
}
