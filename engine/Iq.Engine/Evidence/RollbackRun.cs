using Iq.Rules.Messages;

namespace Iq.Engine.Evidence;

/// <summary>The vendor's rollback command as iq ran and timed it (<see cref="CommandRun"/>): how long it took, how it ended
/// in the rollback's words, and the processes it left running.</summary>
public sealed record RollbackRun(TimeSpan Elapsed, int? ExitCode, MessageText? Failure)
{
    /// <summary>What the command left running (or what was stopped with it): <see cref="CommandRun.LeftRunning"/>.</summary>
    public IReadOnlyList<LeftProcess> LeftRunning { get; init; } = [];

    public bool Succeeded => Failure is null;

    /// <summary>Runs the rollback <paramref name="command"/> (<see cref="CommandRun.Run"/>); its output goes to
    /// <paramref name="output"/>. A program that cannot start is bad input; one that fails or outlives
    /// <paramref name="timeout"/> (then killed with what it started) is a result, so the document can say so.</summary>
    public static RollbackRun Run(IReadOnlyList<string> command, TimeSpan timeout, TextWriter output, CancellationToken cancel = default)
    {
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0])) throw new EvidenceInputException(Msg.RollbackNoCommand.Text);
        var ran = CommandRun.Run(command, timeout, l => { lock (output) output.WriteLine(l); }, cancel);
        return ran.End switch
        {
            CommandEnd.NotStarted => throw new EvidenceInputException(Msg.RollbackCannotStart.With(command[0], ran.StartFailure)),
            CommandEnd.Interrupted => new RollbackRun(ran.Elapsed, null, Msg.RollbackInterrupted.Text) { LeftRunning = ran.LeftRunning },
            CommandEnd.TimedOut => new RollbackRun(ran.Elapsed, null,
                Msg.RollbackTimedOut.With(timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))) { LeftRunning = ran.LeftRunning },
            _ => new RollbackRun(ran.Elapsed, ran.ExitCode, ran.ExitCode == 0 ? null : Msg.RollbackExited.With(ran.ExitCode!.Value)) { LeftRunning = ran.LeftRunning },
        };
    }
}
