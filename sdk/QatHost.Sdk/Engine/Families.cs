namespace QatHost.Sdk.Engine;

/// <summary>Rockpool's parameter family names, exactly as Rockpool spells them (users type them, saved
/// configurations and oracles are keyed by them). Note that LinearTorch biases are <c>"biases"</c> while
/// LIFTorch biases are <c>"bias"</c>.</summary>
public static class Families
{
    /// <summary><c>"weights"</c>: LinearTorch.weight and LIFTorch.w_rec.</summary>
    public const string Weights = "weights";
    /// <summary><c>"biases"</c>: LinearTorch.bias.</summary>
    public const string Biases = "biases";
    /// <summary><c>"bias"</c> (singular): LIFTorch.bias.</summary>
    public const string Bias = "bias";
    /// <summary><c>"taus"</c>: tau_mem, tau_syn in taus mode.</summary>
    public const string Taus = "taus";
    /// <summary><c>"decays"</c>: alpha, beta in decays mode.</summary>
    public const string Decays = "decays";
    /// <summary><c>"bitshifts"</c>: dash_mem, dash_syn in bitshifts mode.</summary>
    public const string Bitshifts = "bitshifts";
    /// <summary><c>"thresholds"</c>: LIFTorch.threshold.</summary>
    public const string Thresholds = "thresholds";
}
