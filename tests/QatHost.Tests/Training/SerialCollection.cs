namespace QatHost.Tests.Training;

/// <summary>Tests that must not run beside others: they seed torch's process-wide generator and compare what
/// it draws (a test running in parallel would consume numbers in between), or count process-wide live
/// tensors. xunit runs this collection on its own, after the parallel ones. Every test class that calls
/// <c>manual_seed</c> belongs here.</summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;
