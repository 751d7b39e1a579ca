using Iq.Engine.Facts;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>Fact documents: validated against the schema; every problem named by file, line, column and JSON path.</summary>
public class FactBundleTests
{
    static string Load(params (string Name, string Json)[] files)
    {
        using var dir = new TempDir();
        foreach (var (name, json) in files) File.WriteAllText(Path.Combine(dir.Path, name), json);
        var bundle = FactBundleReader.Load([dir.Path], FactSchema.Default);
        return string.Join("\n", bundle.Diagnostics.Select(d => $"{Path.GetFileName(d.Span.File)}:{d.Span.Line}:{d.Span.Column} {d.Code} {d.Message}"));
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_position()
    {
        Assert.Equal("env.json:3:1 IQ4001 Malformed JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed",
            Load(("env.json", "{\"kind\": \"environment\", \"schema\": 1,\n  \"facts\": {\"cpu\": {\"logical_cores\": 4}\n")));
    }

    [Fact]
    public void A_wrong_type_names_the_json_path_and_its_line()
    {
        Assert.Equal("env.json:4:44 IQ4002 expected a number, got string \"many\" at $.facts.cpu.logical_cores",
            Load(("env.json", "{\n  \"kind\": \"environment\", \"schema\": 1,\n  \"facts\": {\n    \"cpu\": {\"sockets\": 2, \"logical_cores\": \"many\"}\n  }\n}")));
    }

    [Fact]
    public void Wrong_types_in_lists_and_maps_are_all_reported()
    {
        Assert.Equal(string.Join("\n",
                "plan.json:1:63 IQ4002 expected a version such as \"24.0.7\", got true at $.facts.software[0].min_version",
                "plan.json:1:118 IQ4002 expected a size: bytes, or a string such as \"40 GiB\", got string \"lots\" at $.facts.hardware.minimum.memory"),
            Load(("plan.json", "{\"kind\":\"plan\",\"schema\":1,\"facts\":{\"software\":[{\"min_version\":true,\"name\":\"docker\"}],\"hardware\":{\"minimum\":{\"memory\":\"lots\"}}}}")));
    }

    [Fact]
    public void Unknown_members_are_errors_with_a_suggestion()
    {
        Assert.Equal("env.json:1:50 IQ4003 unknown member 'logical_core' of cpu; did you mean 'logical_cores'? at $.facts.cpu.logical_core",
            Load(("env.json", "{\"kind\":\"environment\",\"schema\":1,\"facts\":{\"cpu\":{\"logical_core\":4}}}")));
    }

    [Fact]
    public void Kind_and_schema_are_checked()
    {
        Assert.Equal("a.json:1:9 IQ4003 unknown kind 'enviroment'; did you mean 'environment'? at $.kind",
            Load(("a.json", "{\"kind\":\"enviroment\",\"schema\":1,\"facts\":{}}")));
        Assert.Equal("a.json:1:32 IQ4003 schema 2 is not supported; this engine reads schema 1 at $.schema",
            Load(("a.json", "{\"kind\":\"environment\",\"schema\":2,\"facts\":{}}")));
        Assert.Equal("a.json:1:1 IQ4003 a fact document needs \"kind\": a string such as \"environment\" at $",
            Load(("a.json", "{\"schema\":1,\"facts\":{}}")));
        Assert.Equal("a.json:1:1 IQ4003 a fact document must be a JSON object at $", Load(("a.json", "[1, 2]")));
    }

    [Fact]
    public void Two_documents_of_one_kind_are_an_error()
    {
        const string plan = "{\"kind\":\"plan\",\"schema\":1,\"facts\":{}}";
        Assert.Matches(@"^b\.json:1:1 IQ4004 Second 'plan' document in the bundle \(the first is .*/a\.json\)$", Load(("a.json", plan), ("b.json", plan)));
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_crash()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var result = Load(("c.json", "{\"kind\":\"custom\",\"schema\":1,\"facts\":{\"x\":" + deep + "}}"));
        Assert.StartsWith("c.json:1:", result);
        Assert.Contains("IQ4001 Malformed JSON: The maximum configured depth of 64 has been exceeded", result);
    }

    [Fact]
    public void A_missing_folder_is_an_error()
    {
        var bundle = FactBundleReader.Load(["/nonexistent/bundle"], FactSchema.Default);
        Assert.Equal("/nonexistent/bundle: error IQ4005: Fact bundle folder not found: /nonexistent/bundle", Assert.Single(bundle.Diagnostics).ToString());
    }

    [Fact]
    public void Absent_and_error_values_become_missing_with_their_reason()
    {
        var bundle = FactBundleReader.Load([TestPaths.Case("facts")], FactSchema.Default);
        var security = (FactObject)bundle.Values.Roots["security"]!;
        security.TryGet("mac", out var mac);
        ((FactObject)mac!).TryGet("apparmor", out var apparmor);
        Assert.Equal("security.mac.apparmor (absent: apparmor_status not installed)", Assert.IsType<Missing>(apparmor).Describe());
        Assert.Equal(5, bundle.Inputs.Count);
        Assert.All(bundle.Inputs, i => Assert.Matches("^[0-9a-f]{64}$", i.Sha256));
    }

    /// <summary>Member names are matched as JSON reads them: a name written with escapes is the same name, for the schema's
    /// members and for the markers (<c>$absent</c>, <c>not_applicable</c>), and an unknown member is still refused.</summary>
    [Fact]
    public void Member_names_written_with_escapes_are_the_same_names()
    {
        static (FactBundle Bundle, FactObject Cpu) Read(string cpu)
        {
            using var dir = new TempDir();
            File.WriteAllText(Path.Combine(dir.Path, "environment.json"), "{\"kind\":\"environment\",\"schema\":1,\"facts\":{\"cpu\":" + cpu + "}}");
            var bundle = FactBundleReader.Load([dir.Path], FactSchema.Default);
            Assert.True(bundle.Succeeded, string.Join("\n", bundle.Diagnostics.Select(d => d.Message)));
            return (bundle, (FactObject)((FactObject)bundle.Values.Roots["env"]!).Members["cpu"]!);
        }
        var plain = Read("{\"logical_cores\": 4, \"sockets\": {\"$absent\": \"no dmidecode\"}}").Cpu;
        var escaped = Read("{\"logical\\u005fcores\": 4, \"sockets\": {\"\\u0024absent\": \"no dmidecode\"}}").Cpu;
        Assert.Equal(4.0, escaped.Members["logical_cores"]);
        Assert.Equal("env.cpu.sockets (absent: no dmidecode)", Assert.IsType<Missing>(escaped.Members["sockets"]).Describe());
        Assert.Equal(((Missing)plain.Members["sockets"]!).Describe(), ((Missing)escaped.Members["sockets"]!).Describe());
        // The same unknown name, escaped or not, starts at the same column and gives the same message.
        var unknown = Load(("env.json", "{\"kind\":\"environment\",\"schema\":1,\"facts\":{\"cpu\":{\"logical\u00e7ores\":4}}}"));
        Assert.Contains("IQ4003", unknown);
        Assert.Equal(unknown, Load(("env.json", "{\"kind\":\"environment\",\"schema\":1,\"facts\":{\"cpu\":{\"logical\\u00e7ores\":4}}}")));
    }
}
