using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace QatHost.Sdk.Engine;

/// <summary>A LIF layer's whole time loop as one autograd operation (spec 3.4; equations in
/// <see cref="FusedLifBackwardStep"/>).</summary>
/// <remarks>
/// Arguments: the <see cref="FusedLifSpec"/>, then <c>x (B, T, N, S)</c>, <c>alpha (N)</c>, <c>beta (N, S)</c>,
/// <c>bias (N)</c>, <c>threshold (N)</c>, <c>w_rec (N, N·S)</c> or null, <c>noise (B, T, N)</c> or null and the
/// initial state <c>v (N)</c>, <c>I (N, S)</c>, <c>s (N)</c>. Outputs: spikes <c>(B, T, N)</c>, then, when recording,
/// vmem, isyn and (with recurrence) irec. Batch element 0's final state comes back through the spec.
/// The backward pass keeps only the membrane before reset <c>(B, T, N)</c>, the spike counts (the output
/// itself), and when beta needs a gradient the synaptic current before decay <c>(B, T, N, S)</c>.
/// The loops of the kernel files are marked <c>AggressiveOptimization</c>: compiled optimised at their first call
/// rather than through .NET's unoptimised first tier, which ran the generic vector code about 10x slower for the
/// first second or so of every process, most of a short training run.
/// </remarks>
internal sealed class FusedLifFunction : MultiTensorFunction<FusedLifFunction>
{
    public override string Name => "FusedLIF";

    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var spec = (FusedLifSpec)vars[0];
        var inputs = Enumerable.Range(1, 6).Select(k => vars[k] as Tensor).ToArray();
        spec.NeedsGrad = inputs.Select(t => t is not null && t.requires_grad).ToArray();
        bool train = spec.GradEnabled && spec.NeedsGrad.Any(g => g);
        var (x, alpha, beta, bias, threshold, wRec) = (inputs[0]!, inputs[1]!, inputs[2]!, inputs[3]!, inputs[4]!, inputs[5]);
        var noise = vars[7] as Tensor;
        var (v0, i0, s0) = ((Tensor)vars[8], (Tensor)vars[9], (Tensor)vars[10]);
        long b = spec.Batches, t = spec.Steps, n = spec.Neurons, s = spec.Synapses;

        var tensors = new FusedLifForward.Tensors
        {
            Input = x.contiguous(), Alpha = alpha.contiguous(), Beta = beta.contiguous(), Bias = bias.contiguous(),
            Threshold = threshold.contiguous(), V0 = v0.contiguous(), I0 = i0.contiguous(), S0 = s0.contiguous(),
            WRec = wRec?.contiguous(), Noise = noise?.contiguous(),
            Spikes = empty(b, t, n),
            U = train ? empty(b, t, n) : null,
            Ip = train && spec.NeedsGrad[2] ? empty(b, t, n, s) : null,
            RecV = spec.Record ? empty(b, t, n) : null,
            RecI = spec.Record ? empty(b, t, n, s) : null,
            RecIrec = spec.Record && spec.Recurrent ? empty(b, t, n * s) : null,
        };
        var (vEnd, iEnd) = FusedLifForward.Run(spec, tensors);
        spec.FinalV = vEnd.AsSpan(0, (int)n).ToArray();
        spec.FinalI = iEnd.AsSpan(0, (int)(n * s)).ToArray();
        spec.HasNaN = FusedLifForward.HasNaN(FusedLifForward.Span(tensors.Spikes));

        var outputs = new List<Tensor> { tensors.Spikes };
        if (spec.Record)
        {
            outputs.Add(tensors.RecV!);
            outputs.Add(tensors.RecI!);
            if (spec.Recurrent) outputs.Add(tensors.RecIrec!.view(b, t, n, s));
        }
        // A record the loss does not use gets no gradient tensor rather than one of zeros. (TorchSharp's zeros for it
        // would come from a cache this call's dispose scope has already freed.) Such an undefined gradient arrives as
        // a handle-less Tensor that TorchSharp's Tensor.TotalCount never counts down: no memory, but a count.
        // Without records the spikes are the only output, and always get a gradient.
        ctx.set_materialize_grads(false);
        ctx.save_data("spec", spec);
        if (train)
            ctx.save_for_backward([tensors.U!, tensors.Spikes, tensors.Ip!, tensors.Alpha, tensors.Beta, tensors.Threshold,
                tensors.V0, tensors.S0, tensors.WRec!]);
        return outputs;
    }

    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var spec = (FusedLifSpec)ctx.get_data("spec");
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        Tensor? Incoming(int k) => k < grad_outputs.Count && grad_outputs[k] is { IsInvalid: false } g ? g.contiguous() : null;
        var gradients = FusedLifBackward.Run(spec, new FusedLifBackward.Tensors
        {
            U = saved[0], Spikes = saved[1], Ip = saved[2], Alpha = saved[3], Beta = saved[4], Threshold = saved[5],
            V0 = saved[6], S0 = saved[7], WRec = saved[8],
            GS = Incoming(0), GV = Incoming(1), GI = Incoming(2), GR = Incoming(3),
        });
        Tensor? Keep(int k, Tensor? gradient) => spec.NeedsGrad[k] ? gradient?.MoveToOuterDisposeScope() : null;
        return
        [
            null!, Keep(0, gradients.Input)!, Keep(1, gradients.Alpha)!, Keep(2, gradients.Beta)!, Keep(3, gradients.Bias)!,
            Keep(4, gradients.Threshold)!, Keep(5, gradients.WRec)!, null!, null!, null!, null!,
        ];
    }
}
