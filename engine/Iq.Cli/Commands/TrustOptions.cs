using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Trust;
using Iq.Rules.Messages;
using Iq.Scoring.Text;

namespace Iq.Cli.Commands;

/// <summary><c>--sign-key FILE</c>: every command that writes documents seals them; with the lab's key the seals are signed
/// (ECDSA P-256; PEM PKCS#8, SEC 1, or encrypted PKCS#8 with $IQ_SIGN_KEY_PASSPHRASE). $IQ_SIGN_KEY names the key when the
/// option is not given.</summary>
sealed class SignKeyOption(CliContext ctx)
{
    public readonly Option<string?> Option = new("--sign-key") { Description = ctx.T(Msg.OptSignKey.With(SigningKey.KeyVariable)), HelpName = "FILE" };

    public void AddTo(Command command) => command.Options.Add(Option);

    public SigningKey? Read(ParseResult parse)
    {
        try { return SigningKey.FromOptionOrEnvironment(parse.GetValue(Option)); }
        catch (KeyFileException e) { throw new UsageException(Msg.BadKeyFile.With("--sign-key", e.Path, e.Reason)); }
    }
}

/// <summary><c>--trust-key FILE</c> (repeatable): the lab's public keys; a seal must then be signed by one of them.</summary>
sealed class TrustKeyOption(CliContext ctx)
{
    public readonly Option<string[]> Option = new("--trust-key") { Description = ctx.T(Msg.OptTrustKey), HelpName = "FILE" };

    public void AddTo(Command command) => command.Options.Add(Option);

    public IReadOnlyList<TrustedKey> Read(ParseResult parse)
    {
        try { return (parse.GetValue(Option) ?? []).Select(TrustedKey.Load).ToList(); }
        catch (KeyFileException e) { throw new UsageException(Msg.BadKeyFile.With("--trust-key", e.Path, e.Reason)); }
    }
}

/// <summary><c>iq verify PATH… [--trust-key K]…</c> and <c>iq seal FILE… [--sign-key K]</c>.</summary>
static class SealCommands
{
    public static Command Verify(CliContext ctx)
    {
        var paths = new Argument<string[]>("paths") { Description = ctx.T(Msg.ArgVerifyPaths), Arity = ArgumentArity.OneOrMore, HelpName = "PATH" };
        var trust = new TrustKeyOption(ctx);
        var command = new Command("verify", ctx.T(Msg.CmdVerify));
        command.Arguments.Add(paths);
        trust.AddTo(command);
        command.SetAction(parse =>
        {
            var keys = trust.Read(parse);
            var all = new List<VerifiedFile>();
            var refused = new List<Iq.Rules.Diagnostics.Diagnostic>();
            foreach (var path in parse.GetValue(paths)!)
            {
                CommandLineErrors.RejectOptionLike(path, parse);
                if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException(Msg.PathNotFound.With(path));
                all.AddRange(SealVerifier.Verify(path, keys, refused));
            }
            // A folder holding a file the audit refuses (a linked document) is refused here too, nothing listed: the lab's
            // check and the audit agree on what the bundle is (docs/trust.md).
            if (refused.Count > 0) throw new UsageException(refused);
            foreach (var f in all)
                ctx.Say(Msg.VerifiedFile.With((f.SourceUnvouched ? "unvouched" : State(f.Seal.State)).PadRight(10), f.Path, What(f),
                    Localized.Concat(Detail(f), f.Seal.Seal?.From is { } from ? RenderedFrom(from) : Localized.Empty)));
            var failed = all.Count(f => f.Failed);
            var intact = all.Count(f => f.Seal.State == Iq.Rules.Model.SealState.Intact && !f.SourceUnvouched);
            // Nothing verified is never a pass (docs/trust.md): no seal held among what was given (an empty folder, files that
            // need none and have none) shows nothing about any of it, so it exits 1 and says why.
            ctx.Say(Localized.Concat(Msg.VerifySummary.With(all.Count, intact, failed),
                keys.Count > 0 ? Msg.VerifyKeysChecked.With(keys.Count) : Msg.VerifyKeysNotChecked.Text,
                intact == 0 && failed == 0 ? Msg.VerifyNothingVerified.Text : Localized.Empty));
            return failed == 0 && intact > 0 ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    static ILocalized RenderedFrom(RenderedFrom from) => Msg.VerifyRenderedFrom.With(from.File ?? "-", from.Sha256[..12], from.Check switch
    {
        "sealed" => Msg.VerifySourceSealed.Text,
        "archive" => Msg.VerifySourceArchive.Text,
        "sealed_archive" => Msg.VerifySourceSealedArchive.Text,
        "not_written" => Msg.VerifySourceNotWritten.Text,
        _ => Msg.VerifySourceNoSeal.Text,
    });

    /// <summary>What a file is: a fact document's kind with its provenances in the reader's language, as the reports word
    /// them (实测, 评审, 声明); any other file as the verifier named it.</summary>
    static ILocalized What(VerifiedFile f) => f.Document is not { } d ? Localized.Verbatim(f.What) : new Worded(t =>
        $"{d.Kind}{(t.IsChinese ? "（" : " (")}{string.Join(t.IsChinese ? "、" : ", ", d.Provenances.Select(t.Provenance))}{(t.IsChinese ? "）" : ")")}");

    /// <summary>What the seal check found, in the reader's language as the reports' inputs tables say it (the English detail
    /// only where the check gave no reason).</summary>
    static ILocalized Detail(VerifiedFile f) => new Worded(t => t.IsChinese ? t.SealFinding(f.Seal.Reason) : f.Seal.Detail);

    sealed record Worded(Func<Iq.Scoring.Text.ReportTexts, string> Text) : ILocalized
    {
        public string Render(Lang lang) => Text(Iq.Scoring.Text.ReportTexts.For(lang.Name()));
    }

    // The states are the words of the seal schema (docs/trust.md), the same in both languages.
    static string State(Iq.Rules.Model.SealState s) => s switch
    {
        Iq.Rules.Model.SealState.Intact => "ok",
        Iq.Rules.Model.SealState.NotNeeded => "unsealed",
        var other => other.ToString().ToLowerInvariant(),
    };

    public static Command Seal(CliContext ctx)
    {
        var files = new Argument<string[]>("files") { Description = ctx.T(Msg.ArgSealFiles), Arity = ArgumentArity.OneOrMore, HelpName = "FILE" };
        var sign = new SignKeyOption(ctx);
        var command = new Command("seal", ctx.T(Msg.CmdSeal));
        command.Arguments.Add(files);
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            using var key = sign.Read(parse);
            var targets = new List<string>();
            var refused = new List<Iq.Rules.Diagnostics.Diagnostic>();
            foreach (var path in parse.GetValue(files)!)
            {
                CommandLineErrors.RejectOptionLike(path, parse);
                if (Directory.Exists(path))
                {
                    // A folder's documents, as the bundle reader reads them; a plan.JSON there refuses the run, nothing
                    // sealed, rather than the folder being sealed without it unseen. A file named is sealed whatever its name.
                    var listing = Iq.Engine.Facts.BundleFileNames.List(path);
                    targets.AddRange(listing.Documents);
                    refused.AddRange(listing.Refused.Select(f => Iq.Engine.Facts.BundleFileNames.Refusal(path, f)));
                }
                else if (File.Exists(path)) targets.Add(path);
                else throw new UsageException(Msg.PathNotFound.With(path));
            }
            if (refused.Count > 0) throw new UsageException(refused);
            foreach (var t in targets)
            {
                var seal = Iq.Engine.Trust.Seals.Write(t, key);
                ctx.Say(seal.Signature is { } s ? Msg.SealedSigned.With(t, seal.Sha256[..16], s.KeyId[..16]) : Msg.Sealed.With(t, seal.Sha256[..16]));
            }
            return ExitCodes.Pass;
        });
        return command;
    }
}
