using System.Security.Cryptography;
using System.Text.Json;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Scoring.Judgments;

namespace Iq.Tests;

/// <summary>Diagnostics that named the wrong thing (fresheyes4 #8, fresheyes5 #8): each says what is wrong, where.</summary>
public class DiagnosticWordingTests
{
    /// <summary>"--set pass_mark=abc" said only "must be a constant, such as 64 …": it says the param is a number.</summary>
    [Fact]
    public void A_set_value_of_the_wrong_kind_names_the_params_type()
    {
        var run = CliRunner.InProcess("check", SampleReports.Checklist, "--set", "pass_mark=abc");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--set pass_mark=abc: param 'pass_mark' is a number, and 'abc' is not a number constant", run.Stderr);
    }
}
