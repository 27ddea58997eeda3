#!/usr/bin/python3
"""Trains Motif's small 2-bar melody MusicVAE (Magenta Studio's Interpolate / Generate) and exports it.

Same corpora, splits, event encoding (MelodyConverter 48..83, 38 events) and CPU determinism as training/train.py,
whose corpus and transposition code it imports. A window is 2 bars of 4/4: 32 sixteenth steps starting on a
multiple of 16 steps of a piece, with at least 2 note onsets.

Model (PyTorch layout, exported as float32 little-endian in one shard described by weights_manifest.json):
  encoder  bidirectional LSTM (ENC hidden each way) over one-hot(38) events; [h_fw_last, h_bw_first] -> mu, logvar (Z)
  decoder  h0, c0 = tanh(W_init z + b); input at step t = [one-hot(event t-1) (zeros at t=0), z];
           LSTM (DEC hidden) -> linear -> 38 logits.
Loss: reconstruction NLL (sum over the 32 steps) + beta * max(KL - free_bits, 0) (Magenta's free bits, in nats).
The TypeScript decoder (lib/generation/models/vae/) implements the same maths; a logits fixture checks it.

  /usr/bin/python3 training/train_vae.py --out public/models/motif-vae-2bar-v1 \
      --fixture test/models/fixtures/motif-vae-2bar-v1.logits.json --metrics training/runs/motif-vae-2bar-v1.json
  /usr/bin/python3 training/train_vae.py --stop-after 5 --print-losses      (no export; the repro test)
"""
import argparse
import json
import math
import os
import sys
import time

from train import VOCAB, MIN_PITCH, MAX_PITCH, FIRST_PITCH, load, transpose_events, write_metrics  # sets 1 thread, determinism

import numpy as np
import torch

STEPS_PER_WINDOW = 32
BAR = 16

CONFIG = dict(enc_hidden=128, dec_hidden=256, z=32, batch=64, steps=4000, lr=2e-3, lr_min=1e-4, beta=0.3,
              free_bits=12.0, clip=1.0, transpose=5, eval_every=500, seed=2468)


def windows(pieces):
    """Every bar-aligned 32-step window with >= 2 note onsets, as an int64 array [N, 32]."""
    out = []
    for p in pieces:
        ev = np.array(p["events"], dtype=np.int64)
        for s in range(0, len(ev) - STEPS_PER_WINDOW + 1, BAR):
            w = ev[s:s + STEPS_PER_WINDOW]
            if int((w >= FIRST_PITCH).sum()) >= 2:
                out.append(w)
    return np.stack(out) if out else np.zeros((0, STEPS_PER_WINDOW), dtype=np.int64)


class Vae(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E, D, Z = cfg["enc_hidden"], cfg["dec_hidden"], cfg["z"]
        self.enc = torch.nn.LSTM(VOCAB, E, batch_first=True, bidirectional=True)
        self.mu = torch.nn.Linear(2 * E, Z)
        self.logvar = torch.nn.Linear(2 * E, Z)
        self.init = torch.nn.Linear(Z, 2 * D)
        self.dec = torch.nn.LSTM(VOCAB + Z, D, batch_first=True)
        self.out = torch.nn.Linear(D, VOCAB)
        self.D = D

    def encode(self, x):
        """x: one-hot [B, T, 38] -> mu, logvar [B, Z]."""
        _, (h, _) = self.enc(x)  # h: [2, B, E] (forward's last step, backward's first step)
        hcat = torch.cat([h[0], h[1]], dim=-1)
        return self.mu(hcat), self.logvar(hcat)

    def decode(self, z, x):
        """Teacher-forced logits [B, T, 38] for targets x (one-hot [B, T, 38])."""
        B, T, _ = x.shape
        prev = torch.cat([torch.zeros(B, 1, VOCAB, dtype=x.dtype), x[:, :-1]], dim=1)
        inp = torch.cat([prev, z.unsqueeze(1).expand(B, T, z.shape[-1])], dim=-1)
        hc = torch.tanh(self.init(z))
        h0, c0 = hc[:, :self.D].unsqueeze(0).contiguous(), hc[:, self.D:].unsqueeze(0).contiguous()
        h, _ = self.dec(inp, (h0, c0))
        return self.out(h)

    @torch.no_grad()
    def greedy(self, z):
        """Argmax decoding, step by step (what the app's argmax mode does): events [B, T]."""
        B = z.shape[0]
        hc = torch.tanh(self.init(z))
        state = (hc[:, :self.D].unsqueeze(0).contiguous(), hc[:, self.D:].unsqueeze(0).contiguous())
        prev = torch.zeros(B, 1, VOCAB, dtype=z.dtype)
        evs = []
        for _ in range(STEPS_PER_WINDOW):
            h, state = self.dec(torch.cat([prev, z.unsqueeze(1)], dim=-1), state)
            e = self.out(h)[:, 0].argmax(-1)
            evs.append(e)
            prev = torch.nn.functional.one_hot(e, VOCAB).to(z.dtype).unsqueeze(1)
        return torch.stack(evs, dim=1)


def one_hot(ev):
    return torch.nn.functional.one_hot(torch.as_tensor(ev, dtype=torch.long), VOCAB).float()


def kl_of(mu, logvar):
    return 0.5 * (mu.pow(2) + logvar.exp() - 1.0 - logvar).sum(-1)


def batch_sampler(wins, cfg, rng):
    t = cfg["transpose"]
    while True:
        idx = rng.integers(0, len(wins), size=cfg["batch"])
        out = []
        for i in idx:
            w = wins[int(i)]
            pitches = w[w >= FIRST_PITCH] - FIRST_PITCH + MIN_PITCH
            lo_ok, hi_ok = MIN_PITCH - pitches.min(), MAX_PITCH - pitches.max()
            options = [k for k in range(-t, t + 1) if lo_ok <= k <= hi_ok]
            shift = int(options[int(rng.integers(0, len(options)))]) if options else 0
            out.append(transpose_events(w, shift))
        yield np.stack(out)


@torch.no_grad()
def evaluate(net, wins, cfg, greedy=True):
    """Posterior-mean reconstruction: teacher-forced NLL/step and accuracy, argmax free-running accuracy, mean KL."""
    net.eval()
    nll = kl = acc_tf = acc_free = exact = 0.0
    n = len(wins)
    for s in range(0, n, 256):
        w = torch.as_tensor(wins[s:s + 256])
        x = one_hot(w)
        mu, logvar = net.encode(x)
        logits = net.decode(mu, x)
        nll += float(torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB), w.reshape(-1), reduction="sum"))
        acc_tf += float((logits.argmax(-1) == w).float().sum())
        kl += float(kl_of(mu, logvar).sum())
        if greedy:
            g = net.greedy(mu)
            acc_free += float((g == w).float().sum())
            exact += float((g == w).all(-1).float().sum())
    net.train()
    steps = n * STEPS_PER_WINDOW
    return {"windows": n, "nll_per_step": nll / steps, "teacher_forced_accuracy": acc_tf / steps,
            "argmax_accuracy": acc_free / steps if greedy else None,
            "exact_windows": exact / n if greedy else None, "kl_nats": kl / n}


def export(net, cfg, out):
    os.makedirs(out, exist_ok=True)
    sd = {k: v.detach().float().numpy() for k, v in net.state_dict().items()}
    tensors = [
        ("encoder/fw/w_ih", sd["enc.weight_ih_l0"]), ("encoder/fw/w_hh", sd["enc.weight_hh_l0"]),
        ("encoder/fw/b", sd["enc.bias_ih_l0"] + sd["enc.bias_hh_l0"]),
        ("encoder/bw/w_ih", sd["enc.weight_ih_l0_reverse"]), ("encoder/bw/w_hh", sd["enc.weight_hh_l0_reverse"]),
        ("encoder/bw/b", sd["enc.bias_ih_l0_reverse"] + sd["enc.bias_hh_l0_reverse"]),
        ("encoder/mu/w", sd["mu.weight"]), ("encoder/mu/b", sd["mu.bias"]),
        ("decoder/init/w", sd["init.weight"]), ("decoder/init/b", sd["init.bias"]),
        ("decoder/lstm/w_ih", sd["dec.weight_ih_l0"]), ("decoder/lstm/w_hh", sd["dec.weight_hh_l0"]),
        ("decoder/lstm/b", sd["dec.bias_ih_l0"] + sd["dec.bias_hh_l0"]),
        ("decoder/out/w", sd["out.weight"]), ("decoder/out/b", sd["out.bias"]),
    ]
    for f in os.listdir(out):
        if f.startswith("group1-shard"):
            os.remove(os.path.join(out, f))
    with open(os.path.join(out, "group1-shard1of1"), "wb") as f:
        for _, arr in tensors:
            f.write(np.ascontiguousarray(arr, dtype="<f4").tobytes())
    manifest = [{"paths": ["group1-shard1of1"],
                 "weights": [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in tensors]}]
    with open(os.path.join(out, "weights_manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    config = {"type": "MusicVAE", "dataConverter": {"type": "MelodyConverter", "args": {
        "minPitch": MIN_PITCH, "maxPitch": MAX_PITCH, "numSteps": STEPS_PER_WINDOW}},
        "encoder": {"type": "BidirectionalLSTM", "hidden": cfg["enc_hidden"]},
        "decoder": {"type": "LSTM", "hidden": cfg["dec_hidden"], "conditioning": "initial-state+input"},
        "zSize": cfg["z"], "gates": "i,f,g,o (PyTorch)"}
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def fixture(net, cfg, wins):
    """Exported float32 weights in float64 maths: posterior mean, teacher-forced logits and argmax decoding."""
    net64 = Vae(cfg).double()
    net64.load_state_dict({k: v.detach().float().double() for k, v in net.state_dict().items()})
    net64.eval()
    cases = []
    with torch.no_grad():
        for w in wins:
            x = one_hot(w).double().unsqueeze(0)
            mu, _ = net64.encode(x)
            logits = net64.decode(mu, x)[0]
            g = net64.greedy(mu)[0]
            cases.append({"events": [int(e) for e in w], "mu": [round(float(v), 9) for v in mu[0]],
                          "logits": [[round(float(v), 9) for v in row] for row in logits],
                          "argmax": [int(e) for e in g]})
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", help="checkpoint folder (omit: no export)")
    ap.add_argument("--steps", type=int, help="override the number of steps")
    ap.add_argument("--stop-after", type=int, help="stop after this many steps, keeping the full run's schedule")
    ap.add_argument("--print-losses", action="store_true", help="print each step's loss as JSON lines")
    ap.add_argument("--fixture", help="where to write the logits fixture json")
    ap.add_argument("--metrics", help="where to write training metrics json")
    args = ap.parse_args()
    cfg = dict(CONFIG)
    if args.steps is not None:
        cfg["steps"] = args.steps

    np.random.seed(cfg["seed"])
    torch.manual_seed(cfg["seed"])
    rng = np.random.default_rng(cfg["seed"])

    data, _ = load("melody")
    pieces = data["pieces"]
    train_w = windows([p for p in pieces if p["split"] == "train"])
    valid_w = windows([p for p in pieces if p["split"] == "valid"])
    test_w = windows([p for p in pieces if p["split"] == "test"])
    net = Vae(cfg)
    opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"])
    batches = batch_sampler(train_w, cfg, rng)

    t0 = time.time()
    best = (math.inf, None, -1)
    log = []
    last_step = min(cfg["steps"], args.stop_after) if args.stop_after else cfg["steps"]
    for step in range(1, last_step + 1):
        lr = cfg["lr_min"] + 0.5 * (cfg["lr"] - cfg["lr_min"]) * (1 + math.cos(math.pi * (step - 1) / max(1, cfg["steps"])))
        for g in opt.param_groups:
            g["lr"] = lr
        w = torch.as_tensor(next(batches))
        x = one_hot(w)
        mu, logvar = net.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        logits = net.decode(z, x)
        recon = torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB), w.reshape(-1), reduction="sum") / w.shape[0]
        kl = kl_of(mu, logvar).mean()
        loss = recon + cfg["beta"] * torch.clamp(kl - cfg["free_bits"], min=0.0)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), cfg["clip"])
        opt.step()
        if args.print_losses:
            print(json.dumps({"step": step, "loss": float(loss)}), flush=True)
        if step % 50 == 0:
            log.append({"step": step, "loss": float(loss), "recon": float(recon), "kl": float(kl),
                        "seconds": round(time.time() - t0, 1)})
            print(f"step {step} loss {float(loss):.3f} recon {float(recon):.3f} kl {float(kl):.2f} lr {lr:.5f} "
                  f"{time.time() - t0:.0f}s", file=sys.stderr, flush=True)
        if args.out and (step % cfg["eval_every"] == 0 or step == cfg["steps"]):
            v = evaluate(net, valid_w, cfg, greedy=False)
            score = v["nll_per_step"] * STEPS_PER_WINDOW + cfg["beta"] * max(v["kl_nats"] - cfg["free_bits"], 0.0)
            print(f"  valid {json.dumps(v)}", file=sys.stderr, flush=True)
            log.append({"step": step, "valid": v, "valid_loss": score})
            if score < best[0]:
                best = (score, {k: t.clone() for k, t in net.state_dict().items()}, step)
    train_seconds = time.time() - t0
    if not args.out:
        return
    net.load_state_dict(best[1])
    export(net, cfg, args.out)
    cases = fixture(net, cfg, test_w[:2])
    with open(args.fixture or os.path.join(args.out, "..", f"{os.path.basename(args.out)}.fixture.json"), "w") as f:
        json.dump({"tolerance": 1e-4, "cases": cases}, f)
    metrics = {
        "model": "vae-2bar", "config": cfg, "torch": torch.__version__, "threads": torch.get_num_threads(),
        "train_seconds": round(train_seconds, 1), "best_step": best[2],
        "valid": evaluate(net, valid_w, cfg), "test": evaluate(net, test_w, cfg),
        "data_digest": data["dataDigest"],
        "train_windows": len(train_w), "valid_windows": len(valid_w), "test_windows": len(test_w),
        "parameters": sum(p.numel() for p in net.parameters()), "log": log,
    }
    write_metrics(args, metrics)


if __name__ == "__main__":
    main()
