namespace QatHost.Tests.Training;

/// <summary>Tests that must not run beside others: they compare runs that draw from torch's process-wide
/// generator, or count process-wide live tensors. xunit runs this collection on its own.</summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;
