using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Probes.Security;

namespace Iq.Tests;

/// <summary>6.2.1 e) measured against local servers: real SslStream servers with a self-signed certificate, one that
/// offers only TLS 1.0 and 1.1 and one that offers only TLS 1.3, a plaintext server, a closed port, and a server that
/// demands a client certificate. OpenSSL 3 (Debian 12) refuses TLS 1.0/1.1 at its default security level, on both sides
/// of a handshake; EncryptionPolicy.AllowNoEncryption makes .NET lower it to 0, which is how the legacy server is built
/// here and how the probe offers the old versions.</summary>
public class TlsProbeTests
{
    static readonly Lazy<X509Certificate2> Certificate = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // On Linux the server needs the key in a form OpenSSL can use: a PKCS#12 round trip.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    });

    /// <summary>A TLS server on 127.0.0.1 offering the given versions; every connection gets one handshake.</summary>
    sealed class TlsServer : IDisposable
    {
        readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        readonly CancellationTokenSource _stop = new();
        public string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public TlsServer(SslProtocols protocols, bool requireClientCertificate = false)
        {
            _listener.Start();
            // A thread of its own with blocking calls, so that a busy thread pool (the whole suite running) cannot delay it.
            new Thread(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = _listener.AcceptTcpClient(); }
                    catch (Exception) { return; }
                    using (client)
                    {
                        client.ReceiveTimeout = client.SendTimeout = 30_000;
                        using var ssl = new SslStream(client.GetStream());
                        try
                        {
                            ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
                            {
                                ServerCertificate = Certificate.Value,
                                EnabledSslProtocols = protocols,
#pragma warning disable SYSLIB0040 // security level 0: without it OpenSSL 3 will not serve TLS 1.0 or 1.1 at all
                                EncryptionPolicy = EncryptionPolicy.AllowNoEncryption,
#pragma warning restore SYSLIB0040
                                ClientCertificateRequired = requireClientCertificate,
                                RemoteCertificateValidationCallback = (_, cert, _, _) => !requireClientCertificate || cert is not null,
                            });
                            ssl.Write("ok"u8);
                        }
                        catch (Exception e) when (e is AuthenticationException or IOException) { }
                    }
                }
            }) { IsBackground = true }.Start();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }

    static JsonObject Measure(string endpoint)
    {
        Assert.True(TlsEndpoint.TryParse(endpoint, out var e, out var error), error?.ToString());
        return TlsProbe.MeasureAsync(e, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
    }

    static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static string J(JsonNode? n) => n?.ToJsonString(Relaxed) ?? "null";

#pragma warning disable SYSLIB0039 // the servers offer obsolete versions on purpose
    const SslProtocols Legacy = SslProtocols.Tls | SslProtocols.Tls11;
#pragma warning restore SYSLIB0039

    [Fact]
    public void A_tls_1_0_and_1_1_server_fails_6_2_1_e_and_a_tls_1_3_server_passes()
    {
        using var legacy = new TlsServer(Legacy);
        using var modern = new TlsServer(SslProtocols.Tls13);
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        var probe = CliRunner.InProcess("probe", "--tls", legacy.Endpoint, "--tls", modern.Endpoint, "--out", bundle);
        Assert.True(probe.ExitCode == 0, probe.Stderr);

        var tls = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "security.json")))!["facts"]!["tls"]!.AsArray();
        var old = tls.Single(t => (string)t!["endpoint"]! == legacy.Endpoint)!;
        Assert.True(J(old["versions"]) == """["1.0","1.1"]""", J(old));
        Assert.Equal("1.0", (string)old["lowest_version"]!);
        Assert.False((bool)old["plaintext"]!);
        Assert.Equal(["1.0", "1.1"], old["ciphers"]!.AsArray().Select(c => (string)c!["version"]!));
        Assert.All(old["ciphers"]!.AsArray(), c => Assert.StartsWith("TLS_", (string)c!["suite"]!));
        var now = tls.Single(t => (string)t!["endpoint"]! == modern.Endpoint)!;
        Assert.Equal("""["1.3"]""", J(now["versions"]));
        Assert.Equal("""[{"version":"1.3","suite":"TLS_AES_256_GCM_SHA384"}]""", J(now["ciphers"]));
        Assert.Equal("CN=localhost", (string)now["certificate"]!["subject"]!);
        Assert.False((bool)now["certificate"]!["trusted"]!); // self-signed: recorded, not judged by 6.2.1 e)

        File.WriteAllText(Path.Combine(bundle, "plan.json"), $$"""
            { "kind": "plan", "schema": 1, "facts": { "endpoints": [
              { "name": "License 服务", "address": "{{legacy.Endpoint}}", "credentials": true },
              { "name": "Web 界面", "address": "{{modern.Endpoint}}", "credentials": true } ] } }
            """);
        var json = Path.Combine(dir.Path, "results.json");
        CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", bundle, "--json", json);
        var items = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().ToDictionary(i => (string)i!["id"]!, i => i!);
        Assert.Equal("fail", (string)items[$"6.2.1e.tls[{legacy.Endpoint}]"]["outcome"]!);
        Assert.StartsWith("t.lowest_version >= min_tls_version: actual 1.0, expected >= 1.2", (string)items[$"6.2.1e.tls[{legacy.Endpoint}]"]["message"]!);
        Assert.Equal("pass", (string)items[$"6.2.1e.tls[{modern.Endpoint}]"]["outcome"]!);
        Assert.Equal("pass", (string)items["6.2.1e.endpoints"]["outcome"]!);
    }

    [Fact]
    public void A_plaintext_answer_is_plaintext_not_a_refusal()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        new Thread(() =>
        {
            while (true)
            {
                try
                {
                    using var c = listener.AcceptTcpClient();
                    var s = c.GetStream();
                    _ = s.Read(new byte[4096]); // the ClientHello, whatever its length
                    s.Write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8);
                }
                catch (Exception) { return; }
            }
        }) { IsBackground = true }.Start();
        var t = Measure($"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        Assert.True((bool)t["plaintext"]!);
        Assert.Equal("[]", J(t["versions"]));
        Assert.Equal("""{"$absent":"no TLS: the endpoint answered in plaintext","$code":"IQ7058","$args":{}}""", J(t["lowest_version"]));
        Assert.EndsWith("the endpoint answered without TLS (\"HTTP/1.1 400 Bad Request\")", (string)t["source"]!);
    }

    [Fact]
    public void A_closed_port_is_an_error_on_every_fact()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var t = Measure($"127.0.0.1:{port}");
        Assert.StartsWith($"{{\"$error\":\"127.0.0.1:{port}: cannot connect: Connection refused", J(t["lowest_version"]));
        Assert.Equal(J(t["lowest_version"]), J(t["plaintext"]));
    }

    [Fact]
    public void A_server_that_demands_a_client_certificate_still_shows_its_versions()
    {
        using var server = new TlsServer(SslProtocols.Tls12, requireClientCertificate: true);
        var t = Measure(server.Endpoint);
        // The handshake fails for want of a client certificate, after the ServerHello that accepted TLS 1.2.
        Assert.Equal("""["1.2"]""", J(t["versions"]));
        Assert.StartsWith("TLS_", (string)t["ciphers"]![0]!["suite"]!);
    }

    [Theory]
    [InlineData("pacs.hospital.example:2762", "pacs.hospital.example", 2762)]
    [InlineData("10.1.2.30:8443", "10.1.2.30", 8443)]
    [InlineData("[::1]:443", "::1", 443)]
    public void Endpoints_parse(string text, string host, int port)
    {
        Assert.True(TlsEndpoint.TryParse(text, out var e, out _));
        Assert.Equal((host, port), (e.Host, e.Port));
        Assert.Equal(text, e.ToString());
    }

    [Theory]
    [InlineData("pacs.hospital.example", "'pacs.hospital.example': expected HOST:PORT")]
    [InlineData("host:0", "'host:0': the port must be a number from 1 to 65535")]
    [InlineData("::1:443", "'::1:443': expected HOST:PORT")]
    public void Bad_endpoints_are_refused_with_exit_2(string text, string message)
    {
        Assert.False(TlsEndpoint.TryParse(text, out _, out var error));
        Assert.Equal(message, error!.Render(Iq.Rules.Messages.Lang.En));
        var run = CliRunner.InProcess("probe", "--tls", text, "--out", Path.Combine(Path.GetTempPath(), "iq-never-written"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"iq: error IQ6003: --tls: {message}\n", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "iq-never-written")));
    }

    /// <summary>The same refusal under --lang zh: iq's words in Chinese, the endpoint as written, the same code.</summary>
    [Fact]
    public void A_bad_endpoint_is_refused_in_the_report_language()
    {
        var run = CliRunner.InProcess("probe", "--tls", "host:0", "--lang", "zh", "--out", Path.Combine(Path.GetTempPath(), "iq-never-written"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("iq: error IQ6003: --tls：'host:0'：端口必须是 1 到 65535 之间的数\n", run.Stderr);
    }
}
