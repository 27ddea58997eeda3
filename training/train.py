#!/usr/bin/python3
"""Trains Motif's MusicRNN checkpoints (melody / chord-conditioned melody) and exports them to Magenta's TF.js format.

Reproducible on CPU: 1 thread, fixed seeds, deterministic algorithms, a fixed number of steps (never a time budget).
Input: training/cache/{melody,chords}.json written by `npx tsx scripts/models/prepare-data.ts` (Magenta melody
events; chord symbols already encoded with Magenta's PitchChordEncoder). Run through `npm run models:train`.

  /usr/bin/python3 training/train.py --model melody --out public/models/<id>
  /usr/bin/python3 training/train.py --model melody --stop-after 5 --print-losses   (no export; the repro test)

The *-meter models (v2) also read the meter at each step (lib/generation/notes/meter-encoding.ts): its class one-hot
(4/4, 3/4, 6/8, other) and the predicted step's sixteenth within the bar one-hot (0..23), all zeros where the bar is
unknown (the JSB chorales). Their input is [chord controls, meter, previous event], all of step t+1 but the event.
"""
import argparse
import hashlib
import json
import math
import os
import random
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
# OpenBLAS picks its kernels by CPU (AVX-512 SkylakeX kernels on newer x86 chips), and their float32 sums round
# differently, so the same run drifted in the 7th digit between machines. Pinning the Haswell (AVX2) kernels makes a
# run bit-identical on every x86-64 CPU with AVX2; the shipped checkpoints were trained with them. Read when torch
# loads OpenBLAS, so it is set before the import.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")

import numpy as np
import torch

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

VOCAB = 38  # MelodyConverter(minPitch 48, maxPitch 83): 0 no event, 1 note-off, 2.. pitches
MIN_PITCH, MAX_PITCH, FIRST_PITCH = 48, 83, 2
CHORD_DEPTH = 37  # PitchChordEncoder: [no-chord, root(12), pitch classes(12), bass(12)]
METER_CLASSES, METER_POSITIONS = 4, 24  # MotifMeterEncoder: [class(4), step within the bar(24)]
METER_DEPTH = METER_CLASSES + METER_POSITIONS

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

CONFIGS = {
    "melody": dict(hidden=256, layers=2, batch=64, seq_len=64, steps=3500, lr=3e-3, lr_min=1e-4, dropout=0.1,
                   weight_decay=0.0, clip=1.0, transpose=5, eval_every=250, seed=1234),
    "chords": dict(hidden=256, layers=2, batch=64, seq_len=64, steps=3500, lr=3e-3, lr_min=1e-4, dropout=0.1,
                   weight_decay=0.0, clip=1.0, transpose=5, eval_every=250, seed=4321),
}
# The meter-aware models: the same recipe over the same data (training/cache/<data>.json), plus the meter input.
CONFIGS["melody-meter"] = dict(CONFIGS["melody"], data="melody", meter=True)
CONFIGS["chords-meter"] = dict(CONFIGS["chords"], data="chords", meter=True)


def load(model):
    with open(os.path.join(HERE, "cache", f"{model}.json")) as f:
        data = json.load(f)
    enc = None
    if model == "chords":
        symbols = data["chordSymbols"]
        enc = np.array([data["chordEncodings"][s] for s in symbols], dtype=np.float32)
    return data, enc


def transpose_events(ev, shift):
    out = ev.copy()
    m = ev >= FIRST_PITCH
    out[m] = ev[m] + shift
    return out


def transpose_chords(c, shift):
    """c: [T, 37 (+ meter)] PitchChordEncoder vectors first; rolls root / pitch-class / bass blocks by `shift`."""
    if shift == 0:
        return c
    out = c.copy()
    for a in (1, 13, 25):
        out[:, a:a + 12] = np.roll(c[:, a:a + 12], shift, axis=1)
    return out


class Net(torch.nn.Module):
    def __init__(self, in_size, hidden, layers, dropout):
        super().__init__()
        self.lstm = torch.nn.LSTM(in_size, hidden, num_layers=layers, batch_first=True, dropout=dropout)
        self.fc = torch.nn.Linear(hidden, VOCAB)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.fc(h)


def make_inputs(events, chords_enc):
    """Magenta's MusicRNN input at step t: concat(controls of step t+1, one-hot(event t)); target event t+1.
    The controls are the chord encoding and / or the meter encoding (piece_arrays)."""
    ev = torch.as_tensor(events[:-1], dtype=torch.long)
    x = torch.nn.functional.one_hot(ev, VOCAB).float()
    if chords_enc is not None:
        x = torch.cat([torch.as_tensor(chords_enc[1:], dtype=torch.float32), x], dim=-1)
    y = torch.as_tensor(events[1:], dtype=torch.long)
    return x, y


def meter_encoding(piece):
    """[T, METER_DEPTH] one-hots of each step's meter class and bar position; zeros where the bar is unknown."""
    T = len(piece["events"])
    out = np.zeros((T, METER_DEPTH), dtype=np.float32)
    if "barPosition" not in piece:
        return out
    cls = np.array(piece["meterClass"], dtype=np.int64)
    pos = np.array(piece["barPosition"], dtype=np.int64)
    ok = (pos >= 0) & (pos < METER_POSITIONS) & (cls >= 0) & (cls < METER_CLASSES)
    rows = np.nonzero(ok)[0]
    out[rows, cls[rows]] = 1.0
    out[rows, METER_CLASSES + pos[rows]] = 1.0
    return out


def piece_arrays(piece, enc, meter=False):
    """Events [T] and the step controls [T, D] (chord encoding, then meter encoding) or None when there are none."""
    ev = np.array(piece["events"], dtype=np.int64)
    parts = []
    if enc is not None:
        parts.append(enc[np.array(piece["chords"], dtype=np.int64)])
    if meter:
        parts.append(meter_encoding(piece))
    ch = np.concatenate(parts, axis=1) if parts else None
    return ev, ch


def batch_sampler(pieces, enc, cfg, rng):
    arrays = [piece_arrays(p, enc, cfg.get("meter", False)) for p in pieces]
    arrays = [a for a in arrays if len(a[0]) >= 2]
    lengths = np.array([len(a[0]) for a in arrays], dtype=np.float64)
    probs = lengths / lengths.sum()
    L = cfg["seq_len"] + 1
    while True:
        xs, ys = [], []
        for _ in range(cfg["batch"]):
            i = int(rng.choice(len(arrays), p=probs))
            ev, ch = arrays[i]
            if len(ev) > L:
                s = int(rng.integers(0, len(ev) - L + 1))
                ev_w, ch_w = ev[s:s + L], (ch[s:s + L] if ch is not None else None)
            else:
                ev_w, ch_w = ev, ch
            pitches = ev_w[ev_w >= FIRST_PITCH] - FIRST_PITCH + MIN_PITCH
            lo_ok = MIN_PITCH - (pitches.min() if len(pitches) else MIN_PITCH)
            hi_ok = MAX_PITCH - (pitches.max() if len(pitches) else MAX_PITCH)
            t = cfg["transpose"]
            options = [k for k in range(-t, t + 1) if lo_ok <= k <= hi_ok]
            shift = int(options[int(rng.integers(0, len(options)))]) if options else 0
            ev_w = transpose_events(ev_w, shift)
            if ch_w is not None and enc is not None:
                ch_w = transpose_chords(ch_w, shift)
            x, y = make_inputs(ev_w, ch_w)
            # Pad short pieces; padded targets are ignored (-100).
            pad = cfg["seq_len"] - x.shape[0]
            if pad > 0:
                x = torch.cat([x, torch.zeros(pad, x.shape[1])])
                y = torch.cat([y, torch.full((pad,), -100, dtype=torch.long)])
            xs.append(x)
            ys.append(y)
        yield torch.stack(xs), torch.stack(ys)


@torch.no_grad()
def nll_per_step(net, pieces, enc, meter=False):
    """Mean negative log-likelihood (nats) per predicted step over whole pieces, from a zero state (as at test time)."""
    net.eval()
    total, count = 0.0, 0
    for p in pieces:
        ev, ch = piece_arrays(p, enc, meter)
        if len(ev) < 2:
            continue
        x, y = make_inputs(ev, ch)
        logits = net(x.unsqueeze(0))[0].double()
        total += float(torch.nn.functional.cross_entropy(logits, y, reduction="sum"))
        count += int(y.shape[0])
    net.train()
    return total / count, count


def export(net, cfg, model, out, enc_depth, fixture_pieces, enc):
    os.makedirs(out, exist_ok=True)
    H = cfg["hidden"]
    tensors = []
    sd = {k: v.detach().double().numpy() for k, v in net.state_dict().items()}
    for l in range(cfg["layers"]):
        w_ih, w_hh = sd[f"lstm.weight_ih_l{l}"], sd[f"lstm.weight_hh_l{l}"]
        b = sd[f"lstm.bias_ih_l{l}"] + sd[f"lstm.bias_hh_l{l}"]

        def reorder(m):  # PyTorch gates i, f, g, o -> TF BasicLSTMCell i, j(=g), f, o
            i, f, g, o = np.split(m, 4, axis=0)
            return np.concatenate([i, g, f, o], axis=0)

        kernel = np.concatenate([reorder(w_ih), reorder(w_hh)], axis=1).T  # [in + H, 4H]
        bias = reorder(b)
        bias[2 * H:3 * H] -= 1.0  # Magenta adds forget bias 1.0 at run time
        tensors.append((f"rnn/multi_rnn_cell/cell_{l}/basic_lstm_cell/kernel", kernel))
        tensors.append((f"rnn/multi_rnn_cell/cell_{l}/basic_lstm_cell/bias", bias))
    tensors.append(("fully_connected/weights", sd["fc.weight"].T))
    tensors.append(("fully_connected/biases", sd["fc.bias"]))

    # Shards of at most 1 MiB-ish groups (each shard file < 4 MB): one shard per tensor group of <= 3.5 MB.
    groups, cur, cur_bytes = [], [], 0
    for name, arr in tensors:
        nbytes = arr.size * 4
        if cur and cur_bytes + nbytes > 3_500_000:
            groups.append(cur)
            cur, cur_bytes = [], 0
        cur.append((name, arr))
        cur_bytes += nbytes
    groups.append(cur)
    for f in os.listdir(out):
        if f.startswith("group1-shard"):
            os.remove(os.path.join(out, f))
    manifest = []
    for gi, group in enumerate(groups):
        fname = f"group1-shard{gi + 1}of{len(groups)}"
        with open(os.path.join(out, fname), "wb") as f:
            for _, arr in group:
                f.write(np.ascontiguousarray(arr, dtype="<f4").tobytes())
        manifest.append({"paths": [fname], "weights": [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in group]})
    # Magenta's Python MusicRNN also ships a weights_manifest.json as a list of groups.
    with open(os.path.join(out, "weights_manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    config = {"type": "MusicRNN", "dataConverter": {"type": "MelodyConverter", "args": {"minPitch": MIN_PITCH, "maxPitch": MAX_PITCH}}}
    if enc is not None:
        config["chordEncoder"] = "PitchChordEncoder"
    if cfg.get("meter"):
        # Not a Magenta field (its MusicRNN ignores it): our samplers add the meter controls after the chord ones.
        config["meterEncoder"] = "MotifMeterEncoder"
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")

    # Fixture: logits of the exported float32 weights, computed by PyTorch (float64 maths on the float32 values).
    net64 = Net(net.lstm.input_size, H, cfg["layers"], 0.0).double()
    net64.load_state_dict({k: v.detach().float().double() for k, v in net.state_dict().items()})
    net64.eval()
    cases = []
    for p in fixture_pieces:
        ev, ch = piece_arrays(p, enc, cfg.get("meter", False))
        ev, ch = ev[:33], (ch[:33] if ch is not None else None)
        x, _ = make_inputs(ev, ch)
        with torch.no_grad():
            logits = net64(x.unsqueeze(0).double())[0].numpy()
        case = {"id": p["id"], "events": [int(e) for e in ev[:-1]], "logits": [[round(float(v), 9) for v in row] for row in logits]}
        if enc is not None:
            case["chordEncodings"] = [[int(v) for v in row[:CHORD_DEPTH]] for row in ch[1:]]
            case["chordSymbolIndices"] = [int(i) for i in p["chords"][1:33]]
        if cfg.get("meter") and "barPosition" in p:
            case["meterSteps"] = [[int(c), int(q)] for c, q in zip(p["meterClass"][1:33], p["barPosition"][1:33])]
        cases.append(case)
    return cases


def write_metrics(args, metrics):
    """Writes a run's metrics (--metrics, or <out>/../<name>.training.json) and prints them without the loss log."""
    with open(args.metrics or os.path.join(args.out, "..", f"{os.path.basename(args.out)}.training.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    print(json.dumps({k: v for k, v in metrics.items() if k != "log"}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=sorted(CONFIGS), required=True)
    ap.add_argument("--out", help="checkpoint folder (omit: no export)")
    ap.add_argument("--steps", type=int, help="override the number of steps")
    ap.add_argument("--stop-after", type=int, help="stop after this many steps, keeping the full run's schedule (repro test)")
    ap.add_argument("--print-losses", action="store_true", help="print each step's loss as JSON lines")
    ap.add_argument("--fixture", help="where to write the logits fixture json")
    ap.add_argument("--metrics", help="where to write training metrics json")
    args = ap.parse_args()
    cfg = dict(CONFIGS[args.model])
    if args.steps is not None:
        cfg["steps"] = args.steps

    random.seed(cfg["seed"])
    np.random.seed(cfg["seed"])
    torch.manual_seed(cfg["seed"])
    rng = np.random.default_rng(cfg["seed"])

    data, enc = load(cfg.get("data", args.model))
    meter = cfg.get("meter", False)
    pieces = data["pieces"]
    train = [p for p in pieces if p["split"] == "train"]
    valid = [p for p in pieces if p["split"] == "valid"]
    test = [p for p in pieces if p["split"] == "test"]
    in_size = VOCAB + (CHORD_DEPTH if enc is not None else 0) + (METER_DEPTH if meter else 0)
    net = Net(in_size, cfg["hidden"], cfg["layers"], cfg["dropout"])
    opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    batches = batch_sampler(train, enc, cfg, rng)

    t0 = time.time()
    best = (math.inf, None, -1)
    log = []
    last_step = min(cfg["steps"], args.stop_after) if args.stop_after else cfg["steps"]
    for step in range(1, last_step + 1):
        lr = cfg["lr_min"] + 0.5 * (cfg["lr"] - cfg["lr_min"]) * (1 + math.cos(math.pi * (step - 1) / max(1, cfg["steps"])))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = next(batches)
        logits = net(x)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB), y.reshape(-1), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), cfg["clip"])
        opt.step()
        if args.print_losses:
            print(json.dumps({"step": step, "loss": float(loss)}), flush=True)
        if step % 50 == 0:
            log.append({"step": step, "loss": float(loss), "seconds": round(time.time() - t0, 1)})
            print(f"step {step} loss {float(loss):.4f} lr {lr:.5f} {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
        if args.out and (step % cfg["eval_every"] == 0 or step == cfg["steps"]):
            v, _ = nll_per_step(net, valid, enc, meter)
            print(f"  valid nll {v:.4f}", file=sys.stderr, flush=True)
            log.append({"step": step, "valid_nll": v})
            if v < best[0]:
                best = (v, {k: t.clone() for k, t in net.state_dict().items()}, step)
    train_seconds = time.time() - t0
    if not args.out:
        return
    net.load_state_dict(best[1])
    test_nll, test_steps = nll_per_step(net, test, enc, meter)
    valid_nll, _ = nll_per_step(net, valid, enc, meter)
    fixture_pieces = test[:2]
    cases = export(net, cfg, args.model, args.out, in_size, fixture_pieces, enc)
    fixture = {"model": args.model, "tolerance": 1e-5, "cases": cases}
    with open(args.fixture or os.path.join(args.out, "..", f"{os.path.basename(args.out)}.fixture.json"), "w") as f:
        json.dump(fixture, f)
    metrics = {
        "model": args.model, "config": cfg, "torch": torch.__version__, "threads": torch.get_num_threads(),
        "train_seconds": round(train_seconds, 1), "best_step": best[2], "valid_nll": valid_nll, "test_nll": test_nll,
        "test_steps": test_steps, "data_digest": data["dataDigest"],
        "train_pieces": len(train), "valid_pieces": len(valid), "test_pieces": len(test),
        "parameters": sum(p.numel() for p in net.parameters()), "log": log,
    }
    write_metrics(args, metrics)


if __name__ == "__main__":
    main()
