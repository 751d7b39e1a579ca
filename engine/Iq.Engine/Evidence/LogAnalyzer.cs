using Iq.Rules.Messages;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iq.Rules.Io;

namespace Iq.Engine.Evidence;

/// <summary>One event from a log line (or an apt transaction): the fields 5.4.1 asks a log to carry.</summary>
public record struct LogEvent(DateTimeOffset? Time, string? Operator, string? Device, string? Parameters, string? Result, string? Task, string? Type);

/// <summary>Reads installation logs into a <c>logs</c> fact document (IQ 5.4.1, 6.5.1): lines, lines not parsed (with the
/// first line numbers), events by type, task lifecycles (created → approved → executed → completed | failed), the share of
/// events carrying each required field, timestamps out of order, the largest gap, first and last event. Streams the file:
/// memory holds one line and one small record per task, whatever the size of the log. A bad line is counted, never fatal.</summary>
public sealed class LogAnalyzer
{
    public static readonly string[] Formats = ["jsonl", "csv", "apt", "dpkg", "syslog", "regex:PATTERN"];
    static readonly string[] Fields = ["time", "operator", "device", "parameters", "result", "task", "event"];

    readonly string _format;
    readonly Regex? _regex;
    readonly Dictionary<string, string> _map;
    long _lines, _unparsed, _events;
    readonly List<long> _unparsedLines = [], _outOfOrderLines = [];

    /// <summary>How many line numbers a source keeps of the lines not parsed and of those out of order: enough to go and
    /// look, while the document stays small whatever the log (a log of a million bad lines is counted, not listed).</summary>
    public const int FirstLines = 5;
    readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    readonly long[] _withField = new long[5];
    readonly Dictionary<string, byte> _tasks = new(StringComparer.Ordinal);
    DateTimeOffset? _first, _last, _previous;
    long _outOfOrder;
    double _largestGap;
    string[]? _csvHeader;

    const byte Created = 1, Approved = 2, Executed = 4, Completed = 8, Failed = 16;

    /// <summary>A line longer than this is counted as not parsed and skipped, never held whole (a log of one endless line
    /// must not fill memory).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>One line matched by a <c>regex:</c> pattern taking longer than this is a pattern that backtracks badly:
    /// the analysis stops there, naming the line, rather than spend as long on every line of a large log.</summary>
    public static readonly TimeSpan LineTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>All the matching of one analysis together (<c>--regex-budget</c>).</summary>
    public TimeSpan RegexBudget { get; init; } = TimeSpan.FromMinutes(2);

    public CancellationToken Cancel { get; init; }

    readonly System.Diagnostics.Stopwatch _regexTime = new();

    public LogAnalyzer(string format, IReadOnlyDictionary<string, string> map)
    {
        _format = format.StartsWith("regex:", StringComparison.Ordinal) ? "regex" : format;
        if (_format == "regex")
        {
            try { _regex = new Regex(format["regex:".Length..], RegexOptions.CultureInvariant, LineTimeout); }
            catch (ArgumentException e) { throw new EvidenceInputException(Msg.LogFormatRegexInvalid.With(LibraryError.Regex(e))); }
        }
        else if (!Formats.Contains(_format)) throw new EvidenceInputException(Msg.LogFormatUnknown.With(format, string.Join(", ", Formats)));
        foreach (var key in map.Keys)
            if (!Fields.Contains(key)) throw new EvidenceInputException(Msg.LogMapUnknownField.With(key, string.Join(", ", Fields)));
        _map = Fields.ToDictionary(f => f, f => map.TryGetValue(f, out var source) ? source : f);
    }

    /// <summary>The format the analyzer reads (jsonl, csv, apt, dpkg, syslog or regex).</summary>
    public string Format => _format;

    /// <summary>The encoding of logs without a byte-order mark (<c>--encoding</c>); null: UTF-8.</summary>
    public Encoding? Encoding { get; init; }

    string? _sha256;

    public void Analyze(string path)
    {
        if (InputFiles.Refusal(path, InputKind.Log) is { Code: Rules.Diagnostics.Codes.FileNotFound }) throw new EvidenceInputException(Msg.EvFileNotFound.With(path));
        // The file's own bytes, hashed: apt transaction ids are qualified with it, and the logs document lists it per source.
        // Read as every input is (a FIFO or a device is refused unopened), a block at a time so that a signal stops it.
        using (var whole = InputFiles.OpenRead(path, InputKind.Log, 1 << 16, FileOptions.SequentialScan))
        using (var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256))
        {
            var block = new byte[1 << 16];
            int n;
            while ((n = whole.Read(block, 0, block.Length)) > 0)
            {
                Cancel.ThrowIfCancellationRequested();
                hash.AppendData(block, 0, n);
            }
            _sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        using var file = InputFiles.OpenRead(path, InputKind.Log, 1 << 16, FileOptions.SequentialScan);
        // A byte-order mark says which Unicode form the log is in; else --encoding, else UTF-8. Any other encoding is read
        // as UTF-8 transcoded on the fly, so the line splitting below stays on bytes.
        var head = new byte[4];
        var got = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        var bom = Iq.Rules.Syntax.TextDecoding.Bom(head.AsSpan(0, got));
        if (bom is { } b && Encoding is not null && b.Encoding.CodePage != Encoding.CodePage)
            throw new EvidenceInputException(Msg.LogBomDiffers.With(path, b.Encoding.WebName, Encoding.WebName));
        var encoding = bom?.Encoding ?? Encoding;
        file.Position = bom?.Length ?? 0;
        var utf8 = encoding is null or UTF8Encoding;
        using var stream = utf8 ? (Stream)file : Iq.Rules.Syntax.TextDecoding.ToUtf8(file, encoding!);
        var apt = _format == "apt" ? new AptTransaction() : null;
        _reference = YearReference ?? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        _syslogMonth = 0;
        try
        {
            foreach (var (line, number) in Lines(stream))
                Line(path, line, number, apt, checkUtf8: utf8);
        }
        catch (Iq.Rules.Syntax.TextDecodingException e) { throw new EvidenceInputException(Msg.LogAtLine.With(path, e.Line, e.Text)); }
        if (apt is { Started: true }) Add(apt.ToEvent(), apt.Line);
    }

    void Line(string path, ReadOnlyMemory<byte> line, long number, AptTransaction? apt, bool checkUtf8)
    {
        {
            // Never U+FFFD in place of a name or a date: text that is not UTF-8 is refused with its line. A line with NUL bytes
            // is binary junk (a torn write), not text in another encoding: it is counted as not parsed, below.
            if (checkUtf8 && !System.Text.Unicode.Utf8.IsValid(line.Span) && !line.Span.Contains((byte)0))
                throw new EvidenceInputException(Msg.LogNotUtf8.With(path, number));
            _lines++;
            if ((number & 0x1FFF) == 0) Cancel.ThrowIfCancellationRequested();
            if (line.Length > MaxLineBytes)
            {
                Unparsed(number);
                return;
            }
            _path = path;
            _number = number;
            if (apt is not null) { AptLine(line.Span, number, apt); return; }
            if (line.Length == 0) return;
            if (_format == "csv" && _csvHeader is null)
            {
                _csvHeader = SplitCsv(Encoding.UTF8.GetString(line.Span))?.Select(f => f.Trim()).ToArray()
                             ?? throw new EvidenceInputException(Msg.LogCsvUnclosedQuote.With(path, number));
                _lines--; // the header is not a log line
                return;
            }
            var e = _format switch
            {
                "jsonl" => Json(line.Span),
                "csv" => Csv(line.Span),
                "dpkg" => Dpkg(line.Span),
                "syslog" => Syslog(line.Span),
                _ => Pattern(line.Span),
            };
            if (e is { } ev) Add(ev, number);
            else Unparsed(number);
        }
    }

    void Unparsed(long number)
    {
        _unparsed++;
        if (_unparsedLines.Count < FirstLines) _unparsedLines.Add(number);
    }

    string _path = "";
    long _number;
    static readonly ReadOnlyMemory<byte> TooLong = new byte[MaxLineBytes + 1];

    /// <summary>Lines as bytes, split on \n (a \r before it dropped), without decoding what no format needs decoded. A line
    /// longer than <see cref="MaxLineBytes"/> comes as an empty buffer of its length's sign: longer, and not kept.</summary>
    static IEnumerable<(ReadOnlyMemory<byte> Line, long Number)> Lines(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxLineBytes);
        try
        {
            int start = 0, end = 0;
            long number = 0;
            while (true)
            {
                var read = stream.Read(buffer, end, buffer.Length - end);
                end += read;
                var searchFrom = start;
                while (true)
                {
                    var nl = Array.IndexOf(buffer, (byte)'\n', searchFrom, end - searchFrom);
                    if (nl < 0) break;
                    var len = nl - start;
                    if (len > 0 && buffer[nl - 1] == (byte)'\r') len--;
                    yield return (new ReadOnlyMemory<byte>(buffer, start, len), ++number);
                    start = searchFrom = nl + 1;
                }
                if (read == 0)
                {
                    if (end > start) yield return (new ReadOnlyMemory<byte>(buffer, start, end - start), ++number);
                    yield break;
                }
                if (start == 0 && end == buffer.Length)
                {
                    // A line longer than the buffer (and the line limit, which is the buffer's size): skip to its end
                    // without keeping it, and hand on a marker of its length only.
                    var skipped = (long)end;
                    while (true)
                    {
                        var n = stream.Read(buffer, 0, buffer.Length);
                        if (n == 0) { end = 0; break; }
                        var nl = Array.IndexOf(buffer, (byte)'\n', 0, n);
                        if (nl < 0) { skipped += n; continue; }
                        Buffer.BlockCopy(buffer, nl + 1, buffer, 0, n - nl - 1);
                        end = n - nl - 1;
                        break;
                    }
                    _ = skipped;
                    yield return (TooLong, ++number);
                    start = 0;
                    if (end == 0 && stream.Position >= stream.Length) yield break;
                    continue;
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>An event, read from line <paramref name="line"/> (an apt transaction: its Start-Date line).</summary>
    void Add(LogEvent e, long line)
    {
        _events++;
        if (e.Type is { Length: > 0 } type) _byType[type] = _byType.GetValueOrDefault(type) + 1;
        if (e.Time is { } t)
        {
            _withField[0]++;
            if (_first is null || t < _first) _first = t;
            if (_last is null || t > _last) _last = t;
            if (_previous is { } p)
            {
                if (t < p)
                {
                    _outOfOrder++;
                    if (_outOfOrderLines.Count < FirstLines) _outOfOrderLines.Add(line);
                }
                else _largestGap = Math.Max(_largestGap, (t - p).TotalMilliseconds);
            }
            _previous = t;
        }
        if (!string.IsNullOrWhiteSpace(e.Operator)) _withField[1]++;
        if (!string.IsNullOrWhiteSpace(e.Device)) _withField[2]++;
        if (!string.IsNullOrWhiteSpace(e.Parameters)) _withField[3]++;
        if (!string.IsNullOrWhiteSpace(e.Result)) _withField[4]++;
        if (e.Task is { Length: > 0 } task)
        {
            var stage = Stage(e.Type) | Stage(e.Result);
            _tasks[task] = (byte)(_tasks.GetValueOrDefault(task) | stage);
        }
    }

    static byte Stage(string? word) => word?.ToLowerInvariant() switch
    {
        "created" or "create" or "创建" => Created,
        "approved" or "approve" or "审批" => Approved,
        "executed" or "execute" or "started" or "执行" => Executed,
        "completed" or "complete" or "succeeded" or "success" or "完成" => Completed,
        "failed" or "fail" or "failure" or "失败" => Failed,
        _ => 0,
    };

    // ---- formats ----

    LogEvent? Json(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 16 });
        string? time = null, op = null, device = null, parameters = null, result = null, task = null, type = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType != JsonTokenType.PropertyName) return null;
                var name = reader.GetString();
                reader.Read();
                static string? Value(ref Utf8JsonReader r, ReadOnlySpan<byte> line)
                {
                    if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        var start = (int)r.TokenStartIndex;
                        r.Skip();
                        return Encoding.UTF8.GetString(line[start..((int)r.BytesConsumed)]);
                    }
                    return r.TokenType switch
                    {
                        JsonTokenType.String => r.GetString(),
                        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(r.ValueSpan),
                        _ => null,
                    };
                }
                if (name == _map["time"]) time = Value(ref reader, line);
                else if (name == _map["operator"]) op = Value(ref reader, line);
                else if (name == _map["device"]) device = Value(ref reader, line);
                else if (name == _map["parameters"]) parameters = Value(ref reader, line);
                else if (name == _map["result"]) result = Value(ref reader, line);
                else if (name == _map["task"]) task = Value(ref reader, line);
                else if (name == _map["event"]) type = Value(ref reader, line);
                else reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject) return null;
        }
        // A line of invalid UTF-8 fails only when a string is read: not parsed, like any malformed line.
        catch (Exception e) when (e is JsonException or InvalidOperationException) { return null; }
        return new LogEvent(Time(time), op, device, parameters, result, task, type);
    }

    LogEvent? Csv(ReadOnlySpan<byte> line)
    {
        var fields = SplitCsv(Encoding.UTF8.GetString(line));
        if (fields is null) return null;
        if (fields.Count != _csvHeader!.Length) return null;
        string? Get(string field) => Array.IndexOf(_csvHeader, _map[field]) is var i and >= 0 ? fields[i] : null;
        return new LogEvent(Time(Get("time")), Get("operator"), Get("device"), Get("parameters"), Get("result"), Get("task"), Get("event"));
    }

    /// <summary>RFC 4180 fields of one line; null when a quote is left open.</summary>
    static List<string>? SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        if (quoted) return null;
        fields.Add(sb.ToString());
        return fields;
    }

    LogEvent? Dpkg(ReadOnlySpan<byte> line)
    {
        // "2025-06-24 14:36:25 install libfoo:amd64 <none> 1.2-3": the local wall clock of the machine, no zone.
        var text = Encoding.UTF8.GetString(line);
        if (text.Length < 21 || text[10] != ' ' || text[19] != ' ') return null;
        if (!DateTime.TryParseExact(text[..19], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)) return null;
        var t = Local(wall);
        var rest = text[20..];
        var space = rest.IndexOf(' ');
        var type = space < 0 ? rest : rest[..space];
        return new LogEvent(t, null, null, space < 0 ? null : rest[(space + 1)..], type == "status" ? rest.Split(' ').ElementAtOrDefault(1) : null, null, type);
    }

    static readonly Regex SyslogLine = new(@"^(?<time>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) (?<device>\S+) (?<event>[^:\[\s]+)(?:\[\d+\])?: (?<parameters>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The date RFC 3164 (traditional syslog) times are read against, as they carry no year (<c>iq logs --as-of</c>);
    /// null: each file's last modification time, the time its last line was written. Never the clock of the analysis: the
    /// same log must give the same facts in any year.</summary>
    public DateTimeOffset? YearReference { get; init; }

    /// <summary>The reference the syslog years of the last file analysed were taken from (null for other formats).</summary>
    public DateTimeOffset? SyslogReference => _format == "syslog" ? _reference : null;

    /// <summary>How many jsonl, csv or regex times carried no offset and were read in <see cref="LocalZone"/>.</summary>
    public long LocalTimes => _localTimes;

    /// <summary>The zone that times carrying none are read in: syslog's, dpkg.log's and apt history's, and jsonl, csv and
    /// regex times written without an offset, each the wall clock of the machine that wrote it (<c>iq logs --tz</c>); UTC
    /// when not given, as before the option existed, and recorded as such in the facts (local_times.zone).</summary>
    public TimeZoneInfo LocalZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>How <see cref="LocalZone"/> was named: an IANA name, ±hh:mm, or UTC.</summary>
    public string LocalZoneName { get; init; } = "UTC";

    /// <summary>A wall-clock time read in <see cref="LocalZone"/>, as UTC: the one rule for every time without a zone. The
    /// offset is the zone's at that moment (summer time included). A time the clock skipped (spring forward) never was:
    /// none, as GNU date refuses it; a time the clock showed twice (fall back) is read as standard time, as GNU date does.</summary>
    DateTimeOffset? Local(DateTime wall) => InZone(LocalZone, wall);

    /// <summary>A wall-clock time in <paramref name="zone"/>, as UTC (<see cref="Local"/>): none when the zone skipped it,
    /// standard time when it showed it twice. The one rule for every time written without a zone (logs, JUnit reports).</summary>
    public static DateTimeOffset? InZone(TimeZoneInfo zone, DateTime wall) =>
        zone.IsInvalidTime(wall) ? null : new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();

    /// <summary>A time text (ISO 8601 and the forms .NET reads invariantly): the instant when it names its offset (Z,
    /// +02:00, GMT); else the wall clock it shows, for the caller to read in a zone; neither when it is no time.</summary>
    public static (DateTimeOffset? Instant, DateTime? Wall) ReadTime(string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return (null, null);
        // The same parse keeping the kind: Unspecified is a text that named no zone (Utc: Z or GMT; Local: an offset).
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var wall) && wall.Kind == DateTimeKind.Unspecified
            ? (null, wall) : (t, null);
    }

    /// <summary>A zone for <c>--tz</c>: an IANA name (Asia/Shanghai, UTC) from the system's time-zone database, or a fixed
    /// offset ±hh:mm (at most ±14:00, the widest a zone has); null when it is neither.</summary>
    public static TimeZoneInfo? Zone(string text)
    {
        var offset = Regex.Match(text, @"^([+-])(\d{2}):(\d{2})$", RegexOptions.CultureInvariant);
        if (offset.Success)
        {
            var span = new TimeSpan(int.Parse(offset.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(offset.Groups[3].Value, CultureInfo.InvariantCulture), 0);
            if (span > TimeSpan.FromHours(14) || span.Minutes >= 60) return null;
            if (offset.Groups[1].Value == "-") span = -span;
            return TimeZoneInfo.CreateCustomTimeZone(text, span, text, text);
        }
        // Names only as the database spells them (Area/Location): no path of another kind reaches the lookup.
        if (!Regex.IsMatch(text, @"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$", RegexOptions.CultureInvariant)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(text); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException) { return null; }
    }

    DateTimeOffset _reference;
    int _syslogYear, _syslogMonth;

    LogEvent? Syslog(ReadOnlySpan<byte> line)
    {
        var m = SyslogLine.Match(Encoding.UTF8.GetString(line));
        if (!m.Success) return null;
        var text = m.Groups["time"].Value.Replace("  ", " ");
        var month = Array.IndexOf(Months, text[..3]) + 1;
        DateTimeOffset? time = null;
        if (month > 0)
        {
            // The first line's year: the reference's, unless its month is later than the reference's (then the year
            // before: a log is written before its reference). After that, a month more than half a year earlier than the
            // line before is the next year (Dec → Jan); a month a little earlier is a line out of order, same year.
            if (_syslogMonth == 0) _syslogYear = month > _reference.Month ? _reference.Year - 1 : _reference.Year;
            else if (_syslogMonth - month >= 6) _syslogYear++;
            _syslogMonth = month;
            // Feb 29 in a year that has none is a time that cannot be: the event is counted without a time. The time is the
            // zone's wall clock (--tz, else UTC), read as every time without a zone is (Local).
            if (DateTime.TryParseExact($"{_syslogYear:D4} {text}", "yyyy MMM d HH:mm:ss",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
                time = Local(wall);
        }
        return new LogEvent(time, null, m.Groups["device"].Value, m.Groups["parameters"].Value, null, null, m.Groups["event"].Value);
    }

    LogEvent? Pattern(ReadOnlySpan<byte> line)
    {
        Match m;
        _regexTime.Start();
        try { m = _regex!.Match(Encoding.UTF8.GetString(line)); }
        catch (RegexMatchTimeoutException)
        {
            throw new EvidenceInputException(Msg.LogRegexLineTimeout.With(_path, _number, LineTimeout.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally { _regexTime.Stop(); }
        if (_regexTime.Elapsed > RegexBudget)
            throw new EvidenceInputException(Msg.LogRegexBudget.With(_path, _number, RegexBudget.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));
        if (!m.Success) return null;
        string? G(string name) => m.Groups[name] is { Success: true } g ? g.Value : null;
        return new LogEvent(Time(G("time")), G("operator"), G("device"), G("parameters"), G("result"), G("task"), G("event"));
    }

    /// <summary>A time as a jsonl, csv or regex log writes it. One with an offset (Z, +02:00, GMT) or an epoch number is an
    /// instant; one without is the wall clock of the machine that wrote it, read in <see cref="LocalZone"/> as dpkg's and
    /// apt's are (<see cref="Local"/>), and counted with its line so that the facts say which times took the zone.</summary>
    DateTimeOffset? Time(string? text)
    {
        if (text is null) return null;
        var (instant, shown) = ReadTime(text);
        // A time of day without a date ("14:36:25"): the parse gives it the day of the analysis, which the log never said.
        // No time, counted with its line (undated_times), rather than today's date taken silently.
        if ((instant?.UtcDateTime ?? shown) is { } parsed && Math.Abs((parsed.Date - DateTime.UtcNow.Date).TotalDays) <= 1 && Undated(text))
        {
            _undated++;
            if (_undatedLines.Count < FirstLines) _undatedLines.Add(_number);
            return null;
        }
        if (instant is { } t) return t;
        if (shown is { } wall)
        {
            _localTimes++;
            if (_localLines.Count < FirstLines) _localLines.Add(_number);
            var local = Local(wall);
            if (local is null) _localSkipped++;
            return local;
        }
        // An epoch number in seconds, milliseconds, microseconds (journald's __REALTIME_TIMESTAMP, journalctl -o json) or
        // nanoseconds, told by its size: each unit's range of dates from 1973 on starts where the one before ends.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) && epoch > 1e8
            && (epoch > 1e17 ? epoch / 1e6 : epoch > 1e14 ? epoch / 1e3 : epoch > 1e11 ? epoch : epoch * 1000) is var ms && ms <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;
    }

    /// <summary>A time text that names no date (a time of day, with or without an offset): .NET reads it as today.</summary>
    public static bool Undated(string text)
    {
        var core = Regex.Replace(text.Trim(), @"\s*(Z|GMT|UTC|[+-]\d{2}(:?\d{2})?)$", "", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        return DateTime.TryParse(core, CultureInfo.InvariantCulture, DateTimeStyles.NoCurrentDateDefault, out var d)
            && d.Date == DateTime.MinValue.Date && !core.Contains("0001", StringComparison.Ordinal);
    }

    /// <summary>jsonl, csv and regex times that named no date (<see cref="Undated"/>): how many, and their first lines.</summary>
    long _undated;
    readonly List<long> _undatedLines = [];

    /// <summary>jsonl, csv and regex times read without an offset (<see cref="Time"/>): how many, the first lines, and how
    /// many of them the zone skipped (a spring-forward hour: no time).</summary>
    long _localTimes, _localSkipped;
    readonly List<long> _localLines = [];

    /// <summary>The last millisecond a DateTimeOffset holds (9999-12-31T23:59:59.999Z): an epoch number past it (1e300,
    /// Infinity) is no time at all, as text that does not parse is, never a crash converting it.</summary>
    const double MaxUnixMilliseconds = 253402300799999;

    /// <summary>An apt history.log transaction: Start-Date, Commandline, Requested-By, actions, Error, End-Date.</summary>
    sealed class AptTransaction
    {
        public bool Started;
        public DateTimeOffset? Start;
        public string? Commandline, RequestedBy, Error, Type;
        public bool Ended;
        public int Number;
        /// <summary>The line of its Start-Date: where a transaction out of order is.</summary>
        public long Line;

        public LogEvent ToEvent() => new(Start, RequestedBy, null, Commandline,
            Error is not null ? "failed" : Ended ? "completed" : null, $"apt-{Number}", Type ?? "transaction");
    }

    int _aptNumber;

    void AptLine(ReadOnlySpan<byte> bytes, long number, AptTransaction apt)
    {
        var line = Encoding.UTF8.GetString(bytes);
        if (line.Length == 0) return;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0) { Unparsed(number); return; }
        var (key, value) = (line[..colon], line[(colon + 2)..]);
        if (key == "Start-Date")
        {
            if (apt.Started) Add(apt.ToEvent(), apt.Line);
            apt.Started = true;
            var start = AptTime(value);
            apt.Start = start is { } wall ? Local(wall) : null;
            apt.Commandline = apt.RequestedBy = apt.Error = apt.Type = null;
            apt.Ended = false;
            apt.Number = ++_aptNumber;
            apt.Line = number;
            if (start is null) Unparsed(number);
            return;
        }
        if (!apt.Started) { Unparsed(number); return; }
        switch (key)
        {
            case "Commandline": apt.Commandline = value; break;
            case "Requested-By": apt.RequestedBy = value; break;
            case "Error": apt.Error = value; break;
            case "End-Date": apt.Ended = AptTime(value) is not null; if (!apt.Ended) Unparsed(number); break;
            case "Install" or "Upgrade" or "Remove" or "Purge" or "Downgrade" or "Reinstall": apt.Type ??= key.ToLowerInvariant(); break;
            default: Unparsed(number); break;
        }
    }

    /// <summary>An apt date as written: the local wall clock, no zone (<see cref="Local"/> reads it).</summary>
    static DateTime? AptTime(string value) =>
        DateTime.TryParseExact(value.Replace("  ", " "), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>The logs document's facts for what this analyzer read (one source).</summary>
    public JsonObject Facts(string? file = null) => LogsDocument.Aggregate([Source(file ?? "")]);

    /// <summary>What this analyzer read, as one entry of the logs document's <c>sources</c>: the counts the aggregate is
    /// summed from, and each task's lifecycle stages (a task may be split over rotated files). apt transactions are
    /// file-local, so their ids are qualified with the file's hash.</summary>
    public JsonObject Source(string file)
    {
        var local = _format == "apt" ? $"{_sha256?[..12]}:" : "";
        var source = new JsonObject
        {
            ["file"] = file,
            ["sha256"] = _sha256,
            ["format"] = _format,
            ["lines"] = _lines,
            ["unparsed"] = _unparsed,
            ["unparsed_lines"] = new JsonArray(_unparsedLines.Select(n => (JsonNode)n).ToArray()),
            ["events"] = _events,
            ["events_by_type"] = new JsonObject(_byType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["events_with"] = new JsonObject { ["time"] = _withField[0], ["operator"] = _withField[1], ["device"] = _withField[2], ["parameters"] = _withField[3], ["result"] = _withField[4] },
            ["task_stages"] = new JsonObject(_tasks.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(local + p.Key, (JsonNode?)LogsDocument.StageWords(p.Value)))),
            ["out_of_order"] = _outOfOrder,
            ["out_of_order_lines"] = new JsonArray(_outOfOrderLines.Select(n => (JsonNode)n).ToArray()),
            ["largest_gap"] = _events < 2 ? null : Math.Round(_largestGap, 3),
            ["first_event"] = _first?.ToString("O", CultureInfo.InvariantCulture),
            ["last_event"] = _last?.ToString("O", CultureInfo.InvariantCulture),
        };
        // What syslog times (no year, no zone) were read against, in the facts, so that a reader sees the assumption.
        if (_format == "syslog")
            source["syslog_times"] = new JsonObject
            {
                ["year_reference"] = _reference.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["year_reference_from"] = YearReference is null ? "mtime" : "as-of",
                ["zone"] = LocalZoneName,
            };
        // apt and dpkg times carry a year but no zone: the zone they were read in, likewise.
        else if (_format is "apt" or "dpkg")
            source["local_times"] = new JsonObject { ["zone"] = LocalZoneName };
        // jsonl, csv and regex times carry an offset or not, line by line: which were read in the zone, when any was.
        else if (_localTimes > 0)
            source["local_times"] = new JsonObject
            {
                ["zone"] = LocalZoneName,
                ["times"] = _localTimes,
                ["lines"] = new JsonArray(_localLines.Select(n => (JsonNode)n).ToArray()),
                ["skipped"] = _localSkipped,
            };
        if (_undated > 0)
            source["undated_times"] = new JsonObject
            {
                ["times"] = _undated,
                ["lines"] = new JsonArray(_undatedLines.Select(n => (JsonNode)n).ToArray()),
            };
        return source;
    }

    /// <summary>The format of a log told from its name, else from its first non-empty lines; null when neither tells. The
    /// lines are looked for in the first <see cref="SniffBytes"/> of a regular file only: a FIFO would block the open and
    /// /dev/zero is one endless line (refused, as anything but a regular file, as the analysis would refuse it); a 300 MB line
    /// is not read whole.</summary>
    public static string? Detect(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.Contains("history", StringComparison.Ordinal) && name.Contains(".log", StringComparison.Ordinal)) return "apt";
        if (name.StartsWith("dpkg", StringComparison.Ordinal)) return "dpkg";
        if (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".ndjson", StringComparison.Ordinal)) return "jsonl";
        if (name.EndsWith(".csv", StringComparison.Ordinal)) return "csv";
        var head = new byte[SniffBytes];
        int length;
        using (var stream = InputFiles.OpenRead(path, InputKind.Log)) length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        try
        {
            using var reader = new StreamReader(new MemoryStream(head, 0, length, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var seen = 0;
            while (seen < 5 && reader.ReadLine() is { } line)
            {
                if (line.Length > 4096) line = line[..4096];
                if (line.Trim().Length == 0) continue;
                seen++;
                if (line.StartsWith("Start-Date: ", StringComparison.Ordinal)) return "apt";
                if (DpkgLine.IsMatch(line)) return "dpkg";
                if (line.TrimStart().StartsWith('{') && IsJsonObject(line)) return "jsonl";
                if (SyslogLine.IsMatch(line)) return "syslog";
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    const int SniffBytes = 64 << 10;

    static readonly Regex DpkgLine = new(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (install|upgrade|remove|purge|configure|trigproc|status|startup) ",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    static bool IsJsonObject(string line)
    {
        try { return JsonNode.Parse(line) is JsonObject; }
        catch (JsonException) { return false; }
    }
}

/// <summary>An evidence file that cannot be used: a clear message, exit code 2.</summary>
public sealed class EvidenceInputException(Iq.Rules.Messages.MessageText text) : Exception(text.ToString())
{
    /// <summary>Text not in the catalog yet: English in both languages (a gap to close, docs/cli.md).</summary>
    public EvidenceInputException(string message) : this(Iq.Rules.Messages.Message.Untranslated(Iq.Rules.Diagnostics.Codes.BadEvidence, message)) { }

    /// <summary>The message in the reader's language (<see cref="Exception.Message"/> is its English).</summary>
    public Iq.Rules.Messages.MessageText Text { get; } = text;
}
