namespace QatHost.Sdk.Sweeps;

/// <summary>Where a trial of a sweep stands.</summary>
public enum TrialState
{
    /// <summary>Not started in this sweep folder yet (or stopped before it ended: it will run again).</summary>
    Pending,

    /// <summary>Submitted and waiting for resources (a batch scheduler's queue).</summary>
    Queued,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Ended with exit code 0; its reported metrics are in the results.</summary>
    Completed,

    /// <summary>Ended with a non-zero exit code, or its executor lost it (killed, out of time).</summary>
    Failed,
}
