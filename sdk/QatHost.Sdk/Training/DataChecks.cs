using QatHost.Sdk.Data;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Trees;
using static TorchSharp.torch;

namespace QatHost.Sdk.Training;

/// <summary>Checks, before any training, that a dataset fits a network and a loss.</summary>
internal static class DataChecks
{
    public static void Fit(Module net, Dataset data, Loss loss)
    {
        if (data.Count == 0) throw new QatHostException($"{data.Source}: the dataset is empty.");
        if (data.Channels != net.SizeIn)
            throw new QatHostException(
                $"{data.Source}: the samples have {data.Channels} channels but the network takes {net.SizeIn} " +
                $"({net.ClassName} with shape {Shapes.Format(net.Shape)}).");
        if (loss.UsesLabels && !data.HasLabels)
            throw new QatHostException($"{data.Source}: {loss} needs class labels (N,) but the dataset holds target traces; use Loss.TargetTrace.");
        if (!loss.UsesLabels && data.HasLabels)
            throw new QatHostException($"{data.Source}: {loss} needs target traces (N, T, Nout) but the dataset holds class labels; use Loss.SpikeCount.");
        if (data.HasLabels)
        {
            using var scope = NewDisposeScope();
            long max = data.Targets.max().item<long>();
            if (max >= net.SizeOut)
                throw new QatHostException(
                    $"{data.Source}: label {max} at sample {data.Targets.argmax().item<long>()} is out of range: " +
                    $"the network has {net.SizeOut} outputs, so labels must be 0 to {net.SizeOut - 1}.");
        }
        else if (data.Targets.shape[2] != net.SizeOut)
            throw new QatHostException(
                $"{data.Source}: the target traces have {data.Targets.shape[2]} channels but the network has {net.SizeOut} outputs.");
    }
}
