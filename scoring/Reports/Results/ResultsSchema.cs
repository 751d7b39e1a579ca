namespace Iq.Scoring.Reports;

/// <summary>The JSON Schema of the results file (docs/schema/results.schema.json, embedded): what <c>iq schema --kind
/// results</c> prints, and what every results file the tests produce is checked against.</summary>
public static class ResultsSchema
{
    public static string Text { get; } = Load();

    static string Load()
    {
        using var s = typeof(ResultsSchema).Assembly.GetManifestResourceStream("Iq.Scoring.Reports.results.schema.json")
                      ?? throw new InvalidOperationException("results.schema.json is not embedded");
        return new StreamReader(s).ReadToEnd();
    }
}
