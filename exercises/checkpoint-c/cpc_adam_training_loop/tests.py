"""Hidden tests for cpc_adam_training_loop: a mini-batch Adam training loop, by behaviour.

The tests bring their own trusted models (a tanh MLP of any depth, softmax cross-entropy),
so this item is graded independently of C.1.
"""

import math

import numpy as np

from grader.testing import (
    expect_array,
    expect_can_overfit,
    expect_initial_loss,
    expect_scalar,
    expect_true,
    expect_tuple,
    test_case,
)

B1, B2, EPS = 0.9, 0.999, 1e-8


def _model(Xb, yb, params):
    """Trusted loss_and_grads: tanh hidden layers, linear logits, mean cross-entropy."""
    acts = [Xb]
    for W, b in params[:-1]:
        acts.append(np.tanh(acts[-1] @ W + b))
    W, b = params[-1]
    logits = acts[-1] @ W + b
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = len(yb)
    loss = -float(np.mean(logp[np.arange(n), yb]))
    d = np.exp(logp)
    d[np.arange(n), yb] -= 1.0
    d /= n
    grads = [None] * len(params)
    for k in range(len(params) - 1, -1, -1):
        grads[k] = (acts[k].T @ d, d.sum(axis=0))
        if k:
            d = (d @ params[k][0].T) * (1.0 - acts[k] ** 2)
    return loss, grads


def _reference(X, y, params, model, epochs, batch_size, lr, seed, variant=None):
    """The recipe of the prompt; `variant` names a known mistake, for the messages."""
    rng = np.random.default_rng(seed)
    flat = [p for layer in params for p in layer]
    m = [np.zeros_like(p) for p in flat]
    v = [np.zeros_like(p) for p in flat]
    t = 0
    losses = []
    n = len(X)
    for _ in range(epochs):
        if variant == "rng_per_epoch":
            rng = np.random.default_rng(seed)
        if variant == "t_per_epoch":
            t = 0
        order = np.arange(n) if variant == "no_shuffle" else rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            shaped = _shape_like(flat, params)
            loss, grads = model(X[idx], y[idx], shaped)
            if variant != "loss_after":
                losses.append(float(loss))
            t += 1
            g_flat = [g for layer in grads for g in layer]
            for i, g in enumerate(g_flat):
                m[i] = B1 * m[i] + (1 - B1) * g
                v[i] = B2 * v[i] + (1 - B2) * g * g
                if variant == "no_bias_correction":
                    m_hat, v_hat = m[i], v[i]
                else:
                    m_hat, v_hat = m[i] / (1 - B1**t), v[i] / (1 - B2**t)
                flat[i] = flat[i] - lr * m_hat / (np.sqrt(v_hat) + EPS)
            if variant == "loss_after":
                losses.append(float(model(X[idx], y[idx], _shape_like(flat, params))[0]))
    return _shape_like(flat, params), losses


def _shape_like(flat, params):
    out, i = [], 0
    for layer in params:
        out.append(tuple(flat[i : i + len(layer)]))
        i += len(layer)
    return out


def _net(rng, sizes, out_scale=1.0):
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        scale = out_scale if i == len(sizes) - 2 else 1.0
        layers.append((rng.normal(size=(a, b)) * scale / np.sqrt(a), rng.normal(size=b) * 0.1))
    return layers


def _data(rng, n, d, k):
    return rng.normal(size=(n, d)), rng.integers(0, k, size=n).astype(np.int64)


def make_arms(n, seed=0):
    """Three interleaved spiral arms of n points each (the demo's data set)."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.15, 1.0, n)
    arms = [
        np.stack([t * np.cos(4 * t + 2.1 * k), t * np.sin(4 * t + 2.1 * k)], 1) for k in range(3)
    ]
    X = np.concatenate(arms)
    y = np.repeat(np.arange(3), n).astype(np.int64)
    return X + rng.normal(0.0, 0.03, size=X.shape), y


def _run(student, X, y, params, model, epochs, batch_size, lr, seed):
    out = student.train_adam(X, y, params, model, epochs, batch_size, lr=lr, seed=seed)
    params_out, losses = expect_tuple(out, 2, name="train_adam(...), (params, losses)")
    layers = expect_tuple(params_out, len(params), name="params returned by train_adam")
    for k, (layer, given) in enumerate(zip(layers, params)):
        expect_tuple(layer, len(given), name=f"params[{k}] returned by train_adam")
    if type(losses) is not list:
        raise AssertionError(
            f"losses returned by train_adam: expected a list of floats, got "
            f"{type(losses).__name__}."
        )
    steps = epochs * math.ceil(len(X) / batch_size)
    if len(losses) != steps:
        raise AssertionError(
            f"losses: expected one loss per step, {epochs} epoch(s) x ceil({len(X)} / "
            f"{batch_size}) = {steps} values, got {len(losses)}."
        )
    return [tuple(layer) for layer in layers], losses


def _close(got, want, rtol=1e-4, atol=1e-5):
    """True if the student's (params, losses) matches `want` (never raises).

    The tolerance accepts the Adam paper's "efficient" form (epsilon added to sqrt(v) before
    the bias correction), which differs from the recipe by about lr * eps / sqrt(v).
    """
    try:
        g_params, g_losses = got
        w_params, w_losses = want
        if len(g_losses) != len(w_losses):
            return False
        if not np.allclose(np.array(g_losses, dtype=float), w_losses, rtol=rtol, atol=atol):
            return False
        for g_layer, w_layer in zip(g_params, w_params):
            for g, w in zip(g_layer, w_layer):
                if type(g) is not np.ndarray or g.shape != w.shape:
                    return False
                if not np.allclose(g.astype(float), w, rtol=rtol, atol=atol):
                    return False
        return True
    except (TypeError, ValueError):
        return False


MISTAKES = {
    "no_bias_correction": (
        "it matches Adam without bias correction. m and v start at 0, so in the first steps "
        "they are far too small; divide by (1 - beta1**t) and (1 - beta2**t) before the step "
        "(the bias correction)."
    ),
    "t_per_epoch": (
        "it matches Adam whose step counter t restarts at 1 every epoch. t counts every step "
        "since the start of training; with t restarting, the bias correction is applied "
        "again to moments that are no longer small."
    ),
    "rng_per_epoch": (
        "it matches a loop that makes a new generator default_rng(seed) every epoch, so every "
        "epoch uses the same order as epoch 1. Create the generator once, before the first "
        "epoch."
    ),
    "no_shuffle": (
        "it matches a loop that takes the samples in the order 0, 1, 2, ... every epoch. "
        "Shuffle: each epoch's batches come from rng.permutation(N)."
    ),
    "loss_after": (
        "it matches a loop that records each batch's loss after the update. Record the loss "
        "that loss_and_grads returned, before the step: losses[0] is then the loss of the "
        "untrained model."
    ),
}


def _compare(student_result, args, where):
    """Compare with the reference; name a known mistake when the result matches one."""
    want = _reference(*args)
    if _close(student_result, want):
        return
    for variant, why in MISTAKES.items():
        if _close(student_result, _reference(*args, variant=variant)):
            raise AssertionError(f"train_adam {where} differs from the recipe: {why}")
    params, losses = student_result
    for i, (got, expected) in enumerate(zip(losses, want[1])):
        expect_scalar(got, expected, name=f"losses[{i}] {where}", rtol=1e-4, atol=1e-5)
    for k, (g_layer, w_layer) in enumerate(zip(params, want[0])):
        for j, (g, w) in enumerate(zip(g_layer, w_layer)):
            expect_array(
                g, w, name=f"params[{k}][{j}] after training {where}", rtol=1e-4, atol=1e-5
            )


@test_case(points=3)
def replays_the_recipe(student):
    """Three runs (2 and 3 layers, a smaller last batch, a full batch) match the recipe."""
    rng = np.random.default_rng(20)
    X, y = _data(rng, 10, 3, 4)
    cases = [
        ((X, y, _net(rng, [3, 5, 4]), _model, 3, 4, 0.05, 3), "(N = 10, batches of 4, 3 epochs)"),
        ((X[:7], y[:7], _net(rng, [3, 4]), _model, 2, 3, 0.1, 0), "(a linear model, N = 7)"),
        ((X, y, _net(rng, [3, 6, 5, 4]), _model, 4, 10, 0.02, 1), "(3 layers, full batches)"),
    ]
    for args, where in cases:
        got = _run(student, *args)
        _compare(got, args, where)


@test_case(points=2)
def first_step_moves_every_parameter_by_about_lr(student):
    """At t = 1 bias-corrected Adam moves each parameter by lr * g / (|g| + eps), about lr."""
    rng = np.random.default_rng(21)
    X, y = _data(rng, 6, 3, 3)
    params = _net(rng, [3, 4, 3])
    lr = 0.01
    got_params, _ = _run(student, X, y, params, _model, 1, 6, lr, 0)
    _, grads = _model(X, y, params)
    for k, ((W, b), (dW, db)) in enumerate(zip(params, grads)):
        for j, (p, g) in enumerate(((W, dW), (b, db))):
            got = got_params[k][j]
            want = p - lr * g / (np.abs(g) + EPS)
            if type(got) is np.ndarray and got.shape == p.shape:
                step = np.abs(got.astype(float) - p)
                ratio = float(np.median(step)) / lr
                if abs(ratio - 0.1 / math.sqrt(0.001)) < 0.05:
                    raise AssertionError(
                        f"params[{k}][{j}] after one step: every entry moved by about "
                        f"{ratio:.2f} x lr instead of lr. Without bias correction, m = 0.1 g "
                        "and v = 0.001 g**2 after the first step, so the step is "
                        "lr * 0.1 / sqrt(0.001) = 3.16 lr. Divide m by (1 - beta1**t) and v "
                        "by (1 - beta2**t)."
                    )
                if np.allclose(got.astype(float), p + lr * g / (np.abs(g) + EPS)):
                    raise AssertionError(
                        f"params[{k}][{j}] after one step moved uphill, along +gradient: Adam "
                        "subtracts lr * m_hat / (sqrt(v_hat) + eps)."
                    )
            expect_array(
                got, want, name=f"params[{k}][{j}] after one full-batch Adam step", atol=1e-5
            )


@test_case(points=1)
def step_counter_and_moments_carry_over(student):
    """Four full-batch steps in four epochs: t, m and v carry on from epoch to epoch."""
    rng = np.random.default_rng(22)
    X, y = _data(rng, 8, 2, 3)
    args = (X, y, _net(rng, [2, 5, 3]), _model, 4, 8, 0.05, 2)
    _compare(_run(student, *args), args, "(4 epochs of one full batch)")


@test_case(points=1)
def each_epoch_is_a_new_permutation(student):
    """The batches of each epoch cover every sample once, in the order of rng.permutation."""
    n, batch_size, epochs, seed = 10, 4, 3, 7
    X = np.arange(n, dtype=float).reshape(n, 1)  # each sample carries its own index
    y = np.zeros(n, dtype=np.int64)
    seen = []

    def recording_model(Xb, yb, params):
        seen.append([int(round(v)) for v in np.asarray(Xb)[:, 0].tolist()])
        return 0.0, [tuple(np.zeros_like(p) for p in layer) for layer in params]

    params = [(np.zeros((1, 2)), np.zeros(2))]
    _run(student, X, y, params, recording_model, epochs, batch_size, 0.1, seed)
    rng = np.random.default_rng(seed)
    orders = [rng.permutation(n).tolist() for _ in range(epochs)]
    per_epoch = math.ceil(n / batch_size)
    got = [sum(seen[e * per_epoch : (e + 1) * per_epoch], []) for e in range(epochs)]
    for e, order in enumerate(got):
        if sorted(order) != list(range(n)):
            raise AssertionError(
                f"epoch {e + 1} (N = {n}, batches of {batch_size}) gave the samples {order}: "
                "every sample must appear exactly once per epoch."
            )
    if got[0] == list(range(n)):
        raise AssertionError(
            "epoch 1 took the samples in the order 0, 1, 2, ...: shuffle, each epoch's "
            "batches come from rng.permutation(N)."
        )
    if epochs > 1 and got[1] == got[0]:
        raise AssertionError(
            "epoch 2 used the same order as epoch 1: a generator made inside the epoch loop "
            "(or a permutation drawn once) repeats the order. Create the generator "
            "default_rng(seed) once, before the first epoch, and draw rng.permutation(N) at "
            "the start of every epoch."
        )
    for e, (order, want) in enumerate(zip(got, orders)):
        expect_true(
            order == want,
            f"epoch {e + 1} took the samples in the order {order}, expected {want}: the order "
            "of np.random.default_rng(seed).permutation(N), drawn once per epoch from one "
            "generator made before the first epoch.",
        )


@test_case(points=1)
def initial_loss_is_about_ln_k(student):
    """With a small output layer the first recorded loss is about ln 4 (recorded before the update)."""
    rng = np.random.default_rng(23)
    X, y = _data(rng, 40, 5, 4)
    params = _net(rng, [5, 8, 4], out_scale=0.01)
    _, losses = _run(student, X, y, params, _model, 1, 10, 0.01, 0)
    expect_initial_loss(losses[0], 4, name="losses[0], the loss of the first step")
    want = _reference(X, y, params, _model, 1, 10, 0.01, 0)[1]
    expect_scalar(losses[0], want[0], name="losses[0], the loss of the first step")


@test_case(points=2)
def learns_three_spiral_arms(student):
    """90 points on three spiral arms: the loss falls and training accuracy reaches 90 %."""
    X, y = make_arms(30)
    rng = np.random.default_rng(24)
    params = [
        (rng.normal(size=(2, 16)), np.zeros(16)),
        (rng.normal(size=(16, 3)) * 0.1, np.zeros(3)),
    ]
    trained, losses = _run(student, X, y, params, _model, 60, 15, 0.03, 0)
    first, last = float(np.mean(losses[:6])), float(np.mean(losses[-6:]))
    expect_true(
        last < 0.5 * first,
        f"the mean loss of the last epoch ({last:.4f}) should be less than half of the first "
        f"epoch's ({first:.4f}) after 60 epochs of Adam with lr = 0.03.",
    )
    for k, layer in enumerate(trained):
        for j, p in enumerate(layer):
            expect_true(
                type(p) is np.ndarray and p.shape == params[k][j].shape,
                f"params[{k}][{j}] after training: expected an array of shape "
                f"{params[k][j].shape}, like the one given.",
            )
    (W1, b1), (W2, b2) = (tuple(p.astype(float) for p in layer) for layer in trained)
    acc = float(np.mean(np.argmax(np.tanh(X @ W1 + b1) @ W2 + b2, axis=1) == y))
    expect_true(
        acc >= 0.9,
        f"training accuracy on the three arms after 60 epochs: expected at least 90 %, got "
        f"{acc:.1%} (the recipe reaches 100 %).",
    )


@test_case(points=1)
def overfits_a_tiny_batch(student):
    """Five points with random labels, one batch, 150 steps: the loss goes below 0.05."""
    rng = np.random.default_rng(25)
    X, y = _data(rng, 5, 3, 3)
    _, losses = _run(student, X, y, _net(rng, [3, 16, 3]), _model, 150, 5, 0.05, 0)
    expect_can_overfit(losses, below=0.05, name="loss on a tiny batch of 5 points")


@test_case(points=1)
def same_seed_same_run(student):
    """The same seed gives the same run, whatever np.random's global state; another seed differs."""
    rng = np.random.default_rng(26)
    X, y = _data(rng, 12, 3, 3)
    params = _net(rng, [3, 6, 3])
    np.random.seed(100)
    a = _run(student, X, y, params, _model, 3, 4, 0.05, 4)
    np.random.seed(200)
    b = _run(student, X, y, params, _model, 3, 4, 0.05, 4)
    expect_true(
        _close(a, b, rtol=0.0, atol=0.0),
        "two runs with seed = 4 gave different losses or parameters: all randomness must come "
        "from np.random.default_rng(seed), not from np.random's global generator "
        "(np.random.permutation, np.random.shuffle).",
    )
    c = _run(student, X, y, params, _model, 3, 4, 0.05, 5)
    expect_true(
        not _close(a, c, rtol=0.0, atol=0.0),
        "seeds 4 and 5 gave exactly the same run: the seed must choose the shuffling order.",
    )
