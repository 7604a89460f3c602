namespace QatHost.Transforms.Tests.Support;

/// <summary>Tests that seed and draw from torch's global generator run alone, so no other test consumes its
/// numbers in between. Every other test draws from its own seeded generator.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class GlobalGeneratorCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "torch's global generator";
}
