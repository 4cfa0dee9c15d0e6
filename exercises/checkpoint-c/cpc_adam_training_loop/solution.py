import numpy as np

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8  # Adam's defaults, as in torch.optim.Adam


def train_adam(X, y, params, loss_and_grads, epochs, batch_size, lr=0.01, seed=0):
    """Train `params` with mini-batch Adam on `loss_and_grads`; return (params, losses).

    params: [(W, b), ...]; loss_and_grads(Xb, yb, params) -> (loss, grads of the same
    structure). losses: the loss of every step, taken before that step's update.
    """
    rng = np.random.default_rng(seed)  # once: each epoch draws a new permutation from it
    m = [[np.zeros_like(p) for p in layer] for layer in params]  # first moments
    v = [[np.zeros_like(p) for p in layer] for layer in params]  # second moments
    t = 0  # Adam's step counter runs across epochs
    losses = []
    N = len(X)
    for _ in range(epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start : start + batch_size]  # the last batch may be smaller
            loss, grads = loss_and_grads(X[idx], y[idx], params)
            losses.append(float(loss))  # before this step's update
            t += 1
            new_params = []
            for k, (layer, layer_grads) in enumerate(zip(params, grads)):
                new_layer = []
                for j, (p, g) in enumerate(zip(layer, layer_grads)):
                    m[k][j] = BETA1 * m[k][j] + (1 - BETA1) * g
                    v[k][j] = BETA2 * v[k][j] + (1 - BETA2) * g * g
                    m_hat = m[k][j] / (1 - BETA1**t)  # bias correction: both started at 0
                    v_hat = v[k][j] / (1 - BETA2**t)
                    new_layer.append(p - lr * m_hat / (np.sqrt(v_hat) + EPS))  # a new array
                new_params.append(tuple(new_layer))
            params = new_params
    return params, losses


# ---- For Run only: your loss_and_grads from C.1 (Check brings its own models) ----
# Paste your C.1 function in place of this placeholder. In the notebook, C.1's cell has
# defined it already, and the placeholder is skipped.
if "loss_and_grads" not in globals():

    def loss_and_grads(X, y, params):
        raise NotImplementedError("paste your loss_and_grads from C.1 here to run the demo")


def make_arms(n, seed=0):
    """Three interleaved spiral arms of n points each: X (3n, 2), labels y (3n,) in {0, 1, 2}."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.15, 1.0, n)
    X = np.concatenate(
        [
            np.stack([t * np.cos(4 * t + 2.1 * k), t * np.sin(4 * t + 2.1 * k)], axis=1)
            for k in range(3)
        ]
    )
    y = np.repeat(np.arange(3), n)
    return X + rng.normal(0.0, 0.03, size=X.shape), y


if __name__ == "__main__":  # Run (not Check): train the tanh network of C.1 on three arms
    try:
        from grader.live import LossCurve  # a curve drawn under the editor while Run trains
    except ImportError:
        LossCurve = None
    curve = LossCurve("training loss per step") if LossCurve is not None else None

    def traced(Xb, yb, params):
        """Your loss_and_grads, adding every step's loss to the live curve."""
        loss, grads = loss_and_grads(Xb, yb, params)
        if curve is not None:
            curve.add(float(loss))
        return loss, grads

    X, y = make_arms(60)
    rng = np.random.default_rng(1)
    start = [
        (rng.normal(0.0, 1.0, size=(2, 32)), np.zeros(32)),
        (rng.normal(0.0, 0.05, size=(32, 3)), np.zeros(3)),  # small: the first loss is ~ ln 3
    ]
    try:
        params, losses = train_adam(X, y, start, traced, epochs=100, batch_size=30, lr=0.02)
    except NotImplementedError as exc:
        print(exc)
    else:
        if not losses:
            raise SystemExit("train_adam returned no losses: write the loop first")
        (W1, b1), (W2, b2) = params
        predictions = np.argmax(np.tanh(X @ W1 + b1) @ W2 + b2, axis=1)
        print(f"{len(losses)} Adam steps; first loss {losses[0]:.3f} (ln 3 = {np.log(3):.3f})")
        print(f"last epoch's mean loss {np.mean(losses[-6:]):.3f}")
        print(f"training accuracy {np.mean(predictions == y):.1%}")
