using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary>6.2.1 e) against servers nobody here wrote: <c>openssl s_server</c> restricted to one TLS version and one
/// suite. The suite iq reports must be the IANA name OpenSSL itself gives that suite (<c>openssl ciphers -stdname</c>),
/// and the version the one the server was limited to; the audit fails TLS 1.0 and passes 1.2 and 1.3.</summary>
public class OpensslTlsTests
{
    [SkippableTheory]
    [InlineData("-tls1", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0", "ECDHE-RSA-AES128-SHA", "1.0", "fail")]
    [InlineData("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "1.2", "pass")]
    [InlineData("-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "1.3", "pass")]
    public void An_openssl_server_limited_to_one_version_and_suite_is_measured_as_openssl_names_it(
        string versionFlag, string suiteFlag, string suiteSpec, string suite, string version, string outcome)
    {
        var openssl = Requires.Tool("openssl", "openssl");
        using var dir = new TempDir();
        var key = Path.Combine(dir.Path, "key.pem");
        var cert = Path.Combine(dir.Path, "cert.pem");
        var made = Requires.Run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost");
        Assert.True(made.Code == 0, made.Stderr);
        // OpenSSL's own table of names: "IANA-NAME - OPENSSL-NAME VERSION …".
        var names = suiteFlag == "-ciphersuites" ? Requires.Run(openssl, "ciphers", "-stdname", "-ciphersuites", suiteSpec)
            : Requires.Run(openssl, "ciphers", "-stdname", suiteSpec);
        Assert.True(names.Code == 0, names.Stderr);
        var iana = names.Stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(f => f.Length > 2 && f[2] == suite)[0];

        var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var psi = new ProcessStartInfo(openssl)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // stdin stays open: s_server stops when it reads end of input.
        foreach (var a in new[] { "s_server", "-accept", $"127.0.0.1:{port}", "-cert", cert, "-key", key, versionFlag, suiteFlag, suiteSpec })
            psi.ArgumentList.Add(a);
        using var server = Process.Start(psi)!;
        try
        {
            _ = server.StandardError.ReadToEndAsync();
            var ready = Task.Run(() =>
            {
                while (server.StandardOutput.ReadLine() is { } line)
                    if (line == "ACCEPT") return true;
                return false;
            });
            Assert.True(ready.Wait(TimeSpan.FromSeconds(60)) && ready.Result, "openssl s_server did not start");
            _ = Task.Run(() => server.StandardOutput.ReadToEnd());

            var endpoint = $"127.0.0.1:{port}";
            var bundle = Path.Combine(dir.Path, "bundle");
            var probe = CliRunner.InProcess("probe", "--tls", endpoint, "--out", bundle);
            Assert.True(probe.ExitCode == 0, probe.Stderr);
            var tls = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "security.json")))!["facts"]!["tls"]!.AsArray().Single()!;
            Assert.False((bool)tls["plaintext"]!, tls.ToJsonString());
            Assert.Equal([version], tls["versions"]!.AsArray().Select(v => (string)v!));
            Assert.Equal(version, (string)tls["lowest_version"]!);
            Assert.Equal($$"""[{"version":"{{version}}","suite":"{{iana}}"}]""", tls["ciphers"]!.ToJsonString());

            File.WriteAllText(Path.Combine(bundle, "plan.json"),
                $$"""{ "kind": "plan", "schema": 1, "facts": { "endpoints": [ { "name": "PACS", "address": "{{endpoint}}", "credentials": true } ] } }""");
            var json = Path.Combine(dir.Path, "results.json");
            CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", bundle, "--json", json);
            var row = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray().Single(i => (string)i!["id"]! == $"6.2.1e.tls[{endpoint}]")!;
            Assert.Equal(outcome, (string)row["outcome"]!);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }
}
