namespace Iq.Tests;

/// <summary>Without a loadable libssl, .NET's cryptography aborts the process ("No usable version of libssl was found",
/// exit 134). iq checks first, as the runtime looks for it, and says what to install (IQ6005, exit 2).</summary>
public class OpenSslCheckTests
{
    const string Tried = "libssl.so.3, libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10, libssl.so.11, libssl.so.111";

    /// <summary>The real CLI on a library path where every libssl soname the runtime tries is an empty file: dlopen fails
    /// ("file too short") before it reaches the system's copy, as on a machine without OpenSSL. Without iq's check the
    /// same command aborts in the runtime (exit 134, seen on this machine kind), so this test fails without it.</summary>
    [Fact]
    public void Without_libssl_the_real_cli_names_what_to_install_and_exits_2()
    {
        using var dir = new TempDir();
        var libs = Path.Combine(dir.Path, "no-openssl");
        Directory.CreateDirectory(libs);
        foreach (var v in new[] { "3", "1.1", "1.0.2", "1.0.0", "10", "11", "111", "9.9" }) File.WriteAllBytes(Path.Combine(libs, "libssl.so." + v), []);
        var bundle = Path.Combine(dir.Path, "b");
        var env = new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = libs, ["DOTNET_OPENSSL_VERSION_OVERRIDE"] = "9.9" };

        var en = CliRunner.ProcessWith(env, "probe", "--out", bundle, "--lang", "en");
        Assert.Equal(2, en.ExitCode);
        // The override is tried first, as the runtime does.
        Assert.Equal("iq: error IQ6005: iq needs OpenSSL's libssl and none could be loaded (tried libssl.so.9.9, " + Tried + "): install OpenSSL "
            + "(Debian/Ubuntu: apt-get install libssl3, or libssl3t64 on newer releases; RHEL: dnf install openssl-libs)\n", en.Stderr);
        Assert.DoesNotContain("No usable version", en.Stderr);
        Assert.Equal("", en.Stdout);
        Assert.False(Directory.Exists(bundle));

        var zh = CliRunner.ProcessWith(env, "audit", "--out", bundle, "--lang", "zh");
        Assert.Equal(2, zh.ExitCode);
        Assert.StartsWith("iq: error IQ6005: iq 需要 OpenSSL 的 libssl，但未能加载（已尝试 libssl.so.9.9, libssl.so.3,", zh.Stderr);
        Assert.Contains("apt-get install libssl3", zh.Stderr);
        Assert.False(Directory.Exists(bundle));

        // --version and --help hash nothing: they still answer there, so a device can say which iq it has.
        var version = CliRunner.ProcessWith(env, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"\d+\.\d+", version.Stdout);
        var help = CliRunner.ProcessWith(env, "--help", "--lang", "en");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("audit", help.Stdout);
    }

    [Fact]
    public void With_libssl_the_check_opens_libssl_so_3_alone()
    {
        var tried = new List<string>();
        var run = CliRunner.InProcessWith(new Iq.Cli.Program.RunOptions { Environment = _ => null, TryLoadLibrary = n => { tried.Add(n); return true; } }, "schema", "plan");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["libssl.so.3"], tried);
        // And on this machine the real dlopen finds it.
        Assert.True(Iq.Cli.Conventions.OpenSsl.TryLoad("libssl.so.3"));
    }

    [Fact]
    public void An_override_is_tried_first_and_an_overlong_one_is_ignored_as_the_runtime_ignores_it()
    {
        IReadOnlyList<string> Tries(string? version)
        {
            var tried = new List<string>();
            Iq.Cli.Conventions.OpenSsl.Problem(n => n == "DOTNET_OPENSSL_VERSION_OVERRIDE" ? version : null, n => { tried.Add(n); return false; });
            return tried;
        }
        Assert.Equal(("libssl.so.1.1, " + Tried).Split(", "), Tries("1.1"));
        Assert.Equal(Tried.Split(", "), Tries(new string('1', 33)));
        Assert.Equal(Tried.Split(", "), Tries(""));
    }
}
