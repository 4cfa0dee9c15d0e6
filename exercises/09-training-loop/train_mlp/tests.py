"""Hidden tests for train_mlp: small problems and few epochs, so they are quick in the browser."""

import math

import numpy as np

from grader.testing import (
    as_trusted_number,
    expect_can_overfit,
    expect_initial_loss,
    expect_true,
    expect_tuple,
    expect_value,
    last_call,
    test_case,
)

# ---------------------------------------------------------------- the tests' own reference


def _init(sizes, seed):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def _forward(X, params):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def _loss_and_grad(logits, labels):
    n = len(labels)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    grad = np.exp(log_p)
    grad[np.arange(n), labels] -= 1.0
    return -math.fsum(log_p[np.arange(n), labels]) / n, grad / n


def _backward(dout, cache, params):
    grads, dA = [None] * len(params), dout
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else np.where(Z > 0, dA, 0.0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return grads


def _orders(N, epochs, seed, how):
    """The sample order of each epoch: the page's recipe, or a usual mistake."""
    if how == "no shuffle":
        return [np.arange(N)] * epochs
    if how == "rng made every epoch":
        return [np.random.default_rng(seed).permutation(N) for _ in range(epochs)]
    rng = np.random.default_rng(seed)
    return [rng.permutation(N) for _ in range(epochs)]


def _reference(X, y, sizes, epochs, batch_size, lr, seed, *, how="recipe", mean="batches"):
    """(params, history) of the page's recipe; `how`/`mean` replay usual mistakes."""
    params = _init(sizes, seed)
    history = []
    for order in _orders(len(X), epochs, seed, how):
        losses, sizes_b = [], []
        stop = len(X) - len(X) % batch_size if how == "drops last batch" else len(X)
        for start in range(0, stop, batch_size):
            idx = order[start : min(start + batch_size, stop)]
            logits, cache = _forward(X[idx], params)
            loss, dlogits = _loss_and_grad(logits, y[idx])
            losses.append(loss)
            sizes_b.append(len(idx))
            grads = _backward(dlogits, cache, params)
            params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
        if mean == "samples":
            history.append(math.fsum(v * n for v, n in zip(losses, sizes_b)) / sum(sizes_b))
        elif mean == "last batch":
            history.append(losses[-1])
        elif mean == "sum":
            history.append(math.fsum(losses))
        else:
            history.append(math.fsum(losses) / len(losses))
    return params, history


def _blobs(n_per_class, k, seed, spread=0.35, scale=1.0):
    """k Gaussian blobs on a circle of radius `scale`, sorted by class; y is int64."""
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(k) / k
    centres = scale * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    X = np.concatenate(
        [c + spread * scale * rng.standard_normal((n_per_class, 2)) for c in centres]
    )
    y = np.repeat(np.arange(k, dtype=np.int64), n_per_class)
    return X, y


# ---------------------------------------------------------------- calling the student


def _train(student, X, y, sizes, epochs, batch_size, lr, seed=0):
    """Call train_mlp; check it returns (params, history) of the right form; return both."""
    result = student.train_mlp(X, y, sizes, epochs, batch_size, lr, seed)
    call = last_call()
    params, history = expect_tuple(result, 2, name=f"{call} (it returns (params, history))")
    expect_true(
        type(params) in (list, tuple) and len(params) == len(sizes) - 1,
        f"{call}: params must be a list of {len(sizes) - 1} (W, b) pairs, one per layer, "
        f"got {_describe(params)}.",
    )
    for i, layer in enumerate(params):
        W, b = expect_tuple(layer, 2, name=f"{call}: params[{i}] (a (W, b) pair)")
        for name, arr, shape in (("W", W, (sizes[i], sizes[i + 1])), ("b", b, (sizes[i + 1],))):
            expect_true(
                type(arr) is np.ndarray and arr.shape == shape,
                f"{call}: params[{i}]'s {name} must be an array of shape {shape}, got "
                f"{_describe(arr)}.",
            )
    if type(history) is np.ndarray:
        history = history.tolist()
    expect_true(
        type(history) in (list, tuple),
        f"{call}: history must be a list with one mean loss per epoch, got {_describe(history)}.",
    )
    expect_true(
        len(history) == epochs,
        f"{call}: history must hold one number per epoch ({epochs} epochs), got "
        f"{len(history)} numbers. Append the mean of the epoch's batch losses once per epoch, "
        "after its last batch (not one loss per batch).",
    )
    values = [as_trusted_number(h, name=f"{call}: history[{i}]") for i, h in enumerate(history)]
    expect_true(
        all(math.isfinite(v) for v in values),
        f"{call}: history must hold finite losses, got {_fmt(values)} (a nan or inf loss "
        "means the training diverged or a log of 0 was taken).",
    )
    return params, values


def _describe(value):
    if type(value) is np.ndarray:
        return f"an array of shape {value.shape}"
    if type(value) in (list, tuple):
        return f"a {type(value).__name__} of {len(value)} items"
    return f"a {type(value).__name__}"


def _close(a, b, rtol=1e-6):
    return len(a) == len(b) and all(abs(u - v) <= 1e-9 + rtol * abs(v) for u, v in zip(a, b))


def _fmt(values):
    return "[" + ", ".join(f"{v:.6f}" for v in values) + "]"


# ---------------------------------------------------------------- the tests


@test_case(points=2)
def full_batch_matches_reference(student):
    """batch_size = N (one batch per epoch): history and weights match plain gradient descent."""
    X, y = _blobs(8, 3, seed=901)  # 24 samples, 3 classes
    sizes, epochs, lr = [2, 6, 3], 4, 0.5
    params, history = _train(student, X, y, sizes, epochs, 24, lr, seed=3)
    ref_params, ref_history = _reference(X, y, sizes, epochs, 24, lr, 3)
    call = last_call()
    hint = ""
    if history and _close(history[:-1], ref_history[1:]):
        hint = " Your history is one epoch ahead: record each batch's loss before its update."
    elif history and abs(history[0] - ref_history[0]) > 1e-6 * abs(ref_history[0]):
        hint = (
            " Epoch 0 already differs: its loss is the loss of the untrained network, so check "
            "that params start as init_mlp(layer_sizes, seed) and that the loss is computed "
            "before the update."
        )
    elif history and not _close(history, ref_history):
        hint = (
            " Epoch 0 is right, so the update is wrong: every W and b must become "
            "W - lr * dW and b - lr * db with the gradients of this batch (the bias too, and "
            "minus, since the gradient points uphill)."
        )
    expect_true(
        _close(history, ref_history),
        f"{call}: with one batch per epoch training is plain gradient descent, so history "
        f"must be {_fmt(ref_history)}, got {_fmt(history)}.{hint}",
    )
    for i, ((W, b), (rW, rb)) in enumerate(zip(params, ref_params)):
        expect_value(W, rW, name=f"{call}: the returned params[{i}] W")
        expect_value(b, rb, name=f"{call}: the returned params[{i}] b")


@test_case(points=3)
def minibatch_run_is_replayed(student):
    """Mini-batches of 8 in the order of rng.permutation(N), rng = default_rng(seed) made once."""
    X, y = _blobs(8, 3, seed=902)  # 24 samples, sorted by class
    sizes, epochs, bs, lr = [2, 6, 3], 3, 8, 0.5
    _, history = _train(student, X, y, sizes, epochs, bs, lr, seed=5)
    call = last_call()
    _, ref = _reference(X, y, sizes, epochs, bs, lr, 5)
    if _close(history, ref):
        return
    mistakes = [
        ("no shuffle", "batches", "you never shuffle: pass rng to minibatches every epoch"),
        (
            "rng made every epoch",
            "batches",
            "every epoch uses the same order: create rng = np.random.default_rng(seed) once, "
            "before the epoch loop, not inside it",
        ),
        ("recipe", "last batch", "history holds the last batch's loss, not the epoch's mean"),
        ("recipe", "sum", "history holds the sum of the batch losses: divide by their number"),
    ]
    hint = ""
    for how, mean, why in mistakes:
        if _close(history, _reference(X, y, sizes, epochs, bs, lr, 5, how=how, mean=mean)[1]):
            hint = f" Diagnosis: {why}."
            break
    raise AssertionError(
        f"{call}: the tests replay the page's recipe (params = init_mlp(layer_sizes, seed), "
        "rng = np.random.default_rng(seed) made once, each epoch the batches of "
        "minibatches(X, y, batch_size, rng), history[e] = the mean of epoch e's batch losses) "
        f"and expected history {_fmt(ref)}, got {_fmt(history)}.{hint}"
    )


@test_case(points=1)
def ragged_last_batch(student):
    """N = 26 with batches of 8: the last batch of 2 samples is trained on too."""
    X, y = _blobs(9, 3, seed=903)
    X, y = X[:26], y[:26]
    sizes, epochs, bs, lr = [2, 5, 3], 3, 8, 0.4
    _, history = _train(student, X, y, sizes, epochs, bs, lr, seed=2)
    call = last_call()
    ok = [_reference(X, y, sizes, epochs, bs, lr, 2, mean=m)[1] for m in ("batches", "samples")]
    if any(_close(history, r) for r in ok):
        return
    dropped = _reference(X, y, sizes, epochs, bs, lr, 2, how="drops last batch")[1]
    hint = ""
    if _close(history, dropped):
        hint = (
            " Diagnosis: your run matches one that skips the last, smaller batch of 2 samples "
            "each epoch. Every sample must be used once per epoch."
        )
    raise AssertionError(
        f"{call}: 26 samples in batches of 8 make 4 batches per epoch (8, 8, 8, 2); expected "
        f"history {_fmt(ok[0])} (or, averaged per sample, {_fmt(ok[1])}), got "
        f"{_fmt(history)}.{hint}"
    )


@test_case(points=1)
def initial_loss_is_about_ln_k(student):
    """With lr = 0 nothing learns, so history[0] is the loss of the untrained net: about ln 3."""
    X, y = _blobs(10, 3, seed=904, scale=0.3)  # small inputs: logits near 0 at the start
    params, history = _train(student, X, y, [2, 16, 3], 2, 10, 0.0, seed=1)
    call = last_call()
    expect_initial_loss(history[0], 3, name=f"history[0] of {call}")
    _, ref = _reference(X, y, [2, 16, 3], 2, 10, 0.0, 1)
    expect_true(
        _close(history, ref),
        f"{call}: with lr = 0 the weights never change, so every epoch's mean loss is the "
        f"untrained network's loss on all 30 samples, {ref[0]:.6f}; got {_fmt(history)}.",
    )
    for i, ((W, _), (rW, _)) in enumerate(zip(params, _init([2, 16, 3], 1))):
        expect_value(W, rW, name=f"{call}: params[{i}] W (lr = 0 must leave init_mlp's weights)")


@test_case(points=1)
def deterministic_by_seed(student):
    """The same seed gives the same run twice; another seed gives another run."""
    X, y = _blobs(6, 2, seed=905)
    args = (X, y, [2, 8, 2], 3, 4, 0.3)
    _, first = _train(student, *args, seed=7)
    _, again = _train(student, *args, seed=7)
    call = last_call()
    expect_true(
        first == again,
        f"{call} gave {_fmt(first)} the first time and {_fmt(again)} the second: with the same "
        "seed a run must repeat exactly. Use only np.random.default_rng(seed) (and "
        "init_mlp(layer_sizes, seed)), never np.random.* functions or an unseeded generator.",
    )
    _, other = _train(student, *args, seed=8)
    expect_true(
        not _close(first, other, rtol=1e-12),
        f"{last_call()} gave the same history as seed=7, {_fmt(first)}: the seed must "
        "decide the initial weights and the shuffling.",
    )


@test_case(points=1)
def learns_three_blobs(student):
    """Three blobs, 20 epochs of batches of 10: the loss falls and training accuracy >= 95%."""
    X, y = _blobs(20, 3, seed=906)  # 60 samples
    params, history = _train(student, X, y, [2, 16, 3], 20, 10, 0.3, seed=0)
    call = last_call()
    expect_true(
        history[-1] < 0.5 * history[0],
        f"{call}: the mean loss should fall to less than half of epoch 0's {history[0]:.4f} on "
        f"this easy problem, but history ends at {history[-1]:.4f}. Is every layer updated with "
        "W - lr * dW (minus: the gradient points uphill)?",
    )
    logits, _ = _forward(X, [(np.asarray(W, float), np.asarray(b, float)) for W, b in params])
    acc = float(np.mean(np.argmax(logits, axis=1) == y))
    expect_true(
        acc >= 0.95,
        f"{call}: the returned params classify only {acc:.0%} of the 60 training samples "
        "correctly, expected at least 95%. Return the trained params, not the initial ones.",
    )


@test_case(points=1)
def can_overfit_a_tiny_batch(student):
    """Eight points with random labels, one batch: the loss goes to about 0 (memorised)."""
    rng = np.random.default_rng(907)
    X = rng.standard_normal((8, 2))
    y = rng.integers(0, 3, size=8).astype(np.int64)
    params, history = _train(student, X, y, [2, 32, 3], 150, 8, 0.5, seed=0)
    expect_can_overfit(history, below=0.05, name=f"history of {last_call()}")
