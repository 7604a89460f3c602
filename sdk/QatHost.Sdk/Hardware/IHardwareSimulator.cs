namespace QatHost.Sdk.Hardware;

/// <summary>
/// A bit-exact model of a chip running one configuration. State persists across <see cref="Evolve"/> calls
/// (as on the chip) until <see cref="Reset"/>.
/// </summary>
public interface IHardwareSimulator
{
    /// <summary>Number of input channels (the width of the input raster).</summary>
    int InputChannels { get; }

    /// <summary>Number of output channels (the width of <see cref="HardwareRun.Output"/>).</summary>
    int OutputChannels { get; }

    /// <summary>Runs the chip over an input raster of event counts, shape <c>(T, InputChannels)</c>.</summary>
    /// <param name="input">Non-negative event counts per time step and channel.</param>
    /// <param name="record">Whether to record internal state (membrane potentials, synaptic currents, spikes).</param>
    /// <exception cref="QatHostException">The raster has the wrong width or a negative count.</exception>
    HardwareRun Evolve(int[,] input, bool record = false);

    /// <summary>Sets every state (potentials, currents, pending spikes) back to zero.</summary>
    void Reset();
}
