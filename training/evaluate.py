#!/usr/bin/python3
"""Held-out NLL of a shipped Magenta MusicRNN checkpoint, read back from its TF.js files (not from PyTorch state).

Implements TF's BasicLSTMCell exactly as tfjs' basicLSTMCell does (gates i, j, f, o; forget bias +1.0) in float64,
over the test split in training/cache/<model>.json, and writes the overall and per-piece NLL, so the TS bench can
cross-check tfjs on a subset of pieces.

  /usr/bin/python3 training/evaluate.py --model melody --checkpoint public/models/<id> --out training/runs/<id>.eval.json
"""
import argparse
import json
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from train import meter_encoding  # first: it pins the BLAS threads and kernels before torch loads

import numpy as np
import torch

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


def load_checkpoint(folder):
    with open(os.path.join(folder, "weights_manifest.json")) as f:
        manifest = json.load(f)
    weights = {}
    for group in manifest:
        buf = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            n = int(np.prod(w["shape"]))
            weights[w["name"]] = torch.from_numpy(np.frombuffer(buf, dtype="<f4", count=n, offset=off).astype(np.float64).reshape(w["shape"]))
            off += 4 * n
    return weights


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["melody", "chords", "melody-meter", "chords-meter"], required=True)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", default="test")
    args = ap.parse_args()
    data_name = args.model.split("-")[0]
    with open(os.path.join(HERE, "cache", f"{data_name}.json")) as f:
        data = json.load(f)
    with open(os.path.join(args.checkpoint, "config.json")) as f:
        meter = json.load(f).get("meterEncoder") == "MotifMeterEncoder"
    enc = None
    if data_name == "chords":
        enc = np.array([data["chordEncodings"][s] for s in data["chordSymbols"]], dtype=np.float64)
    w = load_checkpoint(args.checkpoint)
    layers = []
    l = 0
    while f"rnn/multi_rnn_cell/cell_{l}/basic_lstm_cell/kernel" in w:
        layers.append((w[f"rnn/multi_rnn_cell/cell_{l}/basic_lstm_cell/kernel"], w[f"rnn/multi_rnn_cell/cell_{l}/basic_lstm_cell/bias"]))
        l += 1
    fc_w, fc_b = w["fully_connected/weights"], w["fully_connected/biases"]
    V = fc_w.shape[1]
    pieces = [p for p in data["pieces"] if p["split"] == args.split and len(p["events"]) >= 2]
    out = []
    total, steps = 0.0, 0
    with torch.no_grad():
        for p in pieces:
            ev = torch.tensor(p["events"], dtype=torch.long)
            x = torch.nn.functional.one_hot(ev[:-1], V).double()
            if meter:  # controls are [chords, meter]: the meter goes in front of the event, after the chords
                x = torch.cat([torch.from_numpy(meter_encoding(p)[1:].astype(np.float64)), x], dim=1)
            if enc is not None:
                ch = torch.from_numpy(enc[np.array(p["chords"], dtype=np.int64)][1:])
                x = torch.cat([ch, x], dim=1)
            T = x.shape[0]
            hs = [torch.zeros(k.shape[1] // 4, dtype=torch.float64) for k, _ in layers]
            cs = [torch.zeros_like(h) for h in hs]
            outs = []
            for t in range(T):
                inp = x[t]
                for li, (k, b) in enumerate(layers):
                    g = torch.cat([inp, hs[li]]) @ k + b
                    i, j, f, o = g.chunk(4)
                    cs[li] = cs[li] * torch.sigmoid(f + 1.0) + torch.sigmoid(i) * torch.tanh(j)
                    hs[li] = torch.tanh(cs[li]) * torch.sigmoid(o)
                    inp = hs[li]
                outs.append(inp)
            logits = torch.stack(outs) @ fc_w + fc_b
            nll = float(torch.nn.functional.cross_entropy(logits, ev[1:], reduction="sum"))
            out.append({"id": p["id"], "nll_sum": nll, "steps": T})
            total += nll
            steps += T
    res = {"model": args.model, "checkpoint": os.path.basename(os.path.normpath(args.checkpoint)), "split": args.split,
           "nll_per_step": total / steps, "steps": steps, "pieces": out}
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps({k: v for k, v in res.items() if k != "pieces"}))


if __name__ == "__main__":
    main()
