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

    /// <summary>How long one evaluation of a block may take unless the checklist's compile options say otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <param name="itemOf">The item a block belongs to, for the message when it does not return in time.</param>
    public static ScriptFunction[]? Compile(IReadOnlyList<ScriptModel> scripts, string? cacheDirectory, DiagnosticBag diagnostics,
        TimeSpan? timeout = null, Func<ScriptModel, string>? itemOf = null)
    {
        if (scripts.Count == 0) return [];
        var source = Generate(scripts);
        var engine = typeof(ScriptCompiler).Assembly.GetName().Version?.ToString() ?? "0";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(engine + "\n" + ScriptPolicy.Version + "\n" + source)))[..32];
        var bag = new DiagnosticBag();
        var assembly = Loaded.GetOrAdd(key, _ => LoadOrCompile(key, source, cacheDirectory ?? DefaultCacheDirectory, bag)!);
        diagnostics.AddRange(bag.Items);
        if (assembly is null)
        {
            Loaded.TryRemove(key, out _);
            return null;
        }
        var type = assembly.GetType("IqScripts")!;
        var limit = timeout ?? DefaultTimeout;
        return scripts.Select(s => Wrap(type.GetMethod("S" + s.Index)!.CreateDelegate<Func<ScriptContext, object?>>(), s, limit, itemOf?.Invoke(s) ?? "?")).ToArray();
    }

    /// <summary>Runs a block on a thread of its own, waiting at most <paramref name="limit"/>: a block that does not return
    /// ends the audit (<see cref="ScriptTimeoutException"/>), since nothing can stop its thread; normalises what it returns
    /// and turns its failures into item errors.</summary>
    static ScriptFunction Wrap(Func<ScriptContext, object?> f, ScriptModel s, TimeSpan limit, string item) => facts =>
    {
        object? returned = null;
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try { returned = f(facts); }
            catch (Exception e) { thrown = e; }
        }, 16 * 1024 * 1024) { IsBackground = true, Name = "iq script " + s.Index };
        thread.Start();
        if (!thread.Join(limit)) throw new ScriptTimeoutException(item, s.CodeSpan, limit);
        try
        {
            if (thrown is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
            var result = returned;
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
        var cache = ScriptCache.Open(cacheDirectory, diagnostics);
        if (cache?.Load(key, diagnostics) is { } cachedBytes)
        {
            try { return Load(key, cachedBytes); }
            catch (BadImageFormatException) { cache.Forget(key); }
        }
        Interlocked.Increment(ref CompilationCount);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "IqScripts.cs", Encoding.UTF8);
        var compilation = CSharpCompilation.Create("IqScripts_" + key, [tree], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Annotations, deterministic: true));
        var before = diagnostics.Items.Count;
        if (!compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            ScriptPolicy.Check(compilation.GetSemanticModel(tree), tree.GetRoot(), diagnostics);
            if (diagnostics.Items.Count > before) return null;
        }
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
        cache?.Store(key, bytes);
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
