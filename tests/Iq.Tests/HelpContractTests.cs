using System.Text.RegularExpressions;

namespace Iq.Tests;

/// <summary>Each command's <c>--help</c> is the source the documents follow: its usage line names the command as typed
/// (iq fleet run, with its parents), every option that takes a value names it (no bare VALUE placeholder), and the
/// positional forms docs/cli.md lists are the help's own usage lines.</summary>
public class HelpContractTests
{
    static string Help(IEnumerable<string> path)
    {
        var run = CliRunner.InProcess(["--lang", "en", .. path, "--help"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    /// <summary>Every command, found from the help itself (its Commands: section), subcommands included.</summary>
    static List<string[]> Commands()
    {
        var all = new List<string[]>();
        var queue = new Queue<string[]>([[]]);
        while (queue.TryDequeue(out var path))
        {
            if (path.Length > 0) all.Add(path);
            var help = Help(path);
            var at = help.IndexOf("\nCommands:\n", StringComparison.Ordinal);
            if (at < 0) continue;
            foreach (var line in help[(at + "\nCommands:\n".Length)..].Split('\n').TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)))
                queue.Enqueue([.. path, line.Trim().Split(' ')[0]]);
        }
        return all;
    }

    static string Usage(string help) => help.Split('\n').SkipWhile(l => l != "Usage:").Skip(1).First().Trim();

    [Fact]
    public void Every_commands_help_names_it_as_typed_and_names_every_options_value()
    {
        var commands = Commands();
        Assert.Contains(commands, c => c is ["fleet", "run"]);
        foreach (var path in commands)
        {
            var help = Help(path);
            var typed = "iq " + string.Join(' ', path);
            Assert.True(Usage(help) == typed || Usage(help).StartsWith(typed + " ", StringComparison.Ordinal), $"{typed} --help: usage '{Usage(help)}'");
            var bare = Regex.Matches(help, @"^\s+(?:-\w, )?(--[a-z-]+) VALUE\b", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            Assert.True(bare.Count == 0, $"{typed} --help: options without a named value: {string.Join(", ", bare)}");
        }
    }

    [Fact]
    public void The_positional_forms_docs_cli_lists_are_the_helps_usage()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "cli.md"));
        var bullet = docs[docs.IndexOf("- The main input is positional:", StringComparison.Ordinal)..];
        bullet = bullet[..bullet.IndexOf("Older spellings", StringComparison.Ordinal)];
        var forms = Regex.Matches(bullet, "`(iq [^`]+)`").Select(m => m.Groups[1].Value).ToList();
        Assert.True(forms.Count >= 8, string.Join(" | ", forms));
        foreach (var form in forms)
        {
            var command = form.Split(' ')[1];
            var usage = Usage(Help([command]));
            Assert.True(usage.StartsWith(form + " ", StringComparison.Ordinal), $"docs/cli.md says `{form}`; iq {command} --help says `{usage}`");
        }
    }
}
