namespace Iq.Scoring.Scoring;

public enum Verdict { Pass, Fail, Incomplete }
