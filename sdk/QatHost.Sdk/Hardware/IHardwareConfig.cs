namespace QatHost.Sdk.Hardware;

/// <summary>
/// Everything a chip needs to run a network, in the chip's integer formats. Produced by
/// <see cref="IHardwareTarget.Quantise"/> or <see cref="IHardwareTarget.Import"/>.
/// </summary>
public interface IHardwareConfig
{
    /// <summary>The <see cref="IHardwareTarget.Name"/> of the chip this configuration is for.</summary>
    string TargetName { get; }

    /// <summary>Number of input channels the configuration reads.</summary>
    int InputChannels { get; }

    /// <summary>Number of output channels it drives.</summary>
    int OutputChannels { get; }

    /// <summary>Time step in seconds.</summary>
    double Dt { get; }

    /// <summary>A human-readable summary: resources used against the chip's limits, what quantisation clipped
    /// or rounded to zero, and the warnings carried from mapping.</summary>
    string Report();
}
