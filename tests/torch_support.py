"""Helpers shared by the tests that check reference solutions against PyTorch (CPU, float64)."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def load_solution(folder: Path, exercise: str) -> dict:
    """Execute `folder/exercise/solution.py` (not as __main__) and return its namespace."""
    path = folder / exercise / "solution.py"
    namespace: dict = {"__name__": f"solution_{exercise}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def he_params(sizes, seed, bias_std=0.3) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(W, b)] for layer sizes, He-initialised weights (n_in, n_out) and normal biases."""
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), rng.normal(0.0, bias_std, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def linear(W: np.ndarray, b: np.ndarray):
    """An nn.Linear (float64) holding the course's (n_in, n_out) weights (torch stores W.T)."""
    import torch

    layer = torch.nn.Linear(W.shape[0], W.shape[1]).double()
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(W.T.copy()))
        layer.bias.copy_(torch.from_numpy(b.copy()))
    return layer


def sequential(params, activation):
    """nn.Sequential of the course's layers with `activation()` between them, linear output."""
    import torch

    modules = []
    for i, (W, b) in enumerate(params):
        modules.append(linear(W, b))
        if i < len(params) - 1:
            modules.append(activation())
    return torch.nn.Sequential(*modules)
