using System.CommandLine;
using Iq.Engine.Trust;

namespace Iq.Cli.Commands;

/// <summary><c>--sign-key FILE</c>: every command that writes documents seals them; with the lab's key the seals are signed
/// (ECDSA P-256; PEM PKCS#8, SEC 1, or encrypted PKCS#8 with $IQ_SIGN_KEY_PASSPHRASE). $IQ_SIGN_KEY names the key when the
/// option is not given.</summary>
sealed class SignKeyOption
{
    public readonly Option<string?> Option = new("--sign-key")
    {
        Description = $"Sign the seals of what is written with this ECDSA P-256 private key (PEM: PKCS#8 or SEC 1); default ${SigningKey.KeyVariable}",
    };

    public void AddTo(Command command) => command.Options.Add(Option);

    public SigningKey? Read(ParseResult parse)
    {
        try { return SigningKey.FromOptionOrEnvironment(parse.GetValue(Option)); }
        catch (KeyFileException e) { throw new UsageException($"--sign-key {e.Message}"); }
    }
}

/// <summary><c>--trust-key FILE</c> (repeatable): the lab's public keys; a seal must then be signed by one of them.</summary>
sealed class TrustKeyOption
{
    public readonly Option<string[]> Option = new("--trust-key")
    {
        Description = "A public key (PEM, or a certificate) whose signatures you trust (repeatable): a seal must then be signed by one of them",
    };

    public void AddTo(Command command) => command.Options.Add(Option);

    public IReadOnlyList<TrustedKey> Read(ParseResult parse)
    {
        try { return (parse.GetValue(Option) ?? []).Select(TrustedKey.Load).ToList(); }
        catch (KeyFileException e) { throw new UsageException($"--trust-key {e.Message}"); }
    }
}

/// <summary><c>iq verify PATH… [--trust-key K]…</c> and <c>iq seal FILE… [--sign-key K]</c>.</summary>
static class SealCommands
{
    public static Command Verify(TextWriter stdout)
    {
        var paths = new Argument<string[]>("paths") { Description = "Bundle or report folders, or files", Arity = ArgumentArity.OneOrMore };
        var trust = new TrustKeyOption();
        var command = new Command("verify", "Check the seals of a bundle or a report folder: exit 0 when every seal holds, 1 when one is missing, broken or untrusted");
        command.Arguments.Add(paths);
        trust.AddTo(command);
        command.SetAction(parse =>
        {
            var keys = trust.Read(parse);
            var all = new List<VerifiedFile>();
            foreach (var path in parse.GetValue(paths)!)
            {
                if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"{path}: not found");
                all.AddRange(SealVerifier.Verify(path, keys));
            }
            foreach (var f in all)
                stdout.WriteLine($"{State(f.Seal.State),-10} {f.Path}  {f.What}: {f.Seal.Detail}");
            var failed = all.Count(f => f.Failed);
            var intact = all.Count(f => f.Seal.State == Iq.Rules.Model.SealState.Intact);
            stdout.WriteLine($"{all.Count} file(s): {intact} sealed and intact, {failed} failed" +
                             (keys.Count > 0 ? $"; signatures checked against {keys.Count} trusted key(s)" : "; signatures not checked (no --trust-key)"));
            return failed == 0 ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    static string State(Iq.Rules.Model.SealState s) => s switch
    {
        Iq.Rules.Model.SealState.Intact => "ok",
        Iq.Rules.Model.SealState.NotNeeded => "unsealed",
        var other => other.ToString().ToLowerInvariant(),
    };

    public static Command Seal(TextWriter stdout)
    {
        var files = new Argument<string[]>("files") { Description = "Files to seal (a folder: its *.json)", Arity = ArgumentArity.OneOrMore };
        var sign = new SignKeyOption();
        var command = new Command("seal", "Seal files you vouch for as they are now (iq seals what it writes itself); with --sign-key, signed");
        command.Arguments.Add(files);
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            using var key = sign.Read(parse);
            var targets = new List<string>();
            foreach (var path in parse.GetValue(files)!)
            {
                if (Directory.Exists(path)) targets.AddRange(Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal));
                else if (File.Exists(path)) targets.Add(path);
                else throw new UsageException($"{path}: not found");
            }
            foreach (var t in targets)
            {
                var seal = Iq.Engine.Trust.Seals.Write(t, key);
                stdout.WriteLine($"sealed {t} (SHA-256 {seal.Sha256[..16]}…{(seal.Signature is { } s ? ", signed by key " + s.KeyId[..16] + "…" : "")})");
            }
            return ExitCodes.Pass;
        });
        return command;
    }
}
