using Iq.Rules.Diagnostics;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;

namespace Iq.Tests;

/// <summary>A judgment is dated the day someone judged: not after the audit, not before 1970 (a zero date serial is
/// 1899-12-30). The one check every judgment passes through, whatever file it came from (docs/facts.md).</summary>
public class JudgmentDateTests
{
    static readonly DateTimeOffset AsOf = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    static IReadOnlyList<Diagnostic> Check(DateTimeOffset date, DateTimeOffset asOf, SourceSpan? dateSpan = null, string? dateCell = null)
    {
        var bag = new DiagnosticBag();
        var a = new Attestation("A.staff", Outcome.Pass, "Zhou", date, "seen", "record 1")
            { Span = new SourceSpan("a.yaml", 3, 3), DateSpan = dateSpan, DateCell = dateCell };
        Attestations.RefuseImpossibleDates([a], asOf, "facts", bag);
        return bag.Items;
    }

    [Theory]
    [InlineData("2099-01-01T00:00:00Z")]
    [InlineData("2026-12-02T00:00:00Z")]
    [InlineData("2026-12-02T01:00:00+08:00")]
    public void A_judgment_dated_after_the_audit_day_is_refused_at_its_record(string date)
    {
        var d = Assert.Single(Check(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), AsOf));
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(new SourceSpan("a.yaml", 3, 3), d.Span);
        Assert.Contains("after the audit (2026-12-01)", d.Text.ToString());
    }

    [Theory]
    [InlineData("2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01T23:59:00+08:00")]
    [InlineData("2026-12-01T23:59:00-10:00")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2026-11-20T00:00:00Z")]
    public void A_judgment_dated_on_or_before_the_audit_day_is_read(string date) =>
        Assert.Empty(Check(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), AsOf));

    [Fact]
    public void A_zero_date_serial_is_refused_at_its_cell()
    {
        var d = Assert.Single(Check(new DateTimeOffset(DateTime.FromOADate(0), TimeSpan.Zero), AsOf, new SourceSpan("a.xlsx", 2, 7), "sheet 'Manual review', cell G2"));
        Assert.Equal(new SourceSpan("a.xlsx", 2, 7), d.Span);
        Assert.Contains("dated 1899-12-30, before 1970-01-01", d.Text.ToString());
        Assert.Contains("(sheet 'Manual review', cell G2)", d.Text.ToString());
    }

    [Fact]
    public void Without_as_of_the_clock_is_now_and_the_day_ahead_of_utc_is_still_today()
    {
        // At 23:00 UTC it is already the next day at UTC+8: an assessor there dates the judgment that day.
        var now = new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero);
        Assert.Empty(Check(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), now));
        Assert.Single(Check(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), now));
    }
}
