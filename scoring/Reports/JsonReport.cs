namespace Iq.Scoring.Reports;

/// <summary>The results as JSON, schema <c>iq.results/2</c> (docs/results.md): an audit's report as a
/// <see cref="ResultsDocument"/>, written by <see cref="ResultsJson"/>. Stable: the same inputs give the same bytes; a
/// timestamp appears only when one is asked for.</summary>
public static class JsonReport
{
    public const string Schema = ResultsDocument.SchemaId;

    public static void Write(AuditReport report, Stream stream, string language = "zh") =>
        ResultsJson.Write(ResultsDocument.From(report, language), stream);
}
