using QatHost.Sdk.Engine;

namespace QatHost.Nir;

/// <summary>The node types beyond Rockpool's mapping: LIF, LI, IF, I, Scale, Delay.</summary>
internal static class NirNeurons
{
    public static Module Convert(NirImporter importer, NirNode node, string where) =>
        throw importer.Refuse($"{where}: {node.Label}: node type {node.Type} is not supported yet.");

    public static NirNode? Export(NirExporter exporter, Module module, string name) => null;
}
