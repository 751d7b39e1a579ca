using Iq.Rules.Messages;
using System.Globalization;
using System.Text.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Iq.Engine.Probes.Security;

/// <summary>HOST:PORT, or [IPv6]:PORT.</summary>
public sealed record TlsEndpoint(string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public static bool TryParse(string text, out TlsEndpoint endpoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out MessageText? error)
    {
        endpoint = null!;
        error = null;
        var s = text.Trim();
        string host, port;
        if (s.StartsWith('['))
        {
            var close = s.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0) { error = Msg.TlsEndpointNotIpv6.With(text); return false; }
            host = s[1..close];
            port = s[(close + 2)..];
        }
        else
        {
            var colon = s.LastIndexOf(':');
            if (colon <= 0 || s.IndexOf(':') != colon) { error = Msg.TlsEndpointNotHostPort.With(text); return false; }
            host = s[..colon];
            port = s[(colon + 1)..];
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
        {
            error = Msg.TlsEndpointBadPort.With(text);
            return false;
        }
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) { error = Msg.TlsEndpointNoHost.With(text); return false; }
        endpoint = new TlsEndpoint(host, p);
        return true;
    }

    /// <summary>The endpoints a plan document names (<c>facts.endpoints[].address</c>), or what is wrong, with the
    /// file and JSON path.</summary>
    public static (IReadOnlyList<TlsEndpoint> Endpoints, ILocalized? Error) FromPlan(string file)
    {
        // Read as every JSON input is: a FIFO or a device is refused unopened, a member named twice is an error with its place.
        using var doc = Rules.Io.JsonInput.Read(file, Rules.Io.InputKind.FactDocument, out _, out var problem);
        if (doc is null) return ([], Localized.Concat(Localized.Verbatim($"{problem!.Span.File}:{problem.Span.Line}:{problem.Span.Column}: "), problem.Text));
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("facts", out var facts)
            || facts.ValueKind != JsonValueKind.Object || !facts.TryGetProperty("endpoints", out var list))
            return ([], null);
        if (list.ValueKind != JsonValueKind.Array) return ([], Msg.PlanEndpointsNotList.With(file));
        var result = new List<TlsEndpoint>();
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            var at = $"{file}: $.facts.endpoints[{i++}].address";
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("address", out var a) || a.ValueKind != JsonValueKind.String)
                return ([], Msg.PlanEndpointNotString.With(at));
            if (!TryParse(a.GetString()!, out var endpoint, out var error)) return ([], Msg.PlanEndpointBad.With(at, error));
            result.Add(endpoint);
        }
        return (result, null);
    }

    /// <summary>The endpoints the plan documents in these bundle folders name (for <c>iq audit --probe</c>), among the
    /// documents the bundle reader reads (<see cref="Facts.BundleFileNames"/>); a plan that cannot be read is left to the
    /// bundle reader, which reports it with its position, and a name it refuses (<c>plan.JSON</c>) has refused the audit
    /// before the probe starts.</summary>
    public static IReadOnlyList<TlsEndpoint> FromBundles(IEnumerable<string> bundles) =>
        bundles.Where(Directory.Exists).SelectMany(d => Facts.BundleFileNames.List(d).Documents)
            .Where(IsPlan).SelectMany(f => FromPlan(f).Endpoints).DistinctBy(e => e.ToString()).ToList();

    static bool IsPlan(string file)
    {
        // A document that cannot be read (a FIFO, malformed) is not read here: the bundle reader reports it.
        using var doc = Rules.Io.JsonInput.Read(file, Rules.Io.InputKind.FactDocument, out _, out _);
        return doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("kind", out var k)
               && k.ValueKind == JsonValueKind.String && k.GetString() == "plan";
    }
}

/// <summary>Measures an endpoint's TLS with .NET's SslStream, one protocol version at a time: a handshake offering only
/// that version tells whether the server accepts it and which suite it picks. The client offers everything its TLS
/// library has (EncryptionPolicy.AllowNoEncryption lowers OpenSSL's security level to 0, without which OpenSSL 3 will not
/// even offer TLS 1.0 or 1.1): the point is what the server accepts, not what a careful client would use. What the server
/// sent first is kept, so that a refusal (a TLS alert, or a closed connection), a plaintext answer, and a version this
/// machine's TLS library would not offer are told apart: the last is unknown, never "not accepted". A ServerHello followed
/// by a failed handshake (a server that wants a client certificate) still counts as accepting the version.</summary>
public static class TlsProbe
{
    public static readonly IReadOnlyList<(SslProtocols Protocol, string Version)> Versions =
#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are obsolete: measuring whether a server still accepts them is the point
        [(SslProtocols.Tls, "1.0"), (SslProtocols.Tls11, "1.1"), (SslProtocols.Tls12, "1.2"), (SslProtocols.Tls13, "1.3")];
#pragma warning restore SYSLIB0039

    abstract record Attempt;
    sealed record Accepted(string Suite, X509Certificate2? Certificate, SslPolicyErrors Errors, bool Completed) : Attempt;
    sealed record Refused(string Why) : Attempt;
    sealed record Plaintext(string FirstBytes) : Attempt;
    sealed record Unknown(string Why) : Attempt;

    /// <summary>Measures on a thread of its own, with blocking sockets bounded by <paramref name="timeout"/>: no step waits
    /// for the thread pool, so a busy pool (a loaded host, a test run) cannot turn a slow answer into a false result.</summary>
    public static Task<JsonObject> MeasureAsync(TlsEndpoint endpoint, TimeSpan timeout, CancellationToken cancel = default) =>
        Task.Factory.StartNew(() => Measure(endpoint, timeout, cancel), cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static JsonObject Measure(TlsEndpoint endpoint, TimeSpan timeout, CancellationToken cancel = default)
    {
        var result = new JsonObject { ["endpoint"] = endpoint.ToString(), ["source"] = $"TLS handshakes from this host to {endpoint}, one per version (SslStream)" };
        var attempts = new List<(string Version, Attempt Attempt)>();
        foreach (var (protocol, version) in Versions)
        {
            Attempt attempt;
            try { attempt = Try(endpoint, protocol, timeout, cancel); }
            catch (SocketException e) { return Unreachable(result, Msg.TlsCannotConnect.With(endpoint.ToString(), e.Message)); }
            catch (TimeoutException) { return Unreachable(result, Msg.TlsNoConnection.With(endpoint.ToString(), timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture))); }
            attempts.Add((version, attempt));
        }

        var unknown = attempts.Where(a => a.Attempt is Unknown).ToList();
        var accepted = attempts.Where(a => a.Attempt is Accepted).ToList();
        var plaintext = attempts.Select(a => a.Attempt).OfType<Plaintext>().FirstOrDefault();
        result["plaintext"] = plaintext is not null && accepted.Count == 0;
        if (plaintext is not null && accepted.Count == 0)
            result["source"] = $"{result["source"]}: the endpoint answered without TLS (\"{plaintext.FirstBytes}\")";
        if (unknown.Count > 0)
        {
            var why = string.Join("; ", unknown.Select(u => $"TLS {u.Version}: {((Unknown)u.Attempt).Why}"));
            result["versions"] = Fact.Error(Msg.TlsNotEveryVersion.With(why));
            result["lowest_version"] = Fact.Error(Msg.TlsNotEveryVersion.With(why));
        }
        else
        {
            result["versions"] = new JsonArray(accepted.Select(a => (JsonNode)a.Version).ToArray());
            result["lowest_version"] = accepted.Count > 0 ? accepted[0].Version
                : Fact.Absent(plaintext is not null ? Msg.TlsPlaintext.Text : Msg.TlsNoVersion.With(
                    string.Join("; ", attempts.Select(a => $"TLS {a.Version}: {(a.Attempt as Refused)?.Why}"))));
        }
        result["ciphers"] = new JsonArray(accepted.Select(a => (JsonNode)new JsonObject { ["version"] = a.Version, ["suite"] = ((Accepted)a.Attempt).Suite }).ToArray());
        var withCertificate = accepted.Select(a => (Accepted)a.Attempt).LastOrDefault(a => a.Certificate is not null);
        result["certificate"] = withCertificate is null ? Fact.Absent(Msg.TlsNoCertificate.Text) : Certificate(withCertificate);
        return result;
    }

    static JsonObject Unreachable(JsonObject result, MessageText why)
    {
        foreach (var member in new[] { "plaintext", "versions", "lowest_version", "ciphers", "certificate" }) result[member] = Fact.Error(why);
        return result;
    }

    static JsonObject Certificate(Accepted a)
    {
        var c = a.Certificate!;
        return new JsonObject
        {
            ["subject"] = c.Subject,
            ["issuer"] = c.Issuer,
            ["not_after"] = c.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["trusted"] = a.Errors == SslPolicyErrors.None,
            ["errors"] = a.Errors == SslPolicyErrors.None ? "none" : a.Errors.ToString(),
        };
    }

    static Attempt Try(TlsEndpoint endpoint, SslProtocols protocol, TimeSpan timeout, CancellationToken cancel)
    {
        var ms = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
        using var tcp = new TcpClient { ReceiveTimeout = ms, SendTimeout = ms };
        var connect = tcp.ConnectAsync(endpoint.Host, endpoint.Port, cancel).AsTask();
        try
        {
            if (!connect.Wait(timeout, cancel)) throw new TimeoutException();
        }
        catch (AggregateException e) when (e.InnerException is SocketException s) { throw s; }
        var recording = new RecordingStream(tcp.GetStream());
        X509Certificate2? certificate = null;
        var errors = SslPolicyErrors.None;
        using var ssl = new SslStream(recording, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.Host,
            EnabledSslProtocols = protocol,
#pragma warning disable SYSLIB0040 // see the class comment: the client must be able to offer every version and suite
            EncryptionPolicy = EncryptionPolicy.AllowNoEncryption,
#pragma warning restore SYSLIB0040
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, _, policyErrors) =>
            {
                // The handshake is measured whatever the certificate; whether it is trusted is recorded beside it.
                if (cert is not null) certificate = new X509Certificate2(cert);
                errors = policyErrors;
                return true;
            },
        };
        try
        {
            ssl.AuthenticateAsClient(options);
            return new Accepted(ssl.NegotiatedCipherSuite.ToString(), certificate, errors, true);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            if (recording.Written == 0)
                return new Unknown($"this host's TLS library refused to offer it ({Innermost(e)})");
            if (recording.FirstRead.Length == 0 && TimedOut(e))
                return new Unknown($"no answer within {timeout.TotalSeconds:0.#} s");
            return Classify(recording, Wire(protocol), Innermost(e));
        }
    }

    static bool TimedOut(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is SocketException { SocketErrorCode: SocketError.TimedOut }) return true;
        return false;
    }

#pragma warning disable SYSLIB0039
    static ushort Wire(SslProtocols p) => p switch { SslProtocols.Tls => 0x0301, SslProtocols.Tls11 => 0x0302, SslProtocols.Tls12 => 0x0303, _ => 0x0304 };
#pragma warning restore SYSLIB0039

    static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message;
    }

    /// <summary>What the server's first bytes say: a TLS alert or a closed connection is a refusal; a ServerHello for the
    /// version offered means it was accepted (the handshake failed later, e.g. for want of a client certificate), one for
    /// another version is a refusal; anything that is not a TLS record is plaintext.</summary>
    static Attempt Classify(RecordingStream r, ushort offered, string error)
    {
        var b = r.FirstRead;
        if (b.Length == 0) return new Refused($"connection closed ({error})");
        if (b.Length >= 2 && b[0] == 0x15 && b[1] == 0x03) return new Refused(b.Length >= 7 ? $"TLS alert {b[6]}" : "TLS alert");
        if (b.Length >= 2 && b[0] == 0x16 && b[1] == 0x03)
        {
            if (ServerHello(b) is not { } hello) return new Refused($"handshake failed ({error})");
            return hello.Version == offered ? new Accepted(hello.Suite, null, SslPolicyErrors.None, false)
                : new Refused($"the server answered with version 0x{hello.Version:X4} ({error})");
        }
        if (b.Length >= 4 && b[0] == 'S' && b[1] == 'S' && b[2] == 'H' && b[3] == '-') return new Refused("an SSH server, not TLS");
        var text = new string(b.Take(24).Select(c => c is >= 0x20 and < 0x7f ? (char)c : '.').ToArray()).TrimEnd('.');
        return new Plaintext(text);
    }

    /// <summary>The version and cipher suite of a ServerHello at the start of the first record (RFC 5246 7.4.1.3; RFC 8446
    /// 4.1.3: TLS 1.3 says 0x0303 and puts 0x0304 in its supported_versions extension).</summary>
    static (ushort Version, string Suite)? ServerHello(byte[] b)
    {
        // record header (5) · handshake type 2 (1) · length (3) · version (2) · random (32) · session id (1 + n) · suite (2)
        // · compression (1) · extensions length (2) · extensions (type 2, length 2, data)
        if (b.Length < 5 + 4 + 2 + 32 + 1 || b[5] != 2) return null;
        var version = (ushort)((b[9] << 8) | b[10]);
        var sid = b[5 + 4 + 2 + 32];
        var at = 5 + 4 + 2 + 32 + 1 + sid;
        if (b.Length < at + 2) return null;
        var code = (TlsCipherSuite)((b[at] << 8) | b[at + 1]);
        var suite = Enum.IsDefined(code) ? code.ToString() : $"0x{(int)code:X4}";
        var ext = at + 2 + 1;
        if (b.Length >= ext + 2)
        {
            var end = Math.Min(b.Length, ext + 2 + ((b[ext] << 8) | b[ext + 1]));
            for (var i = ext + 2; i + 4 <= end;)
            {
                var type = (b[i] << 8) | b[i + 1];
                var length = (b[i + 2] << 8) | b[i + 3];
                if (type == 0x002b && length == 2 && i + 6 <= end) version = (ushort)((b[i + 4] << 8) | b[i + 5]);
                i += 4 + length;
            }
        }
        return (version, suite);
    }

    /// <summary>Passes everything through; keeps the first bytes read and counts the bytes written.</summary>
    sealed class RecordingStream(Stream inner) : Stream
    {
        const int Keep = 1024;
        readonly List<byte> _first = [];
        public long Written { get; private set; }
        public byte[] FirstRead => _first.ToArray();

        void Record(ReadOnlySpan<byte> data)
        {
            for (var i = 0; i < data.Length && _first.Count < Keep; i++) _first.Add(data[i]);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Record(buffer.AsSpan(offset, n));
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            Record(buffer.Span[..n]);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Written += count;
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
