using System.Text.Json.Nodes;
using Google.Protobuf;
using Iq.Engine.Model;
using Iq.Engine.Model.Onnx;

namespace Iq.Tests;

/// <summary>External data of the initializers the main graph does not hold — those of If bodies and the values of a
/// sparse_initializer — checked as the main graph's are (one code path): a location leaving the model's folder is refused,
/// a missing file or one too short is listed with its status. The models are written by the onnx package
/// (Cases/model/make_external.py nested) and run by ONNX Runtime (iq baseline), so they are models the runtime loads.</summary>
public class NestedExternalDataTests
{
    static string Make(TempDir dir)
    {
        ModelCases.RequirePythonOnnx();
        var folder = Path.Combine(dir.Path, "m");
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", [TestPaths.Case("model/make_external.py"), folder, "nested"], out _));
        return folder;
    }

    static ModelProto Read(string path) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

    static TensorProto Branch(ModelProto m, string branch) =>
        m.Graph.Node.Single(n => n.OpType == "If").Attribute.Single(a => a.Name == branch).G.Initializer.Single();

    static void Set(TensorProto t, string key, string value) => t.ExternalData.Single(e => e.Key == key).Value = value;

    static string Write(ModelProto m, string path)
    {
        File.WriteAllBytes(path, m.ToByteArray());
        return path;
    }

    static JsonObject External(JsonObject facts, string tensor) =>
        facts["graph"]!["external_data"]!.AsArray().Select(e => e!.AsObject()).Single(e => (string)e["tensor"]! == tensor);

    static string ModelError(string model)
    {
        var run = CliRunner.InProcess("model", model, "--out", Path.Combine(Path.GetDirectoryName(model)!, "never"));
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(model)!, "never")));
        return run.Stderr.Trim();
    }

    static CliRunner.Run Baseline(string model, string outDir) =>
        CliRunner.InProcess("baseline", "--model", model, "--synthetic", "--out", outDir, "--iterations", "2", "--warmup", "0", "--concurrency", "1");

    [SkippableFact]
    public void Initializers_of_if_bodies_are_listed_and_checked_as_the_main_graphs_are()
    {
        using var dir = new TempDir();
        var folder = Make(dir);
        var model = Path.Combine(folder, "if.onnx");
        // ONNX Runtime loads the bodies' weights from weights.bin and runs the model.
        var ran = Baseline(model, Path.Combine(dir.Path, "b"));
        Assert.True(ran.ExitCode == 0, ran.Stderr);

        var facts = OnnxInspector.Inspect(model);
        foreach (var (tensor, offset) in new[] { ("Wt", 0), ("We", 8) })
        {
            var e = External(facts, tensor);
            Assert.Equal("ok", (string)e["status"]!);
            Assert.Equal("weights.bin", (string)e["location"]!);
            Assert.Equal(offset, (long)e["offset"]!);
            Assert.Equal(8, (long)e["length"]!);
        }
        Assert.Equal(1, (long)facts["graph"]!["parameter_count"]!); // the main graph's own: the scalar zero

        // A body's weights outside the model's folder: refused by iq model and iq baseline alike, naming the initializer.
        var m = Read(model);
        Set(Branch(m, "then_branch"), "location", "../outside.bin");
        var escaping = Write(m, Path.Combine(folder, "escaping.onnx"));
        Assert.Equal($"iq: error IQ4007: {escaping}: initializer 'Wt': external data location '../outside.bin' leaves the model's folder", ModelError(escaping));
        var refused = Baseline(escaping, Path.Combine(dir.Path, "b2"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("initializer 'Wt': external data location '../outside.bin' leaves the model's folder", refused.Stderr);

        // Missing, or shorter than its dimensions need: inspected, with the status 6.3.9.graph fails on.
        m = Read(model);
        Set(Branch(m, "else_branch"), "location", "gone.bin");
        Assert.Equal("missing", (string)External(OnnxInspector.Inspect(Write(m, Path.Combine(folder, "missing.onnx"))), "We")["status"]!);
        m = Read(model);
        Set(Branch(m, "else_branch"), "length", "4");
        Assert.Equal("length differs from the declared dimensions",
            (string)External(OnnxInspector.Inspect(Write(m, Path.Combine(folder, "length.onnx"))), "We")["status"]!);
        File.WriteAllBytes(Path.Combine(folder, "weights.bin"), File.ReadAllBytes(Path.Combine(folder, "weights.bin"))[..12]);
        var shortFile = OnnxInspector.Inspect(model);
        Assert.Equal("ok", (string)External(shortFile, "Wt")["status"]!);
        Assert.Equal("file too short", (string)External(shortFile, "We")["status"]!);
    }

    [SkippableFact]
    public void Sparse_initializer_values_in_external_data_are_listed_and_checked()
    {
        using var dir = new TempDir();
        var folder = Make(dir);
        var model = Path.Combine(folder, "sparse.onnx");
        var facts = OnnxInspector.Inspect(model);
        var e = External(facts, "S");
        Assert.Equal("ok", (string)e["status"]!);
        Assert.Equal(16, (long)e["offset"]!);
        Assert.Equal(8, (long)e["length"]!);
        Assert.Equal(4, (long)facts["graph"]!["parameter_count"]!); // counted at its dense size, as before

        var m = Read(model);
        Set(m.Graph.SparseInitializer[0].Values, "location", "/etc/passwd");
        var escaping = Write(m, Path.Combine(folder, "escaping.onnx"));
        Assert.Equal($"iq: error IQ4007: {escaping}: initializer 'S': external data location '/etc/passwd' leaves the model's folder", ModelError(escaping));

        m = Read(model);
        Set(m.Graph.SparseInitializer[0].Values, "location", "gone.bin");
        Assert.Equal("missing", (string)External(OnnxInspector.Inspect(Write(m, Path.Combine(folder, "missing.onnx"))), "S")["status"]!);

        // Values stored inline that are fewer than their dimensions declare: refused as a dense initializer's would be.
        m = Read(model);
        var values = m.Graph.SparseInitializer[0].Values;
        values.ExternalData.Clear();
        values.DataLocation = TensorProto.Types.DataLocation.Default;
        values.RawData = ByteString.CopyFrom(new byte[4]);
        var shortValues = Write(m, Path.Combine(folder, "short.onnx"));
        Assert.Equal($"iq: error IQ4007: {shortValues}: initializer 'S' declares dimensions [2] of float32, which need 8 raw_data bytes; the file stores 4",
            ModelError(shortValues));
    }

    /// <summary>Tensors held in node attributes (a Constant's value, in the main graph and in an If body), written by the
    /// onnx package (Cases/model/make_external.py constant) as it writes external data: the runtime loads them from the
    /// location they name, so a location leaving the model's folder is refused at its place, as an initializer's is. They
    /// were not checked at all (a Constant pointing at /etc/passwd was inspected and handed to the runtime).</summary>
    [SkippableFact]
    public void Tensors_held_in_node_attributes_are_checked_as_initializers_are()
    {
        ModelCases.RequirePythonOnnx();
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "m");
        Assert.Equal(0, ModelCases.Run("/usr/bin/python3", [TestPaths.Case("model/make_external.py"), folder, "constant"], out _));
        var model = Path.Combine(folder, "const.onnx");
        // ONNX Runtime loads the Constants' values from weights.bin and runs the model.
        var ran = Baseline(model, Path.Combine(dir.Path, "b"));
        Assert.True(ran.ExitCode == 0, ran.Stderr);

        const string main = "graph.node[0] 'c' (Constant) attribute value";
        const string body = "graph.node[3] 'branch' (If) attribute then_branch.node[0] 'Dt' (Constant) attribute value";
        var facts = OnnxInspector.Inspect(model);
        foreach (var (tensor, offset) in new[] { (main, 0), (body, 8) })
        {
            var e = External(facts, tensor);
            Assert.Equal("ok", (string)e["status"]!);
            Assert.Equal("weights.bin", (string)e["location"]!);
            Assert.Equal(offset, (long)e["offset"]!);
        }

        static TensorProto Constant(GraphProto g) => g.Node.First(n => n.OpType == "Constant").Attribute.Single(a => a.Name == "value").T;
        var m = Read(model);
        Set(Constant(m.Graph), "location", "/etc/passwd");
        var etc = Write(m, Path.Combine(folder, "etc.onnx"));
        Assert.Equal($"iq: error IQ4007: {etc}: initializer '{main}': external data location '/etc/passwd' leaves the model's folder", ModelError(etc));
        var refused = Baseline(etc, Path.Combine(dir.Path, "b2"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"initializer '{main}': external data location '/etc/passwd' leaves the model's folder", refused.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "b2")));

        m = Read(model);
        Set(Constant(m.Graph.Node.Single(n => n.OpType == "If").Attribute.Single(a => a.Name == "then_branch").G), "location", "../outside.bin");
        File.WriteAllBytes(Path.Combine(dir.Path, "outside.bin"), new byte[8]);
        var outside = Write(m, Path.Combine(folder, "outside.onnx"));
        Assert.Equal($"iq: error IQ4007: {outside}: initializer '{body}': external data location '../outside.bin' leaves the model's folder", ModelError(outside));

        // A missing file is listed with its status, as an initializer's is.
        m = Read(model);
        Set(Constant(m.Graph), "location", "gone.bin");
        Assert.Equal("missing", (string)External(OnnxInspector.Inspect(Write(m, Path.Combine(folder, "missing.onnx"))), main)["status"]!);
    }
}
