using System.Text.Json.Nodes;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Engine.Scans;

/// <summary>The <c>security_scans</c> fact document (imported: another tool's output) from the scanners' reports, each
/// told by its content: XCCDF results or ARF (XML), or a Lynis report. Every report read is listed with its SHA-256;
/// OpenSCAP rule results are merged by rule id (a later report supersedes an earlier one for the same id); one Lynis
/// report at most. Any problem in any file is a diagnostic and no document is made.</summary>
public static class SecurityScans
{
    /// <param name="zone">The zone Lynis's times (the host's wall clock, no zone) are read in: iq scans --tz, else UTC.</param>
    /// <param name="zoneName">How it was named, for the facts (local_times.zone).</param>
    public static (JsonObject? Facts, IReadOnlyList<Diagnostic> Diagnostics) Read(IReadOnlyList<string> files, TimeZoneInfo? zone = null, string zoneName = "UTC")
    {
        var diagnostics = new List<Diagnostic>();
        var scans = new JsonArray();
        var rules = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        JsonObject? lynis = null;
        string? lynisFile = null;
        foreach (var file in files)
        {
            if (Iq.Rules.Io.InputFiles.Refusal(file, Iq.Rules.Io.InputKind.Scan) is { } refused)
            {
                // Missing, a FIFO, a device, a folder, a loop of links: refused by name before anything is opened.
                diagnostics.Add(refused.Code == Codes.FileNotFound ? Diagnostic.Error(Msg.ScanFileNotFound.Text, SourceSpan.None(file)) : refused.ToDiagnostic());
                continue;
            }
            try
            {
                var sha = ScanInput.Sha256(file);
                var gz = ScanInput.IsGzip(file);
                if (IsXml(file))
                {
                    XccdfRead read;
                    using (var s = ScanInput.Open(file)) read = XccdfResults.Read(s, file);
                    diagnostics.AddRange(read.Diagnostics);
                    if (read.Diagnostics.Count > 0) continue;
                    foreach (var t in read.Results)
                    {
                        var counts = new JsonObject();
                        foreach (var g in t.Rules.GroupBy(r => r.Result).OrderBy(g => Array.IndexOf(XccdfResults.ResultValues.ToArray(), g.Key)))
                            counts[g.Key] = g.Count();
                        scans.Add(new JsonObject
                        {
                            ["tool"] = "openscap", ["tool_version"] = Value(t.ToolVersion), ["file"] = file, ["sha256"] = sha,
                            ["format"] = t.Format + (gz ? "+gzip" : ""), ["benchmark"] = Value(t.Benchmark), ["profile"] = Value(t.Profile),
                            ["target"] = Value(t.Target), ["started"] = Value(t.Started), ["finished"] = Value(t.Finished),
                            ["score"] = t.Score is { } score ? score : Fact(Msg.ScanNoScore.Text), ["counts"] = counts,
                        });
                        foreach (var r in t.Rules)
                            rules[r.Id] = new JsonObject
                            {
                                ["result"] = r.Result, ["severity"] = r.Severity,
                                ["title"] = read.Titles.TryGetValue(r.Id, out var title) ? title : Fact(Msg.ScanNoTitle.Text),
                                ["idents"] = new JsonArray(r.Idents.Select(i => (JsonNode)i).ToArray()), ["scan"] = file,
                            };
                    }
                }
                else
                {
                    LynisRead read;
                    using (var s = ScanInput.Open(file)) read = LynisReport.Read(s, file, zone);
                    diagnostics.AddRange(read.Diagnostics);
                    if (read.Diagnostics.Count > 0) continue;
                    if (lynis is not null)
                    {
                        diagnostics.Add(Diagnostic.Error(Msg.ScanSecondLynis.With(lynisFile), SourceSpan.None(file)));
                        continue;
                    }
                    lynisFile = file;
                    var scan = new JsonObject
                    {
                        ["tool"] = "lynis", ["tool_version"] = Value(read.Version), ["file"] = file, ["sha256"] = sha,
                        ["format"] = "lynis-report" + (gz ? "+gzip" : ""), ["target"] = Value(read.Host),
                        ["started"] = Value(read.Started), ["finished"] = Value(read.Finished),
                        ["score"] = read.HardeningIndex is { } h ? h : Fact(Msg.ScanNoHardeningIndex.Text),
                        ["counts"] = new JsonObject
                        {
                            ["tests_executed"] = read.TestsExecuted.Count, ["tests_skipped"] = read.TestsSkipped.Count,
                            ["warnings"] = read.Warnings.Count, ["suggestions"] = read.Suggestions.Count,
                        },
                    };
                    // Lynis writes the host's wall clock without a zone: the zone its times were read in, in the facts.
                    if (read.LocalTimes > 0)
                        scan["local_times"] = new JsonObject { ["zone"] = zoneName, ["times"] = read.LocalTimes, ["skipped"] = read.LocalSkipped };
                    scans.Add(scan);
                    lynis = new JsonObject
                    {
                        ["hardening_index"] = read.HardeningIndex is { } hi ? hi : Fact(Msg.ScanNoHardeningIndex.Text),
                        ["tests_executed"] = new JsonArray(read.TestsExecuted.Select(t => (JsonNode)t).ToArray()),
                        ["tests_skipped"] = new JsonArray(read.TestsSkipped.Select(t => (JsonNode)t).ToArray()),
                        ["warnings"] = Findings(read.Warnings),
                        ["suggestions"] = Findings(read.Suggestions),
                    };
                }
            }
            catch (Iq.Rules.Io.InputFileException e) { diagnostics.Add(e.ToDiagnostic()); }
            catch (ScanInput.TooLargeException e) { diagnostics.Add(Diagnostic.Error(e.Text, SourceSpan.None(file))); }
            catch (InvalidDataException e) { diagnostics.Add(Diagnostic.Error(Msg.ScanNotGzip.With(LibraryError.Compressed(e, gzip: true)), SourceSpan.None(file))); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Diagnostic.Error(Msg.ScanCannotRead.With(LibraryError.Io(e)), SourceSpan.None(file)));
            }
        }
        if (diagnostics.Count > 0) return (null, Diagnostic.Sort(diagnostics));
        var facts = new JsonObject
        {
            ["scans"] = scans,
            ["rules"] = scans.Any(s => (string?)s!["tool"] == "openscap")
                ? new JsonObject(rules.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value)))
                : Fact(Msg.ScanNoOpenScap.Text),
            ["lynis"] = (JsonNode?)lynis ?? Fact(Msg.ScanNoLynis.Text),
        };
        return (facts, []);
    }

    static JsonNode Value(string? s) => s is null ? Fact(Msg.ScanNotInReport.Text) : s;
    static JsonObject Fact(MessageText why) => Iq.Engine.Probes.Fact.Absent(why);

    static JsonArray Findings(IEnumerable<LynisFinding> findings) =>
        new(findings.Select(f => (JsonNode)new JsonObject { ["test"] = f.Test, ["text"] = f.Text, ["details"] = f.Details }).ToArray());

    /// <summary>XML when the first character that is not a BOM or white space is '&lt;'.</summary>
    static bool IsXml(string file)
    {
        using var s = ScanInput.Open(file);
        var buffer = new byte[64];
        var n = s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var i = n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        while (i < n && buffer[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i < n && buffer[i] == '<';
    }
}
