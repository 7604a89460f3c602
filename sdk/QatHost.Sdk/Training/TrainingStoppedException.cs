namespace QatHost.Sdk.Training;

/// <summary>Training could not go on: the loss or a parameter became NaN or infinite, or the forward pass
/// failed. The message names the epoch, the batch and the first parameter that went non-finite. A step that made a
/// parameter non-finite is undone first, so the network keeps its last finite parameters and stays usable.</summary>
public sealed class TrainingStoppedException : QatHostException
{
    internal TrainingStoppedException(int epoch, int batch, int batches, string problem, string? parameter, Exception? inner = null)
        : base($"training stopped at epoch {epoch}, batch {batch} of {batches}: {problem}", inner)
    {
        Epoch = epoch;
        Batch = batch;
        Parameter = parameter;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch, from 1.</summary>
    public int Batch { get; }

    /// <summary>The key of the first non-finite parameter (e.g. <c>"1_LIFTorch/tau_mem"</c>), or null if all are finite.</summary>
    public string? Parameter { get; }
}
