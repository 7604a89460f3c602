#!/usr/bin/python3
"""Rockpool PROXY baseline (not Rockpool): the op-by-op LIFTorch evolve loop and LinearTorch of
the project's Rockpool engine specification (rockpool-engine-spec.md, sections 2, 3.3, 3.4), written from that spec, in PyTorch.

Rockpool itself cannot be installed on the benchmark machine (no PyPI). This script re-creates the work
Rockpool's Torch modules do per call (the same tensor operations per time step, the noise always drawn, the
recurrent product always taken, the leak conversion on every access, the StepPWL surrogate as an autograd
Function) without Rockpool's Python module machinery, so real Rockpool is, if anything, slower.

Usage (bench/QatHost.Benchmarks calls it; prints one JSON line):
  rockpool_proxy.py train  --steps 28 --inputs 14 --neurons 128 --batch 64 --samples 8000 --rec 1 --runs 1
  rockpool_proxy.py kernel --steps 1000 --neurons 256 --batch 32 --rec 0 --runs 2
"""
import argparse, json, math, os, time
import torch


class StepPWL(torch.autograd.Function):
    """Multi-spike count floor(v/θ) where v ≥ θ, capped; gradient g/θ (and -v g/θ² to θ) inside the window."""

    @staticmethod
    def forward(ctx, v, threshold, window, max_spikes):
        ctx.save_for_backward(v, threshold)
        ctx.window = window
        count = (v >= threshold).float() * torch.floor(v / threshold)
        return torch.clamp(count, max=max_spikes)

    @staticmethod
    def backward(ctx, g):
        v, threshold = ctx.saved_tensors
        mask = (v >= threshold - ctx.window).float()
        dv = g / threshold * mask
        dth = -(v * g / threshold ** 2 * mask)
        while dth.dim() > threshold.dim():
            dth = dth.sum(0)
        return dv, dth, None, None


class Linear(torch.nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        bound = math.sqrt(6.0 / n_in)
        self.weight = torch.nn.Parameter(torch.empty(n_out, n_in).uniform_(-bound, bound).T.contiguous())

    def forward(self, x):
        return x @ self.weight


class LIF(torch.nn.Module):
    def __init__(self, n, has_rec, dt=1e-3):
        super().__init__()
        self.n, self.dt, self.has_rec = n, dt, has_rec
        self.tau_mem = torch.nn.Parameter(torch.full((n,), 0.02))
        self.tau_syn = torch.nn.Parameter(torch.full((n, 1), 0.02))
        self.bias = torch.nn.Parameter(torch.zeros(n))
        self.threshold = torch.nn.Parameter(torch.ones(n))
        bound = math.sqrt(6.0 / n)
        w = torch.empty(n, n).uniform_(-bound, bound)
        if has_rec:
            self.w_rec = torch.nn.Parameter(w)
        else:
            self.register_buffer("w_rec", torch.zeros(n, n))
        self.noise_std, self.window, self.max_spikes = 0.0, 0.5, 65536.0
        self.vmem, self.isyn, self.spikes = torch.zeros(n), torch.zeros(n, 1), torch.zeros(n)

    # Rockpool derives alpha/beta from the taus on every attribute access.
    @property
    def alpha(self):
        return torch.exp(-self.dt / self.tau_mem)

    @property
    def beta(self):
        return torch.exp(-self.dt / self.tau_syn)

    def forward(self, x):
        b, t, _ = x.shape
        x = x.reshape(b, t, self.n, 1)
        v = torch.ones(b, self.n) * self.vmem
        s = torch.ones(b, self.n) * self.spikes
        i = torch.ones(b, self.n, 1) * self.isyn
        out = torch.zeros(b, t, self.n)
        noise = self.noise_std * math.sqrt(self.dt) * torch.randn(b, t, self.n)
        for k in range(t):
            i = i + x[:, k]
            irec = torch.reshape(s @ self.w_rec, (b, self.n, 1))
            i = i + irec
            v = v * self.alpha
            i = i * self.beta
            v = v + i.sum(-1) + noise[:, k] + self.bias
            s = StepPWL.apply(v, self.threshold, self.window, self.max_spikes)
            v = v - s * self.threshold
            out[:, k] = s
        self.vmem, self.isyn, self.spikes = v[0].detach(), i[0].detach(), s[0].detach()
        return out

    def reset_state(self):
        self.vmem, self.isyn, self.spikes = torch.zeros(self.n), torch.zeros(self.n, 1), torch.zeros(self.n)


def train(a):
    torch.manual_seed(7)
    xs = torch.rand(a.samples, a.steps, a.inputs) * (torch.rand(a.samples, a.steps, a.inputs) < 0.25)
    ys = torch.randint(10, (a.samples,))
    best, best_cpu = float("inf"), float("inf")
    for _ in range(a.runs):
        torch.manual_seed(1)
        lin1, lif, lin2 = Linear(a.inputs, a.neurons), LIF(a.neurons, bool(a.rec)), Linear(a.neurons, 10)
        params = [lin1.weight, lin2.weight] + ([lif.w_rec] if a.rec else [])   # Adam on the weights
        opt = torch.optim.Adam(params, lr=1e-3)
        order = torch.randperm(a.samples)
        start, cpu = time.perf_counter(), time.process_time()
        for first in range(0, a.samples, a.batch):
            idx = order[first:first + a.batch]
            x, y = xs[idx], ys[idx]
            lif.reset_state()
            out = lin2(lif(lin1(x)))
            loss = torch.nn.functional.cross_entropy(out.amax(1), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return {"epoch_seconds": best, "epoch_cpu_seconds": best_cpu}


def kernel(a):
    torch.manual_seed(1)
    lin, lif = Linear(16, a.neurons), LIF(a.neurons, bool(a.rec))
    x = (torch.rand(a.batch, a.steps, 16) < 0.2).float() * 4
    r = torch.randn(a.batch, a.steps, a.neurons)
    best = float("inf")
    for _ in range(a.runs):
        for p in list(lin.parameters()) + list(lif.parameters()):
            p.grad = None
        start = time.perf_counter()
        lif.reset_state()
        (lif(lin(x)) * r).sum().backward()
        best = min(best, time.perf_counter() - start)
    return {"fwd_bwd_ms": best * 1000}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["train", "kernel"])
    for name, default in [("steps", 28), ("inputs", 14), ("neurons", 128), ("batch", 64), ("samples", 8000), ("rec", 1), ("runs", 1)]:
        parser.add_argument("--" + name, type=int, default=default)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())   # as many intra-op threads as LibTorch uses in the C# runs
    result = train(args) if args.mode == "train" else kernel(args)
    result.update(torch=torch.__version__, threads=torch.get_num_threads())
    print(json.dumps(result))
