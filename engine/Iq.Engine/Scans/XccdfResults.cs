using System.Globalization;
using System.Text;
using System.Xml;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Engine.Scans;

public sealed record ScanRuleResult(string Id, string Result, string Severity, IReadOnlyList<string> Idents);

/// <summary>One XCCDF TestResult: which benchmark and profile, on what target, when, its score and every rule-result.</summary>
public sealed record XccdfTestResult(
    string Format, string? ToolVersion, string? Benchmark, string? Profile, string? Target,
    string? Started, string? Finished, double? Score, IReadOnlyList<ScanRuleResult> Rules);

public sealed record XccdfRead(IReadOnlyList<XccdfTestResult> Results, IReadOnlyDictionary<string, string> Titles, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>OpenSCAP's results: XCCDF 1.2 (or 1.1) as <c>oscap xccdf eval --results</c> writes them, and ARF 1.1 as
/// <c>--results-arf</c> writes them, plain or gzipped. Read streaming (an ARF carries the whole data stream and the OVAL
/// results), DTDs prohibited and no resolver, so no entity expansion or external fetch; rule titles come from the
/// benchmark's Rule elements in the same file. A problem is a diagnostic with the line, column and the element's path.</summary>
public static class XccdfResults
{
    public const string Xccdf12 = "http://checklists.nist.gov/xccdf/1.2";
    public const string Xccdf11 = "http://checklists.nist.gov/xccdf/1.1";
    public const string Arf11 = "http://scap.nist.gov/schema/asset-reporting-format/1.1";
    const int MaxText = 4096;

    public static readonly IReadOnlyList<string> ResultValues =
        ["pass", "fail", "error", "unknown", "notapplicable", "notchecked", "notselected", "informational", "fixed"];

    public static XccdfRead Read(Stream content, string file)
    {
        var diagnostics = new List<Diagnostic>();
        var results = new List<XccdfTestResult>();
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 0, CloseInput = false,
        };
        using var reader = XmlReader.Create(content, settings);
        var line = (IXmlLineInfo)reader;
        var stack = new List<string>();
        string? format = null;
        // The TestResult being read, and the rule-result inside it.
        TestResultBuilder? test = null;
        RuleBuilder? rule = null;
        var testIndex = 0;
        string? ruleId = null;           // the benchmark Rule whose title may follow
        string? capture = null;          // the element whose text is being collected
        var captureDepth = -1;
        var text = new StringBuilder();
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        var ns = reader.NamespaceURI;
                        var name = reader.LocalName;
                        var empty = reader.IsEmptyElement;
                        if (format is null)
                        {
                            format = (ns, name) switch
                            {
                                (Arf11, "asset-report-collection") => "arf-1.1",
                                (Xccdf12, "Benchmark" or "TestResult") => "xccdf-1.2",
                                (Xccdf11, "Benchmark" or "TestResult") => "xccdf-1.1",
                                _ => null,
                            };
                            if (format is null)
                            {
                                diagnostics.Add(At(file, line, $"/{name}", Msg.XccdfNotResults.With(name, ns)));
                                return new XccdfRead([], titles, diagnostics);
                            }
                        }
                        var xccdf = ns is Xccdf12 or Xccdf11;
                        // Built only where a diagnostic may need it: per element it made deep nesting quadratic.
                        string ElementPath() => stack.Count == 0 ? "" : "/" + string.Join('/', stack);
                        if (xccdf)
                        {
                            switch (name)
                            {
                                case "Rule" when test is null:
                                    ruleId = reader.GetAttribute("id");
                                    break;
                                case "title" when ruleId is not null && stack.Count > 0 && stack[^1] == "Rule" && !titles.ContainsKey(ruleId):
                                    Capture("title");
                                    break;
                                case "TestResult":
                                    testIndex++;
                                    test = new TestResultBuilder
                                    {
                                        Path = $"{ElementPath()}/TestResult[{testIndex}]",
                                        Started = reader.GetAttribute("start-time"), Finished = reader.GetAttribute("end-time"),
                                        ToolVersion = reader.GetAttribute("test-system") is { } cpe ? cpe[(cpe.LastIndexOf(':') + 1)..] : null,
                                    };
                                    break;
                                case "benchmark" when test is not null && rule is null:
                                    test.Benchmark = reader.GetAttribute("id") ?? reader.GetAttribute("href");
                                    break;
                                case "profile" when test is not null && rule is null:
                                    test.Profile = reader.GetAttribute("idref");
                                    break;
                                case "target" when test is not null && rule is null:
                                    Capture("target");
                                    break;
                                case "score" when test is not null && rule is null && test.Score is null:
                                    Capture("score");
                                    break;
                                case "rule-result" when test is not null:
                                    test.RuleIndex++;
                                    rule = new RuleBuilder
                                    {
                                        Id = reader.GetAttribute("idref"), Severity = reader.GetAttribute("severity") ?? "unknown",
                                        Path = $"{test.Path}/rule-result[{test.RuleIndex}]", Line = line.LineNumber, Column = line.LinePosition,
                                    };
                                    if (empty) EndRule();
                                    break;
                                case "result" when rule is not null && stack.Count > 0 && stack[^1] == "rule-result":
                                    Capture("result");
                                    break;
                                case "ident" when rule is not null:
                                    Capture("ident");
                                    break;
                            }
                        }
                        if (!empty) stack.Add(name);
                        else if (capture is not null && captureDepth == reader.Depth) EndCapture();
                        if (xccdf && name == "TestResult" && empty) EndTest();
                        break;

                        void Capture(string what)
                        {
                            if (capture is not null) return;
                            capture = what;
                            captureDepth = reader.Depth;
                            text.Clear();
                        }
                    }
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                        if (capture is not null && text.Length < MaxText) text.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement:
                    {
                        var name = reader.LocalName;
                        if (capture is not null && reader.Depth == captureDepth) EndCapture();
                        var xccdf = reader.NamespaceURI is Xccdf12 or Xccdf11;
                        if (xccdf && name == "rule-result" && rule is not null) EndRule();
                        if (xccdf && name == "TestResult" && test is not null) EndTest();
                        if (xccdf && name == "Rule") ruleId = null;
                        if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                        break;
                    }
                }
            }
        }
        catch (XmlException e)
        {
            diagnostics.Add(Diagnostic.Error(Msg.XccdfNotXml.With(LibraryError.Xml(e)),
                new SourceSpan(file, Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition))));
            return new XccdfRead(results, titles, diagnostics);
        }
        if (format is null)
            diagnostics.Add(Diagnostic.Error(Msg.XccdfEmpty.Text, SourceSpan.None(file)));
        else if (testIndex == 0)
            diagnostics.Add(Diagnostic.Error(Msg.XccdfNoTestResult.Text, SourceSpan.None(file)));
        return new XccdfRead(results, titles, diagnostics);

        void EndCapture()
        {
            var value = text.ToString().Trim();
            switch (capture)
            {
                case "title": titles.TryAdd(ruleId!, Collapse(value)); break;
                case "target": test!.Target = value; break;
                case "score":
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)) test!.Score = score;
                    else diagnostics.Add(At(file, line, test!.Path + "/score", Msg.XccdfScore.With(Short(value))));
                    break;
                case "result": rule!.Result = value; break;
                case "ident": if (value.Length > 0) rule!.Idents.Add(value); break;
            }
            capture = null;
            captureDepth = -1;
        }

        void EndRule()
        {
            var r = rule!;
            rule = null;
            var span = new SourceSpan(file, r.Line, r.Column);
            if (string.IsNullOrEmpty(r.Id)) diagnostics.Add(Diagnostic.Error(Msg.XccdfNoIdref.With(r.Path), span));
            else if (r.Result is null) diagnostics.Add(Diagnostic.Error(Msg.XccdfNoResult.With(r.Path, r.Id), span));
            else if (!ResultValues.Contains(r.Result))
                diagnostics.Add(Diagnostic.Error(Msg.XccdfBadResult.With(r.Path, r.Id, Short(r.Result), string.Join(", ", ResultValues)), span));
            else test!.Rules.Add(new ScanRuleResult(r.Id, r.Result, r.Severity, r.Idents));
        }

        void EndTest()
        {
            var t = test!;
            test = null;
            results.Add(new XccdfTestResult(format!, t.ToolVersion, t.Benchmark, t.Profile, t.Target, t.Started, t.Finished, t.Score, t.Rules));
        }
    }

    static Diagnostic At(string file, IXmlLineInfo line, string path, MessageText message) =>
        Diagnostic.Error(Msg.XccdfAt.With(path, message), new SourceSpan(file, Math.Max(1, line.LineNumber), Math.Max(1, line.LinePosition)));

    static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";

    sealed class TestResultBuilder
    {
        public string Path = "";
        public string? Started, Finished, ToolVersion, Benchmark, Profile, Target;
        public double? Score;
        public int RuleIndex;
        public readonly List<ScanRuleResult> Rules = [];
    }

    sealed class RuleBuilder
    {
        public string? Id, Result;
        public string Severity = "unknown";
        public string Path = "";
        public int Line, Column;
        public readonly List<string> Idents = [];
    }
}
