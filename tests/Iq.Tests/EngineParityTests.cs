using System.Globalization;
using Iq.Engine.Audit;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Tests;

/// <summary>The engine that runs the checklists changed (our own evaluator loop, then NRules): the samples must come out
/// as they did, row by row — outcome, score, every section's score, the verdict — against results recorded from the
/// commit before the change (Cases/parity/gbt-aimd-iq.txt).</summary>
public class EngineParityTests
{
    static readonly DateTimeOffset AsOf = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    static string F(double? x) => x is { } v ? Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture) : "null";

    [Theory]
    [InlineData("compliant")]
    [InlineData("failing")]
    public void Sample_comes_out_as_recorded_before_the_engine_changed(string sample)
    {
        var result = AuditPipeline.Run(new AuditRequest
        {
            Checklist = AuditChecklist.File(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq")),
            FactBundles = [Path.Combine(TestPaths.Checklists, "samples", sample)],
            AsOf = AsOf,
        });
        var report = Assert.IsType<Iq.Scoring.Reports.AuditReport>(result.Report);
        var actual = new List<string> { $"verdict ⇶ {report.Score.Verdict.ToString().ToLowerInvariant()} {F(report.Score.Score)}" };
        void Sections(IEnumerable<SectionScore> sections)
        {
            foreach (var s in sections)
            {
                actual.Add($"section:{s.Id} ⇶ {F(s.Score)}");
                Sections(s.Sections);
            }
        }
        Sections(report.Score.Root.Sections);
        actual.AddRange(report.Results.Select(r => $"{r.Id} ⇶ {r.Outcome.Name()} {F(r.Score)}"));
        var recorded = CaseFile.Load("parity/gbt-aimd-iq.txt").Select(c => ((string)c[1], (string)c[2]))
            .Where(c => c.Item1.StartsWith(sample + " ", StringComparison.Ordinal))
            .Select(c => $"{c.Item1[(sample.Length + 1)..]} ⇶ {c.Item2}");
        Assert.Equal(string.Join("\n", recorded), string.Join("\n", actual));
    }
}
