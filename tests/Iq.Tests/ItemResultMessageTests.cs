using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>A row's message is rendered once and kept (a fleet's results JSON and its store row both read it): what is kept
/// must be the message of the row's own reason, and must not make rows that are equal unequal.</summary>
public sealed class ItemResultMessageTests
{
    static ItemResult Row(Reason reason) =>
        new("1.a", "1.a", "title", "1", "4.1", Level.Shall, 1, true, Outcome.NotApplicable, 0, [], reason, null, null);

    [Fact]
    public void A_copy_with_another_reason_says_its_own_reason()
    {
        var row = Row(new Disabled("not in this release"));
        var first = row.Message;
        Assert.Contains("not in this release", first);
        var copy = row with { Reason = new Disabled("retired by the vendor") };
        Assert.Contains("retired by the vendor", copy.Message);
        Assert.DoesNotContain("not in this release", copy.Message);
        // The original, read again after its copy, still says its own.
        Assert.Equal(first, row.Message);
        Assert.Equal(ReasonText.Render(copy.Reason), copy.Message);
    }

    [Fact]
    public void Reading_the_message_leaves_equal_rows_equal()
    {
        var reason = new Disabled("not in this release");
        var read = Row(reason);
        var unread = Row(reason);
        _ = read.Message;
        Assert.Equal(unread, read);
        Assert.Equal(unread.GetHashCode(), read.GetHashCode());
        Assert.NotEqual(Row(new Disabled("another")), read);
    }
}
