using CsCheck;
using Iq.Engine.Fleet;

namespace Iq.Tests;

/// <summary><c>--store</c> is user input: a file name or a postgres URL. Bad ones give a message naming what is wrong
/// (never the password), never an exception; good ones give back their parts.</summary>
public class StoreLocationTests
{
    [Theory]
    [InlineData("", "needs a file name")]
    [InlineData("   ", "needs a file name")]
    [InlineData("mysql://host/db", "unknown scheme 'mysql://'")]
    [InlineData("postgres://host", "names no database")]
    [InlineData("postgres:///db", "names no host")]
    [InlineData("postgres://host:0/db", "port '0'")]
    [InlineData("postgres://host:65536/db", "port '65536'")]
    [InlineData("postgres://host:5432x/db", "port '5432x'")]
    [InlineData("postgres://[::1/db", "not closed")]
    [InlineData("postgres://u:p@host/db/x", "not a database name")]
    [InlineData("postgres://@host/db", "user name before '@' is empty")]
    [InlineData("postgres://host/db?sslmode=sometimes", "sslmode 'sometimes'")]
    [InlineData("postgres://host/db?connect_timeout=0", "connect_timeout '0'")]
    [InlineData("postgres://host/db?options=-c%20x", "unknown URL parameter 'options'")]
    [InlineData("postgres://host/db?sslmode=require&sslmode=disable", "given twice")]
    [InlineData("postgres://host/db?novalue", "needs NAME=VALUE")]
    [InlineData("postgres://host/db#frag", "no #fragment")]
    [InlineData("postgres://ho%ZZst/db", "not valid percent-encoding")]
    [InlineData("postgres://host/d%00b", "control character")]
    [InlineData("results\u0001.db", "control character")]
    public void Bad_store_locations_are_messages(string spec, string expected)
    {
        var location = StoreLocation.Parse(spec, out var error);
        Assert.NotNull(error);
        Assert.Contains(expected, error!.ToString());
        Assert.False(location.IsPostgres);
    }

    [Fact]
    public void The_password_is_never_shown()
    {
        var location = StoreLocation.Parse("postgres://lab:s3cr%40t@db.example:5433/fleet?sslmode=require", out var error);
        Assert.Null(error);
        Assert.Equal(("lab", "s3cr@t", "db.example", 5433, "fleet"), (location.User, location.Password, location.Host, location.Port!.Value, location.Database));
        Assert.Equal("require", location.Options["sslmode"]);
        Assert.DoesNotContain("s3cr", location.Display);
        var wrong = StoreLocation.Parse("postgres://lab:s3cret@db.example:99999/fleet", out var message);
        Assert.DoesNotContain("s3cret", message!.ToString());
    }

    [Fact]
    public void A_socket_folder_and_IPv6_hosts_are_read()
    {
        var socket = StoreLocation.Parse("postgresql://postgres@localhost/iq?host=%2Ftmp%2Fpg", out var e1);
        Assert.Null(e1);
        Assert.Equal("/tmp/pg", socket.Host);
        var v6 = StoreLocation.Parse("postgres://[::1]:6543/iq", out var e2);
        Assert.Null(e2);
        Assert.Equal(("::1", 6543), (v6.Host, v6.Port!.Value));
        var file = StoreLocation.Parse("runs/2026/results.db", out var e3);
        Assert.Null(e3);
        Assert.Equal("runs/2026/results.db", file.File);
    }

    [Fact]
    public void Any_string_gives_a_location_or_a_message_never_an_exception()
    {
        string[] words = ["postgres://", "postgresql://", "mysql://", "@", ":", "/", "?", "&", "=", "#", "[", "]", "%", "%2F", "%ZZ",
            "host", "db", "user", "pw", "5432", "99999", "sslmode", "require", "connect_timeout", "0", "\u0000", "名"];
        var pieces = Gen.Int[0, words.Length - 1].Select(i => words[i]);
        var gen = Gen.OneOf(pieces.Array[0, 12].Select(p => string.Concat(p)), Gen.String[0, 200]);
        gen.Sample(spec =>
        {
            var location = StoreLocation.Parse(spec, out var error);
            if (error is not null) Assert.False(location.IsPostgres || location.File is not null, spec);
            else if (location.IsPostgres) Assert.True(location.Host is { Length: > 0 } && location.Database is { Length: > 0 }, spec);
            else Assert.Equal(spec, location.File);
        }, iter: 20_000);
    }

    [Fact]
    public void Generated_urls_read_back_their_parts()
    {
        var word = Gen.String[Gen.Char["a-zA-Z0-9 @:/?#%&=名"], 1, 12];
        Gen.Select(word, word, word, word, Gen.Int[1, 65535]).Sample((user, password, host, database, port) =>
        {
            var url = $"postgres://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{Uri.EscapeDataString(host)}:{port}/{Uri.EscapeDataString(database)}";
            var location = StoreLocation.Parse(url, out var error);
            if (database.Contains('/')) { Assert.NotNull(error); return; }
            Assert.True(error is null, url + ": " + error);
            Assert.Equal((user, password, host, database, port), (location.User, location.Password, location.Host, location.Database, location.Port!.Value));
        }, iter: 5_000);
    }
}
