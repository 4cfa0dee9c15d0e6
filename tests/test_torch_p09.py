"""Page 9 reference solutions against PyTorch (CPU): mini-batches against a DataLoader, accuracy,
and train_mlp against the same loop written with nn.Sequential, F.cross_entropy and
torch.optim.SGD, started from the same weights and fed the same batches."""

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

PAGE = Path(__file__).resolve().parents[1] / "exercises" / "09-training-loop"


def _solution(exercise: str) -> dict:
    """Execute an exercise's solution.py (not as __main__: no demo run) and return its namespace."""
    path = PAGE / exercise / "solution.py"
    namespace: dict = {"__name__": f"solution_{exercise}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


TRAIN = _solution("train_mlp")


def _sequential(params) -> "nn.Sequential":
    """nn.Sequential of Linear + ReLU holding our (W, b) (W transposed: torch is (n_out, n_in))."""
    layers = []
    for i, (W, b) in enumerate(params):
        lin = nn.Linear(*W.shape).double()
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b))
        layers.append(lin)
        if i < len(params) - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def _torch_run(X, y, sizes, epochs, batch_size, lr, seed):
    """The recipe of train_mlp in PyTorch: same init, same permutations, autograd and SGD."""
    model = _sequential(TRAIN["init_mlp"](sizes, seed))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    rng = np.random.default_rng(seed)
    history = []
    for _ in range(epochs):
        perm = torch.from_numpy(rng.permutation(len(X)))
        losses = []
        for start in range(0, len(X), batch_size):
            idx = perm[start : start + batch_size]
            loss = F.cross_entropy(model(Xt[idx]), yt[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(float(np.mean(losses)))
    linears = [m for m in model if isinstance(m, nn.Linear)]
    params = [(lin.weight.detach().numpy().T, lin.bias.detach().numpy()) for lin in linears]
    return params, history


@pytest.mark.parametrize(
    "epochs,batch_size,sizes",
    [(1, 20, [2, 32, 32, 2]), (3, 32, [2, 32, 32, 2]), (2, 200, [2, 16, 2]), (2, 1, [2, 8, 2])],
)
def test_train_mlp_matches_a_torch_loop_from_the_same_weights(epochs, batch_size, sizes):
    torch.set_num_threads(1)
    X, y = TRAIN["make_spirals"](100, seed=0)
    if batch_size == 1:
        X, y = X[::10], y[::10]  # 20 samples, 20 steps per epoch
    params, history = TRAIN["train_mlp"](X, y, sizes, epochs, batch_size, 0.2, seed=0)
    ref_params, ref_history = _torch_run(X, y, sizes, epochs, batch_size, 0.2, seed=0)
    np.testing.assert_allclose(history, ref_history, rtol=1e-10, atol=1e-12)
    for (W, b), (tW, tb) in zip(params, ref_params):
        np.testing.assert_allclose(W, tW, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(b, tb, rtol=1e-9, atol=1e-12)


def test_the_page_budget_reaches_90_percent_like_torch():
    torch.set_num_threads(1)
    X, y = TRAIN["make_spirals"](100, seed=0)
    params, history = TRAIN["train_mlp"](X, y, [2, 32, 32, 2], 150, 20, 0.2, seed=0)
    acc = TRAIN["accuracy"](TRAIN["mlp_forward"](X, params)[0], y)
    assert acc >= 0.9, acc
    with torch.no_grad():
        logits = _sequential(params)(torch.from_numpy(X))
    torch_acc = float((logits.argmax(dim=1) == torch.from_numpy(y)).double().mean())
    assert torch_acc == acc
    assert history[-1] < 0.1 < history[0]


def test_loss_and_gradient_helpers_match_autograd():
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(7, 4)) * 3.0
    labels = rng.integers(0, 4, size=7).astype(np.int64)
    t = torch.from_numpy(logits).requires_grad_(True)
    loss = F.cross_entropy(t, torch.from_numpy(labels))
    loss.backward()
    assert TRAIN["cross_entropy_loss"](logits, labels) == pytest.approx(loss.item(), rel=1e-12)
    np.testing.assert_allclose(TRAIN["softmax_ce_grad"](logits, labels), t.grad.numpy(), rtol=1e-10)


@pytest.mark.parametrize("N,B", [(10, 4), (13, 5), (8, 8), (3, 10), (7, 1)])
def test_minibatches_matches_a_dataloader_with_the_same_order(N, B):
    minibatches = _solution("minibatches")["minibatches"]
    X = np.arange(3 * N, dtype=float).reshape(N, 3)
    y = np.arange(N, dtype=np.int64)
    order = np.random.default_rng(N + B).permutation(N)
    ours = list(minibatches(X, y, B, np.random.default_rng(N + B)))
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.from_numpy(X), torch.from_numpy(y)),
        batch_size=B,
        sampler=order.tolist(),  # drop_last=False by default: the last batch may be smaller
    )
    theirs = list(loader)
    assert len(ours) == len(theirs) == -(-N // B)
    for (Xb, yb), (tXb, tyb) in zip(ours, theirs):
        np.testing.assert_array_equal(Xb, tXb.numpy())
        np.testing.assert_array_equal(yb, tyb.numpy())
    in_order = list(minibatches(X, y, B))
    unshuffled = list(torch.utils.data.DataLoader(torch.from_numpy(y), batch_size=B))
    assert [b.tolist() for _, b in in_order] == [b.tolist() for b in unshuffled]


def test_accuracy_matches_torch():
    accuracy = _solution("accuracy")["accuracy"]
    rng = np.random.default_rng(4)
    for n, k in ((1, 3), (5, 5), (64, 10)):
        logits = rng.normal(size=(n, k))
        labels = rng.integers(0, k, size=n).astype(np.int64)
        t = torch.from_numpy(logits)
        expected = (t.argmax(dim=1) == torch.from_numpy(labels)).double().mean().item()
        assert accuracy(logits, labels) == pytest.approx(expected, abs=0)
