using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Engine.Audit;
using Iq.Engine.Facts;
using Iq.Engine.Fleet;
using Iq.Rules.Compilation;

namespace Iq.Bench;

/// <summary>The fleet figures. <c>fleet-gen OUT N [SEED]</c> writes N realistic bundles (from the two sample bundles:
/// varied hardware, software versions, product versions, sites audited twice months apart, missing documents, planted
/// failures, a few malformed documents); <c>fleet-floor ROOT</c> merely parses every JSON file under ROOT with
/// System.Text.Json on all cores (the floor); <c>fleet-eval ROOT</c> does what <c>iq fleet run</c> does per bundle (read and hash,
/// <see cref="FleetRunner.Audit"/> through the audit pipeline, the record with its gzipped results) on all cores, with
/// no store. Each prints its time and the process's peak memory (VmHWM).</summary>
static class FleetBench
{
    public static void Generate(string output, int count, int seed)
    {
        var random = new Random(seed);
        var samples = new[] { "compliant", "failing" }.ToDictionary(s => s, s =>
            Directory.GetFiles(Path.Combine(Paths.Repo, "checklists", "samples", s), "*.json")
                .ToDictionary(f => Path.GetFileName(f)!, f => JsonNode.Parse(File.ReadAllBytes(f))!));
        string[] versions = ["3.1.0", "3.2.1", "3.2.1", "3.3.0"];
        string[] docker = ["19.03.15", "20.10.24", "24.0.7", "24.0.7", "25.0.3"];
        int[] cores = [64, 128, 128, 256];
        string[] memory = ["256 GiB", "512 GiB", "512 GiB", "1 TiB"];
        var sites = Math.Max(1, count / 2);
        var malformed = 0;
        for (var i = 0; i < count; i++)
        {
            // Each site twice: a first audit and one some months later (verdicts may change between them).
            var site = i % sites;
            var round = i / sites;
            var when = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 120) + round * 150);
            var folder = Path.Combine(output, $"region-{site % 7}", $"hospital-{site:D5}", when.ToString("yyyy-MM-dd"));
            Directory.CreateDirectory(folder);
            var docs = samples[random.NextDouble() < 0.7 ? "compliant" : "failing"].ToDictionary(d => d.Key, d => d.Value.DeepClone());
            var host = $"node-{site:D5}";
            foreach (var doc in docs.Values)
            {
                doc["collected_at"] = when.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
                doc["host"] = host;
            }
            var plan = docs["plan.json"]["facts"]!;
            plan["site"] = $"hospital-{site:D5}";
            plan["product"]!["version"] = versions[random.Next(versions.Length)];
            var env = docs["environment.json"]["facts"]!;
            env["host"]!["name"] = host;
            env["cpu"]!["logical_cores"] = cores[random.Next(cores.Length)];
            env["memory"]!["total"] = memory[random.Next(memory.Length)];
            if (env["gpus"] is JsonArray gpus && gpus.Count > 0 && random.NextDouble() < 0.1) gpus.RemoveAt(gpus.Count - 1);
            if (docs["software.json"]["facts"]!["docker"] is JsonObject d) d["version"] = docker[random.Next(docker.Length)];
            // Missing documents: evidence the audit must report as missing, not pass.
            if (random.NextDouble() < 0.05) docs.Remove("baseline.json");
            if (random.NextDouble() < 0.05) docs.Remove("tests.json");
            if (random.NextDouble() < 0.03) docs.Remove("attestations.json");
            foreach (var (name, doc) in docs)
                File.WriteAllText(Path.Combine(folder, name), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (random.NextDouble() < 0.01)
            {
                // A document cut short, as a copy interrupted would leave it.
                var victim = Path.Combine(folder, "environment.json");
                var text = File.ReadAllText(victim);
                File.WriteAllText(victim, text[..(text.Length / 2)]);
                malformed++;
            }
        }
        Console.WriteLine($"{count} bundles for {sites} sites written under {output} ({malformed} with a malformed document)");
    }

    /// <summary>Parse every JSON file under the root on all cores and nothing more.</summary>
    public static void Floor(string root)
    {
        var clock = Stopwatch.StartNew();
        long files = 0, bytes = 0;
        var bundles = FleetBundles.Under(root).ToList();
        Parallel.ForEach(bundles, AllCores, folder =>
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            {
                var data = File.ReadAllBytes(file);
                try { using var doc = JsonDocument.Parse(data); }
                catch (JsonException) { }
                Interlocked.Increment(ref files);
                Interlocked.Add(ref bytes, data.Length);
            }
        });
        Print($"floor: parsed {files} files ({bytes / 1024 / 1024} MiB) of {bundles.Count} bundles", clock.Elapsed, bundles.Count);
    }

    /// <summary>Everything iq fleet run does per bundle, on all cores, with no store.</summary>
    public static void Evaluate(string root)
    {
        var clock = Stopwatch.StartNew();
        using var peak = new PeakSampler();
        var compiled = Checklists.Compile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), new CompileOptions());
        var request = new FleetRequest { Roots = [root], Checklist = compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics)), AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };
        var config = FleetConfig.Of(request, DateTimeOffset.UtcNow);
        var checklist = AuditChecklist.Of(request.Checklist);
        var sha = request.Checklist.Model.Sources[0].Sha256;
        long done = 0, failed = 0, rows = 0, results = 0;
        Parallel.ForEach(FleetBundles.Under(root), AllCores, folder =>
        {
            using var documents = BundleDocuments.Read(folder);
            var hash = FleetBundles.Hash(documents);
            var record = FleetRunner.Audit(request, checklist, sha, folder, hash, config.KeyOf(FleetBundles.RelativeName(root, folder), hash), documents);
            Interlocked.Increment(ref done);
            if (record.Failed) Interlocked.Increment(ref failed);
            Interlocked.Add(ref rows, record.Rows.Count);
            Interlocked.Add(ref results, record.ResultsGzip?.Length ?? 0);
        });
        Print($"evaluate (no store): {done} bundles, {failed} not evaluable, {rows} result rows, {results / 1024} KiB of gzipped results", clock.Elapsed, done);
    }

    /// <summary><c>fleet-digest ROOT</c>: one SHA-256 over what a fleet run keeps of every bundle under ROOT (in path order):
    /// the results JSON as stored (compact, un-gzipped, its <c>evaluated_at</c> left out: the clock) and every store row and
    /// audit column. Two builds that print the same digest wrote the same bytes for the whole fleet: a speed change is
    /// checked with it against the build before it.</summary>
    public static void Digest(string root)
    {
        var compiled = Checklists.Compile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), new CompileOptions());
        var request = new FleetRequest { Roots = [root], Checklist = compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics)), AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };
        var config = FleetConfig.Of(request, DateTimeOffset.UtcNow);
        var checklist = AuditChecklist.Of(request.Checklist);
        var sha = request.Checklist.Model.Sources[0].Sha256;
        var folders = FleetBundles.Under(root).Order(StringComparer.Ordinal).ToList();
        var digests = new byte[folders.Count][];
        Parallel.For(0, folders.Count, AllCores, i =>
        {
            var folder = folders[i];
            using var documents = BundleDocuments.Read(folder);
            var hash = FleetBundles.Hash(documents);
            var r = FleetRunner.Audit(request, checklist, sha, folder, hash, config.KeyOf(FleetBundles.RelativeName(root, folder), hash), documents);
            using var sha256 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            void Text(string? s) => sha256.AppendData(System.Text.Encoding.UTF8.GetBytes((s ?? "<null>") + "\n"));
            Text(string.Join("|", r.Key, r.BundlePath, r.BundleSha256, r.Site, r.Host, r.CollectedAt, r.ProductName, r.ProductModel, r.ProductVersion,
                r.ChecklistId, r.ChecklistVersion, r.ChecklistSha256, r.EngineVersion, r.AsOf, r.Verdict, r.Score, r.Error?.Render(Iq.Rules.Messages.Lang.Zh)));
            foreach (var row in r.Rows) Text(row.ToString());
            foreach (var input in r.Inputs) Text(input.ToString() + input.Seal);
            if (r.ResultsGzip is { } gz)
            {
                using var z = new System.IO.Compression.GZipStream(new MemoryStream(gz), System.IO.Compression.CompressionMode.Decompress);
                using var text = new StreamReader(z);
                Text(System.Text.RegularExpressions.Regex.Replace(text.ReadToEnd(), "\"evaluated_at\":\"[^\"]*\",", ""));
            }
            digests[i] = sha256.GetHashAndReset();
        });
        var all = System.Security.Cryptography.SHA256.HashData(digests.SelectMany(d => d).ToArray());
        Console.WriteLine($"{folders.Count} bundles, digest {Convert.ToHexStringLower(all)}");
    }

    /// <summary><c>fleet-race ROOT ROUNDS THREADS [interpreted]</c>: every bundle under ROOT audited once on one thread (the
    /// reference), then ROUNDS times on THREADS threads at once with the same compiled checklist; prints each bundle whose
    /// record (store columns, rows, inputs, results JSON less its clock) differs from its reference, and the first lines
    /// that differ. An audit must not depend on the audits running beside it.</summary>
    public static void Race(string root, int rounds, int threads, bool interpreted)
    {
        var compiled = Checklists.Compile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"),
            new CompileOptions { Expressions = interpreted ? ExpressionMode.Interpreted : ExpressionMode.Compiled });
        var request = new FleetRequest { Roots = [root], Checklist = compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics)), AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };
        var config = FleetConfig.Of(request, DateTimeOffset.UtcNow);
        var checklist = AuditChecklist.Of(request.Checklist);
        var sha = request.Checklist.Model.Sources[0].Sha256;
        var folders = FleetBundles.Under(root).Order(StringComparer.Ordinal).ToList();
        var hashes = folders.Select(FleetBundles.Hash).ToList();
        List<string> Text(int i)
        {
            var r = FleetRunner.Audit(request, checklist, sha, folders[i], hashes[i], config.KeyOf(FleetBundles.RelativeName(root, folders[i]), hashes[i]));
            var lines = new List<string> { string.Join("|", r.Site, r.Host, r.CollectedAt, r.ProductName, r.ProductVersion, r.Verdict, r.Score, r.Error?.Render(Iq.Rules.Messages.Lang.Zh)) };
            lines.AddRange(r.Rows.Select(row => row.ToString()));
            lines.AddRange(r.Inputs.Select(input => input.ToString() + input.Seal));
            if (r.ResultsGzip is { } gz)
            {
                using var z = new System.IO.Compression.GZipStream(new MemoryStream(gz), System.IO.Compression.CompressionMode.Decompress);
                using var text = new StreamReader(z);
                lines.Add(System.Text.RegularExpressions.Regex.Replace(text.ReadToEnd(), "\"evaluated_at\":\"[^\"]*\",", ""));
            }
            return lines;
        }
        var reference = new List<string>[folders.Count];
        for (var i = 0; i < folders.Count; i++) reference[i] = Text(i);
        Console.WriteLine($"{folders.Count} bundles, reference on one thread done");
        var differing = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var inRound = 0;
            Parallel.For(0, folders.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var now = Text(i);
                if (now.SequenceEqual(reference[i])) return;
                Interlocked.Increment(ref inRound);
                var diff = now.Zip(reference[i]).Select((p, n) => (p, n)).Where(x => x.p.First != x.p.Second).Take(3)
                    .Select(x => $"  line {x.n}:\n    was {(x.p.Second.Length > 400 ? Around(x.p.Second, x.p.First) : x.p.Second)}\n    now {(x.p.First.Length > 400 ? Around(x.p.First, x.p.Second) : x.p.First)}");
                lock (reference)
                    Console.WriteLine($"round {round}: {folders[i]} differs ({now.Count} lines, reference {reference[i].Count})\n{string.Join("\n", diff)}");
            });
            differing += inRound;
            Console.WriteLine($"round {round}: {inRound} bundles differ");
        }
        Console.WriteLine($"{rounds} rounds on {threads} threads: {differing} bundle audits differed from their reference");

        static string Around(string a, string b)
        {
            var at = 0;
            while (at < a.Length && at < b.Length && a[at] == b[at]) at++;
            var from = Math.Max(0, at - 150);
            return $"at {at}: …{a[from..Math.Min(a.Length, at + 250)]}…";
        }
    }

    /// <summary><c>fleet-profile ROOT [N]</c>: the per-bundle path of <c>iq fleet run</c> split into its stages, on one thread
    /// (so that each stage's time and allocations are its own): the bundle hash, each stage of <see cref="AuditPipeline"/>,
    /// then what <see cref="FleetRunner.Audit"/> adds (results document, compact JSON + gzip, rows). The first N bundles (default 50)
    /// warm up and are not counted. A rough split to see where to look; the figures that count are the side-by-side runs.</summary>
    /// <summary>The reading of every bundle's documents alone (<c>FactBundleReader.Load</c>: read, hash, parse, validate,
    /// convert), one thread, ROUNDS times over the fleet after one round of warm-up: CPU time and bytes allocated per bundle,
    /// each round printed so that medians can be taken on a loaded machine.</summary>
    public static void Read(string root, int rounds)
    {
        var folders = FleetBundles.Under(root).ToList();
        var failed = 0;
        for (var round = 0; round <= rounds; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var alloc = GC.GetAllocatedBytesForCurrentThread();
            var wall = Stopwatch.StartNew();
            failed = 0;
            foreach (var folder in folders)
                if (!FactBundleReader.Load([folder], FactSchema.Default).Succeeded) failed++;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - alloc;
            if (round == 0) continue;
            Console.WriteLine($"round {round}: {folders.Count} bundles ({failed} not read), {used.TotalMilliseconds / folders.Count:F3} ms CPU, "
                + $"{wall.Elapsed.TotalMilliseconds / folders.Count:F3} ms wall, {bytes / folders.Count / 1024.0:F1} KiB allocated per bundle");
            // The floor of the same round: each document read, hashed and parsed as JSON, nothing more.
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            alloc = GC.GetAllocatedBytesForCurrentThread();
            foreach (var folder in folders)
                foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
                {
                    var data = File.ReadAllBytes(file);
                    System.Security.Cryptography.SHA256.HashData(data);
                    try { using var parsed = JsonDocument.Parse(data, Iq.Rules.Io.JsonInput.Options); }
                    catch (JsonException) { }
                }
            used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            bytes = GC.GetAllocatedBytesForCurrentThread() - alloc;
            Console.WriteLine($"  floor (read, SHA-256, JsonDocument.Parse): {used.TotalMilliseconds / folders.Count:F3} ms CPU, {bytes / folders.Count / 1024.0:F1} KiB allocated per bundle");
        }
    }

    public static void Profile(string root, int warm)
    {
        var compiled = Checklists.Compile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), new CompileOptions());
        var request = new FleetRequest { Roots = [root], Checklist = compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics)), AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };
        var checklist = AuditChecklist.Of(request.Checklist);
        var times = new Dictionary<string, (double Ms, long Bytes)>();
        var order = new List<string>();
        void Add(string stage, double ms, long bytes)
        {
            if (!times.TryGetValue(stage, out var t)) order.Add(stage);
            times[stage] = (t.Ms + ms, t.Bytes + bytes);
        }
        var n = 0;
        var counted = 0;
        long jsonBytes = 0;
        var json = new System.Buffers.ArrayBufferWriter<byte>(512 * 1024);
        var gzip = new MemoryStream();
        var total = Stopwatch.StartNew();
        foreach (var folder in FleetBundles.Under(root))
        {
            if (n++ == warm) { times.Clear(); order.Clear(); counted = 0; jsonBytes = 0; total.Restart(); }
            counted++;
            var clock = Stopwatch.StartNew();
            var alloc = GC.GetAllocatedBytesForCurrentThread();
            void Lap(string stage)
            {
                var now = GC.GetAllocatedBytesForCurrentThread();
                Add(stage, clock.Elapsed.TotalMilliseconds, now - alloc);
                alloc = now;
                clock.Restart();
            }
            using var documents = BundleDocuments.Read(folder);
            FleetBundles.Hash(documents);
            Lap("bundle read and hash");
            var result = AuditPipeline.Run(new AuditRequest { Checklist = checklist, FactBundles = [folder], ReadAhead = documents, AsOf = request.AsOf });
            var pipeline = clock.Elapsed.TotalMilliseconds;
            var allocPipeline = GC.GetAllocatedBytesForCurrentThread() - alloc;
            var stagesMs = result.Stages.Sum(s => s.Elapsed.TotalMilliseconds);
            foreach (var s in result.Stages) Add("audit: " + s.Stage, s.Elapsed.TotalMilliseconds, 0);
            Add("audit: between stages", pipeline - stagesMs, 0);
            Add("audit pipeline (all stages)", 0, allocPipeline);
            alloc += allocPipeline;
            clock.Restart();
            if (result.Report is not { } report) continue;
            var document = Iq.Scoring.Reports.ResultsDocument.From(report, request.Language);
            Lap("results document");
            json.ResetWrittenCount();
            Iq.Scoring.Reports.ResultsJson.Write(document, json, indented: false);
            Lap("results JSON (compact)");
            gzip.SetLength(0);
            using (var z = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                z.Write(json.WrittenSpan);
            gzip.ToArray();
            Lap("gzip");
            jsonBytes += json.WrittenCount;
        }
        var all = total.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{counted} bundles after {warm} warm-up, one thread: {all / Math.Max(counted, 1):F2} ms per bundle; results JSON {jsonBytes / Math.Max(counted, 1) / 1024} KiB per bundle");
        foreach (var stage in order)
        {
            var (ms, bytes) = times[stage];
            Console.WriteLine($"  {stage,-32} {ms / counted,8:F3} ms {100 * ms / all,5:F1}%  {bytes / counted / 1024.0,9:F0} KiB allocated");
        }
    }

    /// <summary>One worker per core, as <c>iq fleet run</c> has (unbounded, Parallel.ForEach lets the thread pool add
    /// threads whenever a worker waits on the disk: on a loaded machine dozens, each with its buffers, contending).</summary>
    static readonly ParallelOptions AllCores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    static void Print(string what, TimeSpan elapsed, long bundles)
    {
        var peak = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?"
            : "?";
        Console.WriteLine($"{what}: {elapsed.TotalSeconds:F2} s ({bundles / Math.Max(elapsed.TotalSeconds, 1e-3):F0} bundles/s) on {Environment.ProcessorCount} cores; peak memory {peak}");
    }
}
