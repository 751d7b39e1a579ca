using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Iq.Engine.Facts;
using Iq.Scoring.Reports;

namespace Iq.Cli.Commands;

/// <summary><c>iq redact BUNDLE [--out DIR] [--salt-file F]</c>: a copy of a bundle with host names, addresses, user and
/// person names replaced by stable salted hashes (docs/privacy.md); <c>iq redact --list</c> prints that page. The bundle
/// given is never changed.</summary>
static class RedactCommand
{
    public static Option<string?> SaltOption() => new("--salt-file")
    {
        Description = "The site's redaction salt (made on first use; default ~/.local/share/iq/redact.salt, or IQ_REDACT_SALT in hex)",
    };

    public static Command Create(TextWriter stdout)
    {
        var bundle = new Argument<string?>("bundle") { Description = "The bundle folder to redact", Arity = ArgumentArity.ZeroOrOne };
        var outDir = new Option<string?>("--out") { Description = "The folder for the redacted copy (default: BUNDLE-redacted); must be new or empty" };
        var salt = SaltOption();
        var list = new Option<bool>("--list") { Description = "Print what iq probe collects and what redaction replaces (docs/privacy.md)" };
        var command = new Command("redact", "Copy a fact bundle with host names, IP and MAC addresses and user names replaced by salted hashes");
        command.Arguments.Add(bundle);
        command.Options.Add(outDir);
        command.Options.Add(salt);
        command.Options.Add(list);
        var sign = new SignKeyOption();
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                stdout.Write(Redaction.PrivacyMarkdown(FactSchema.Default));
                return ExitCodes.Pass;
            }
            var source = parse.GetValue(bundle) ?? throw new UsageException("give the bundle folder to redact, or --list");
            if (!Directory.Exists(source)) throw new UsageException($"not a folder: {source}");
            var target = parse.GetValue(outDir) ?? source.TrimEnd('/', '\\') + "-redacted";
            if (Path.GetFullPath(target).TrimEnd('/') == Path.GetFullPath(source).TrimEnd('/')) throw new UsageException("--out: the redacted copy cannot replace the bundle");
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()) throw new UsageException($"--out: {target} is not empty");
            // Read before anything is written: a key that does not load is a usage error with nothing created.
            using var signing = sign.Read(parse);
            var files = Directory.EnumerateFiles(source).Order(StringComparer.Ordinal).ToList();
            var documents = files.Where(f => f.EndsWith(".json", StringComparison.Ordinal)).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
            var (redacted, diagnostics) = Redaction.Redact(documents.Select(d => (Path.Combine(source, d.Item1), d.Item2)).ToList(), Salt(parse.GetValue(salt), stdout), FactSchema.Default);
            if (diagnostics.Count > 0) throw new UsageException(diagnostics);
            foreach (var (file, text) in redacted)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                var copy = Path.Combine(target, Path.GetFileName(file));
                AtomicFile.Write(copy, s => s.Write(bytes));
                // Redaction changes names, not measurements: a document whose seal held is sealed again as redacted (signed
                // with --sign-key, so that a lab trusting only its key keeps trusting the copy); one whose seal did not hold
                // stays unsealed, and its facts count as declared as they did before.
                var original = Path.Combine(source, Path.GetFileName(file));
                var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(original)));
                if (Iq.Engine.Trust.Seals.Check(original, sha, needed: true, trusted: []).State == Iq.Rules.Model.SealState.Intact)
                    Iq.Engine.Trust.Seals.Write(copy, bytes, signing);
            }
            foreach (var skipped in files.Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".json" + Iq.Engine.Trust.Seals.Extension, StringComparison.Ordinal)))
                stdout.WriteLine($"not copied (not a fact document, not redacted): {Path.GetFileName(skipped)}");
            stdout.WriteLine($"{redacted.Count} documents redacted into {target}");
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>The salt: IQ_REDACT_SALT (hex), else the salt file, made with 32 random bytes (readable by its owner only)
    /// when it does not exist yet.</summary>
    public static byte[] Salt(string? file, TextWriter stdout)
    {
        if (Environment.GetEnvironmentVariable("IQ_REDACT_SALT") is { Length: > 0 } hex)
        {
            try
            {
                var bytes = Convert.FromHexString(hex.Trim());
                if (bytes.Length >= 16) return bytes;
            }
            catch (FormatException) { }
            throw new UsageException("IQ_REDACT_SALT must be at least 16 bytes in hex (32 hex digits)");
        }
        var path = file ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "iq", "redact.salt");
        if (File.Exists(path))
        {
            // At most 1 KiB is read: a salt is 64 hex digits, and --salt-file /dev/zero must not exhaust the process.
            var buffer = new byte[1025];
            int read;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > 1024) throw new UsageException($"{path}: a salt file holds one line of hex digits, not more than 1 KiB");
            var text = System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim();
            try
            {
                var bytes = Convert.FromHexString(text);
                if (bytes.Length >= 16) return bytes;
            }
            catch (FormatException) { }
            throw new UsageException($"{path}: a salt file holds at least 32 hex digits");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var salt = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToHexStringLower(salt) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"a new redaction salt was written to {path}: keep it at the site, never with a bundle"));
        return salt;
    }
}
