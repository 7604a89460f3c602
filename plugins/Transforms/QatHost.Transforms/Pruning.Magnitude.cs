using QatHost.Sdk.Transforms;
using static TorchSharp.torch;

namespace QatHost.Transforms;

public static partial class Pruning
{
    private sealed class MagnitudePruning(string description, double sparsity, bool global, bool structured, long startStep,
        long endStep) : Transform(description)
    {
        private readonly List<Entry> entries = [];   // in the order first seen: that order breaks ties
        private readonly Lock gate = new();
        private long globalCount = -1;               // Global: the count the masks were built for
        private bool registrationsChanged;

        public override Tensor Forward(Tensor value, TransformContext context)
        {
            Guard.FiniteInput(value, this, context);
            using var scope = NewDisposeScope();
            Tensor keep;
            lock (gate)
            {
                var entry = Register($"{context.ModulePath}/{context.Target}", value);
                double scheduled = Scheduled(sparsity, startStep, endStep, context.Step);
                if (global)
                {
                    long count = Count(scheduled, entries.Sum(e => e.Units));
                    if (registrationsChanged || count != globalCount) Rank(entries, count);
                    (globalCount, registrationsChanged) = (count, false);
                }
                else
                {
                    long count = Count(scheduled, entry.Units);
                    if (entry.Pruned is null || count != entry.Count) Rank([entry], count);
                    entry.Count = count;
                }
                keep = KeepMask(entry, value);
            }
            return (value * keep).MoveToOuterDisposeScope();
        }

        private static long Count(double fraction, long units) => (long)Math.Round(fraction * units, MidpointRounding.ToEven);

        private Entry Register(string key, Tensor value)
        {
            long units = structured && value.dim() >= 1 ? value.shape[^1] : Math.Max(1, value.numel());
            var entry = entries.Find(e => e.Key == key);
            if (entry is null || entry.Units != units || !entry.Shape.SequenceEqual(value.shape))
            {
                if (entry is not null) entries.Remove(entry);
                entry?.Dispose();
                entry = new Entry(key, units, value.shape);
                entries.Add(entry);
                registrationsChanged = true;
            }
            entry.Source?.Dispose();
            entry.Source = value.detach().DetachFromDisposeScope();
            return entry;
        }

        /// <summary>Prunes the <paramref name="count"/> lowest-scoring units of <paramref name="group"/>: values pruned
        /// before first (so they stay pruned), then by score, then by position (stable sort).</summary>
        private void Rank(IReadOnlyList<Entry> group, long count)
        {
            using var scope = NewDisposeScope();
            var scores = cat(group.Select(e => Score(e)).ToArray());
            var before = cat(group.Select(e => e.Pruned ?? zeros(e.Units, ScalarType.Bool)).ToArray());
            scores = where(before, full_like(scores, -1.0), scores);
            var order = scores.sort(stable: true).Indices;
            var pruned = order.argsort().lt(count);
            long offset = 0;
            foreach (var e in group)
            {
                e.Pruned?.Dispose();
                e.Pruned = pruned.narrow(0, offset, e.Units).clone().DetachFromDisposeScope();
                offset += e.Units;
            }
        }

        /// <summary>Magnitude per unit, in double: |x| per value, or the L2 norm of each last-dimension slice.</summary>
        private Tensor Score(Entry e)
        {
            var x = e.Source!.to_type(ScalarType.Float64);
            return structured && x.dim() >= 2
                ? x.reshape(-1, e.Units).pow(2).sum([0L]).sqrt()   // [0L]: a bare 0 would bind to sum(ScalarType)
                : x.abs().reshape(e.Units);
        }

        /// <summary>1 for kept values, 0 for pruned ones, shaped to broadcast against the value.</summary>
        private Tensor KeepMask(Entry e, Tensor value)
        {
            var keep = e.Pruned!.logical_not().to_type(value.dtype);
            long[] shape = structured && value.dim() >= 2
                ? value.shape.Select((n, d) => d == value.dim() - 1 ? n : 1).ToArray()
                : value.shape;
            return keep.reshape(shape).to(value.device);
        }

        private sealed class Entry(string key, long units, long[] shape) : IDisposable
        {
            public string Key { get; } = key;
            public long Units { get; } = units;
            public long[] Shape { get; } = shape;
            public Tensor? Source { get; set; }
            public Tensor? Pruned { get; set; }
            public long Count { get; set; } = -1;

            public void Dispose()
            {
                Source?.Dispose();
                Pruned?.Dispose();
            }
        }
    }
}
