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
    /// <summary>The functional tests' totals are not the sum of their own suites (30 run, 30 passed beside no suite at all):
    /// one document that contradicts itself, named twice.</summary>
    TestsTotalsDisagree,
    /// <summary>The functional tests carry no time of their own (a JUnit report without timestamps) while the installation
    /// log gives an end: when they were imported says nothing of when they ran, so that they tested the installed system
    /// cannot be shown.</summary>
    TestsUntimed,
    /// <summary>A document measured on the host was collected before the installation log's first event: it describes the
    /// host before the system was installed, not the installed system.</summary>
    CollectedBeforeInstallation,
}

/// <summary>An inconsistency across documents that reports show beside the results: which kind, the documents involved,
/// and the values that disagree (<see cref="First"/> in the first document, <see cref="Second"/> in the second).</summary>
public sealed record Finding(FindingKind Kind, IReadOnlyList<string> Documents, string First, string Second)
{
    public string Name => Kind switch
    {
        FindingKind.TestsBeforeInstallationEnd => "tests_before_installation_end",
        FindingKind.BaselineBeforeInstallationEnd => "baseline_before_installation_end",
        FindingKind.TestsTotalsDisagree => "tests_totals_disagree",
        FindingKind.TestsUntimed => "tests_untimed",
        FindingKind.CollectedBeforeInstallation => "collected_before_installation",
        _ => "host_mismatch",
    };

    /// <summary>In words (English).</summary>
    public string Describe() => Text().Render(Messages.Lang.En);

    /// <summary>The finding as a catalog message, for Chinese or English.</summary>
    public Messages.MessageText Text() => Kind switch
    {
        FindingKind.TestsBeforeInstallationEnd => Messages.Msg.FindingTestsBeforeInstall.With(First, Documents[0], Second, Documents[1]),
        FindingKind.BaselineBeforeInstallationEnd => Messages.Msg.FindingBaselineBeforeInstall.With(First, Documents[0], Second, Documents[1]),
        FindingKind.TestsTotalsDisagree => Messages.Msg.FindingTestsTotals.With(Documents[0], First, Second),
        FindingKind.TestsUntimed => Messages.Msg.FindingTestsUntimed.With(Documents[0], Second, Documents[1]),
        FindingKind.CollectedBeforeInstallation => Messages.Msg.FindingCollectedBeforeInstall.With(Documents[0], First, Second, Documents[1]),
        _ => Messages.Msg.FindingHostMismatch.With(Documents[1], Second, Documents[0], First),
    };
}
