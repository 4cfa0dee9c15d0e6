import numpy as np

from grader.live import LossCurve  # a loss curve drawn under the editor while Run trains

live_curve = None  # the demo at the bottom sets it; train_mlp adds each epoch's loss to it


# ---- Given: the helpers of pages 4-7, working (the exercise is the loop that uses them) ----


def init_mlp(layer_sizes, seed=0):
    """Page 4: He-normal weights W (n_in, n_out) with std sqrt(2 / n_in), zero biases."""
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])
    ]


def mlp_forward(X, params):
    """Page 5: ReLU after every layer but the last; returns (logits, cache of (A_in, Z))."""
    cache = []
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def cross_entropy_loss(logits, labels):
    """Page 6: mean over the batch of -log softmax(logits)[label], computed stably."""
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-np.mean(log_probs[np.arange(len(labels)), labels]))


def softmax_ce_grad(logits, labels):
    """Page 7: gradient of the mean cross-entropy with respect to the logits, (N, K)."""
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)


def mlp_backward(dout, cache, params):
    """Page 7: [(dW, db), ...] for every layer, given dout = dLoss/dlogits."""
    grads = [None] * len(params)
    dA = dout
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else np.where(Z > 0, dA, 0.0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return grads


def make_spirals(n, seed=0):
    """Two interleaved spirals, n points each: X (2n, 2), labels y (2n,) in {0, 1}."""
    rng = np.random.default_rng(seed)
    t = (np.arange(n) + 0.5) / n  # position along the arm, 0 to 1
    radius = 0.1 + 0.9 * t
    X = np.empty((2 * n, 2))
    y = np.empty(2 * n, dtype=np.int64)
    for k in range(2):
        angle = 3.0 * np.pi * t + k * np.pi  # 1.5 turns; arm 1 is arm 0 turned by 180 degrees
        X[k * n : (k + 1) * n, 0] = radius * np.cos(angle)
        X[k * n : (k + 1) * n, 1] = radius * np.sin(angle)
        y[k * n : (k + 1) * n] = k
    return X + rng.normal(0.0, 0.04, size=X.shape), y


# ---- Paste your minibatches and accuracy from the first two exercises ----


def minibatches(X, y, batch_size, rng=None):
    """Yield (Xb, yb) covering every sample once; shuffled by rng.permutation(N) if rng is given."""
    raise NotImplementedError("paste your minibatches from the first exercise of the page")


def accuracy(logits, labels):
    """Fraction of rows whose argmax is the label (only the demo below uses it)."""
    raise NotImplementedError("paste your accuracy from the second exercise of the page")


# ---- The exercise ----


def train_mlp(X, y, layer_sizes, epochs, batch_size, lr, seed=0):
    """Train a classifier with mini-batch SGD on the mean cross-entropy.

    Returns (params, history): the trained [(W, b), ...] and the mean batch loss of each epoch.
    """
    params = init_mlp(layer_sizes, seed)
    history = []
    # TODO: create the generator that shuffles the data: np.random.default_rng(seed), once.
    for epoch in range(epochs):
        # TODO: one pass over the data in shuffled mini-batches. For each batch (Xb, yb):
        #   forward (keep the cache) -> loss of the batch -> gradient w.r.t. the logits
        #   -> backward -> update every layer: W - lr * dW and b - lr * db.
        # TODO: append the mean of this epoch's batch losses to history (a Python float).
        if live_curve is not None and history:
            live_curve.add(history[-1])  # the live curve under the editor (when you press Run)
    return params, history


if __name__ == "__main__":  # Run (not Check): the page's full training run on the spirals
    X, y = make_spirals(100, seed=0)
    live_curve = LossCurve("mean training loss per epoch")
    params, history = train_mlp(X, y, [2, 32, 32, 2], epochs=150, batch_size=20, lr=0.2, seed=0)
    if not history:
        print("history is empty: write the training loop first")
    else:
        logits, _ = mlp_forward(X, params)
        print(f"epoch   1: mean loss {history[0]:.3f}")
        print(f"epoch {len(history)}: mean loss {history[-1]:.3f}")
        try:
            print(f"training accuracy: {accuracy(logits, y):.1%}")
        except NotImplementedError:
            print("(paste your accuracy from the second exercise to see the training accuracy)")
