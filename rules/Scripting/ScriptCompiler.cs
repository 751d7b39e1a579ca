using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Missing = Iq.Rules.Runtime.Missing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Iq.Rules.Scripting;

/// <summary>Compiles all <c>csharp</c> blocks of a checklist in one Roslyn compilation, one static method per
/// block, and caches the assembly on disk by the hash of the generated source, so a second run pays no
/// compile (Roslyn's first compile in a process costs about a second). <c>#line</c> directives map compiler
/// errors back to the checklist's own lines.</summary>
static class ScriptCompiler
{
    static readonly ConcurrentDictionary<string, Assembly> Loaded = new();

    /// <summary>How many times Roslyn actually compiled (for tests of the cache).</summary>
    internal static int CompilationCount;

    /// <summary>Forgets the assemblies loaded in this process, so the next compile must use the disk cache (tests).</summary>
    internal static void ForgetLoaded() => Loaded.Clear();

    public static string DefaultCacheDirectory =>
        Environment.GetEnvironmentVariable("IQ_SCRIPT_CACHE") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "iq", "scripts");

    public static ScriptFunction[]? Compile(IReadOnlyList<ScriptModel> scripts, string? cacheDirectory, DiagnosticBag diagnostics)
    {
        if (scripts.Count == 0) return [];
        var source = Generate(scripts);
        var engine = typeof(ScriptCompiler).Assembly.GetName().Version?.ToString() ?? "0";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(engine + "\n" + source)))[..32];
        var assembly = Loaded.GetOrAdd(key, _ => LoadOrCompile(key, source, cacheDirectory ?? DefaultCacheDirectory, diagnostics)!);
        if (assembly is null)
        {
            Loaded.TryRemove(key, out _);
            return null;
        }
        var type = assembly.GetType("IqScripts")!;
        return scripts.Select(s => Wrap(type.GetMethod("S" + s.Index)!.CreateDelegate<Func<ScriptContext, object?>>(), s)).ToArray();
    }

    /// <summary>Normalises what a block returns and turns its failures into item errors.</summary>
    static ScriptFunction Wrap(Func<ScriptContext, object?> f, ScriptModel s) => facts =>
    {
        try
        {
            var result = f(facts);
            return result switch
            {
                null => new Missing("", Absence.NoResult, $"csharp block at {s.CodeSpan} returned null"),
                bool b => Ops.Bool(b),
                string str => str,
                int or long or float or double or decimal or short or byte or uint or ulong => Convert.ToDouble(result, System.Globalization.CultureInfo.InvariantCulture),
                var other => throw new EvaluationException($"csharp block at {s.CodeSpan} returned a {other.GetType().Name}; return a bool, number or string"),
            };
        }
        catch (MissingFactException e) { return e.Missing; }
        catch (EvaluationException) { throw; }
        catch (Exception e) { throw new EvaluationException($"csharp block at {s.CodeSpan} threw {e.GetType().Name}: {e.Message}"); }
    };

    static string Generate(IReadOnlyList<ScriptModel> scripts)
    {
        var sb = new StringBuilder();
        sb.AppendLine("using System; using System.Linq; using System.Collections.Generic; using Iq.Rules.Scripting;");
        sb.AppendLine("public static class IqScripts {");
        foreach (var s in scripts)
        {
            var isBody = s.Code.Contains("return", StringComparison.Ordinal);
            sb.AppendLine($"public static object? S{s.Index}(ScriptContext facts) {{");
            if (!isBody) sb.AppendLine("return (object?)(");
            sb.AppendLine($"#line {s.CodeSpan.Line} \"{s.CodeSpan.File.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
            sb.Append(' ', s.CodeSpan.Column - 1).AppendLine(s.Code);
            sb.AppendLine("#line default");
            if (!isBody) sb.AppendLine(");");
            sb.AppendLine("}");
        }
        sb.AppendLine("}");
        return sb.ToString();
    }

    static Assembly? LoadOrCompile(string key, string source, string cacheDirectory, DiagnosticBag diagnostics)
    {
        var cached = Path.Combine(cacheDirectory, key + ".dll");
        if (File.Exists(cached))
        {
            try { return Load(key, File.ReadAllBytes(cached)); }
            catch (BadImageFormatException) { File.Delete(cached); }
        }
        Interlocked.Increment(ref CompilationCount);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "IqScripts.cs", Encoding.UTF8);
        var compilation = CSharpCompilation.Create("IqScripts_" + key, [tree], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Annotations));
        using var ms = new MemoryStream();
        var result = compilation.Emit(ms);
        if (!result.Success)
        {
            foreach (var d in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                var at = d.Location.GetMappedLineSpan();
                diagnostics.Error(Msg.ScriptCompile.With(d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)),
                    new SourceSpan(at.Path, at.StartLinePosition.Line + 1, at.StartLinePosition.Character + 1));
            }
            return null;
        }
        var bytes = ms.ToArray();
        try
        {
            Directory.CreateDirectory(cacheDirectory);
            var temp = cached + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, cached, overwrite: true);
        }
        catch (IOException) { /* a cache we cannot write only costs the next run a compile */ }
        catch (UnauthorizedAccessException) { }
        return Load(key, bytes);
    }

    static Assembly Load(string key, byte[] bytes) =>
        new AssemblyLoadContext("iq-scripts-" + key).LoadFromStream(new MemoryStream(bytes));

    /// <summary>The assemblies a script compiles against, read from the loaded assemblies' own metadata rather than from
    /// files: in a single-file build there are no assembly files (Assembly.Location is empty, IL3000), and the metadata is
    /// in memory either way. No reference-assembly package is needed, and nothing is added to the binary.</summary>
    static IEnumerable<MetadataReference> References()
    {
        string[] wanted = ["System.Runtime", "System.Private.CoreLib", "netstandard", "System.Linq", "System.Collections",
            "System.Text.RegularExpressions", "System.Runtime.Extensions"];
        foreach (var name in wanted)
        {
            Assembly assembly;
            try { assembly = Assembly.Load(name); }
            catch (FileNotFoundException) { continue; }
            yield return FromMemory(assembly);
        }
        yield return FromMemory(typeof(ScriptContext).Assembly);
    }

    static unsafe MetadataReference FromMemory(Assembly assembly)
    {
        if (!System.Reflection.Metadata.AssemblyExtensions.TryGetRawMetadata(assembly, out var blob, out var length))
            throw new InvalidOperationException($"no metadata for {assembly.GetName().Name}");
        // The blob lives as long as the assembly, which is loaded for the life of the process.
        return AssemblyMetadata.Create(ModuleMetadata.CreateFromMetadata((IntPtr)blob, length)).GetReference(display: assembly.GetName().Name);
    }
}
