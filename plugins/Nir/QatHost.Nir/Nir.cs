using QatHost.Sdk;
using QatHost.Sdk.Engine;

namespace QatHost.Nir;

/// <summary>
/// NIR interchange (Neuromorphic Intermediate Representation, the HDF5 graph format Rockpool, snnTorch, Norse,
/// Lava, Sinabs and Spyx share): <see cref="Load"/> brings a network in as QatHost modules, <see cref="Save"/>
/// sends one out. docs/nir.md gives the mapping both ways, what is lost and why.
/// </summary>
public static class Nir
{
    /// <summary>
    /// Reads a NIR file into QatHost modules: a <see cref="Sequential"/> for a graph (a bare module if QatHost
    /// saved a bare module). With <paramref name="dt"/> null, each LIF layer's time step is Rockpool's
    /// <c>from_nir</c> rule (min over neurons of tau_mem / (1 + r)) unless the file holds QatHost's own metadata,
    /// which restores the saved network exactly. Warnings (fields that do not map) are written to standard error;
    /// <see cref="Import"/> returns them instead.
    /// </summary>
    /// <param name="path">The .nir file.</param>
    /// <param name="dt">Time step in seconds for every layer, overriding what the file implies.</param>
    /// <exception cref="QatHostException">The file is not NIR, or its graph cannot be imported (the message names
    /// the node, its type and the defect).</exception>
    public static Module Load(string path, double? dt = null)
    {
        var result = Import(path, dt);
        foreach (var warning in result.Warnings) Console.Error.WriteLine($"warning: {warning}");
        return result.Network;
    }

    /// <summary>As <see cref="Load"/>, returning the warnings with the network instead of printing them.</summary>
    public static NirImport Import(string path, double? dt = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (dt is { } given && (!(given > 0) || !double.IsFinite(given)))
            throw new QatHostException($"Nir.Load: dt must be a positive number of seconds; got {given}.");
        var document = NirFile.Read(path);
        var importer = new NirImporter(path, dt);
        var network = importer.Import(document);
        return new NirImport(network, importer.Warnings, document.Version);
    }

    /// <summary>
    /// Writes <paramref name="net"/> as a NIR file that nir 1.0.4 and later and Rockpool's <c>from_nir</c> read:
    /// LinearTorch as Linear/Affine, LIFTorch as CubaLIF (recurrent: the 4-node subgraph), Residual as a skip edge.
    /// A network after <c>BurnIn</c> exports its transformed (e.g. integer) values. What NIR cannot represent is an
    /// error or a warning naming the module; warnings go to standard error (<see cref="Export"/> returns them).
    /// </summary>
    /// <exception cref="QatHostException">A module has no NIR form (the message names it); nothing is written.</exception>
    public static void Save(Module net, string path)
    {
        foreach (var warning in Export(net, path)) Console.Error.WriteLine($"warning: {warning}");
    }

    /// <summary>As <see cref="Save"/>, returning the warnings instead of printing them.</summary>
    public static IReadOnlyList<string> Export(Module net, string path)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(path);
        var exporter = new NirExporter(path);
        var document = exporter.Export(net);
        NirFile.Write(document, path);
        return exporter.Warnings;
    }
}

/// <summary>What <see cref="Nir.Import"/> read: the network, the warnings about fields that did not map, and the
/// file's NIR version string.</summary>
public sealed record NirImport(Module Network, IReadOnlyList<string> Warnings, string Version);
