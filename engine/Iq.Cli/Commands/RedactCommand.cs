using System.CommandLine;
using System.Security.Cryptography;
using Iq.Cli.Conventions;
using Iq.Engine.Facts;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;

namespace Iq.Cli.Commands;

/// <summary><c>iq redact BUNDLE [--out DIR] [--salt-file F]</c>: a copy of a bundle with host names, addresses, user and
/// person names replaced by stable salted hashes (docs/privacy.md); <c>iq redact --list</c> prints that page. The bundle
/// given is never changed.</summary>
static class RedactCommand
{
    public static Option<string?> SaltOption(CliContext ctx) => new("--salt-file") { Description = ctx.T(Msg.OptSaltFile), HelpName = "FILE" };

    public static Command Create(CliContext ctx)
    {
        var bundle = new Argument<string?>("bundle") { Description = ctx.T(Msg.ArgRedactBundle), Arity = ArgumentArity.ZeroOrOne, HelpName = "BUNDLE" };
        var outDir = new Option<string?>("--out") { Description = ctx.T(Msg.OptRedactOut), HelpName = "DIR" };
        var salt = SaltOption(ctx);
        var list = new Option<bool>("--list") { Description = ctx.T(Msg.OptRedactList) };
        var command = new Command("redact", ctx.T(Msg.CmdRedact));
        command.Arguments.Add(bundle);
        command.Options.Add(outDir);
        command.Options.Add(salt);
        command.Options.Add(list);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                ctx.Out.Write(Redaction.PrivacyMarkdown(FactSchema.Default));
                return ExitCodes.Pass;
            }
            var source = parse.GetValue(bundle) ?? throw new UsageException(Msg.GiveBundleToRedact.Text);
            CommandLineErrors.RejectOptionLike(source, parse);
            if (!Directory.Exists(source)) throw new UsageException(Msg.NotAFolder.With(source));
            var target = parse.GetValue(outDir) ?? source.TrimEnd('/', '\\') + "-redacted";
            if (Path.GetFullPath(target).TrimEnd('/') == Path.GetFullPath(source).TrimEnd('/')) throw new UsageException(Msg.RedactOverBundle.Text);
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()) throw new UsageException(Msg.RedactOutNotEmpty.With(target));
            // Read before anything is written: a key that does not load is a usage error with nothing created.
            using var signing = sign.Read(parse);
            // Read as a whole: the copy may not go into it or below it (--out rb/sub), as no output goes into a folder read.
            InputLedger.NoteFolder(source);
            // The bundle's documents as the bundle reader reads them; a plan.JSON refuses the run, nothing created, rather
            // than a copy made without it.
            var listing = BundleFileNames.List(source);
            if (listing.Refused.Count > 0) throw new UsageException(listing.Refused.Select(f => BundleFileNames.Refusal(source, f)).ToList());
            var files = Directory.EnumerateFiles(source).Order(StringComparer.Ordinal).ToList();
            // Read as every input is: a FIFO or a device among the bundle's files is refused by name, never opened to block.
            var documents = listing.Documents.Select(f => (Path.GetFileName(f), InputFiles.ReadAllBytes(f, InputKind.FactDocument))).ToList();
            var (redacted, diagnostics) = Redaction.Redact(documents.Select(d => (Path.Combine(source, d.Item1), d.Item2)).ToList(), Salt(parse.GetValue(salt), ctx), FactSchema.Default);
            if (diagnostics.Count > 0) throw new UsageException(diagnostics);
            // Every redacted document is written all or none (Outputs), so a failure leaves no half-redacted copy. Redaction
            // changes names, not measurements: a document whose seal held is sealed again as redacted (signed with --sign-key,
            // so that a lab trusting only its key keeps trusting the copy); one whose seal did not hold stays unsealed, and its
            // facts count as declared as they did before.
            using (var outputs = new Outputs())
            {
                outputs.MakesFolder(target);
                foreach (var (file, text) in redacted)
                {
                    var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                    var copy = Path.Combine(target, Path.GetFileName(file));
                    outputs.Add(copy, s => s.Write(bytes));
                    var original = documents.First(d => d.Item1 == Path.GetFileName(file)).Item2;
                    var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original));
                    if (Iq.Engine.Trust.Seals.Check(Path.Combine(source, Path.GetFileName(file)), sha, needed: true, trusted: []).State == Iq.Rules.Model.SealState.Intact)
                        outputs.Add(Iq.Engine.Trust.Seals.PathOf(copy), s => s.Write(Iq.Engine.Trust.Seals.Bytes(copy, bytes, signing)));
                }
                outputs.Commit(ctx.Cancel);
            }
            foreach (var skipped in files.Where(f => !BundleFileNames.IsDocument(Path.GetFileName(f)) && !f.EndsWith(BundleFileNames.Extension + Iq.Engine.Trust.Seals.Extension, StringComparison.Ordinal)))
                ctx.Say(Msg.RedactNotCopied.With(Path.GetFileName(skipped)));
            ctx.Say(Msg.RedactDone.With(redacted.Count, target));
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>The salt: IQ_REDACT_SALT (hex), else the salt file, made with 32 random bytes (readable by its owner only)
    /// when it does not exist yet.</summary>
    public static byte[] Salt(string? file, CliContext ctx)
    {
        if (Environment.GetEnvironmentVariable("IQ_REDACT_SALT") is { Length: > 0 } hex)
        {
            try
            {
                var bytes = Convert.FromHexString(hex.Trim());
                if (bytes.Length >= 16) return bytes;
            }
            catch (FormatException) { }
            throw new UsageException(Msg.SaltVariable.Text);
        }
        var path = file ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "iq", "redact.salt");
        if (File.Exists(path))
        {
            // At most 1 KiB is read: a salt is 64 hex digits, and --salt-file /dev/zero must not exhaust the process
            // (and, opened as every input is, a FIFO or a device is refused before it blocks).
            var buffer = new byte[1025];
            int read;
            using (var stream = InputFiles.OpenRead(path, InputKind.Text))
                read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > 1024) throw new UsageException(Msg.SaltFileTooLarge.With(path));
            var text = System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim();
            try
            {
                var bytes = Convert.FromHexString(text);
                if (bytes.Length >= 16) return bytes;
            }
            catch (FormatException) { }
            throw new UsageException(Msg.SaltFileShort.With(path));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var salt = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToHexStringLower(salt) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ctx.Say(Msg.SaltNew.With(path));
        return salt;
    }
}
