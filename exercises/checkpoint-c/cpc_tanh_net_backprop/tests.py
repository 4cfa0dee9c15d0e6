"""Hidden tests for cpc_tanh_net_backprop: loss and gradients of a tanh network."""

import math

import numpy as np

from grader.testing import (
    check_against_reference,
    expect_array,
    expect_scalar,
    expect_true,
    expect_tuple,
    gradient_check,
    numerical_gradient,
    test_case,
)

NAMES = (("dW1", "db1"), ("dW2", "db2"))


def _reference(X, y, params):
    """Independent reference: one sample at a time, log-sum-exp in Python floats."""
    (W1, b1), (W2, b2) = params
    N = len(X)
    losses = []
    grads = [[np.zeros_like(W1), np.zeros_like(b1)], [np.zeros_like(W2), np.zeros_like(b2)]]
    for x, label in zip(X, y.tolist()):
        h = np.tanh(x @ W1 + b1)  # (M,)
        z = h @ W2 + b2  # (K,)
        m = max(z.tolist())
        lse = m + math.log(math.fsum(math.exp(v - m) for v in z.tolist()))
        losses.append(lse - float(z[label]))
        dz = np.array([math.exp(v - lse) for v in z.tolist()])  # softmax
        dz[label] -= 1.0
        dz /= N
        grads[1][0] += np.outer(h, dz)
        grads[1][1] += dz
        dpre = (W2 @ dz) * (1.0 - h * h)
        grads[0][0] += np.outer(x, dpre)
        grads[0][1] += dpre
    return math.fsum(losses) / N, [tuple(g) for g in grads]


def _problem(rng, n, d, h, k, w2_scale=1.0):
    X = rng.normal(size=(n, d))
    params = [
        (rng.normal(size=(d, h)) / np.sqrt(d), rng.normal(size=h) * 0.5),
        (rng.normal(size=(h, k)) * w2_scale, rng.normal(size=k) * 0.5),
    ]
    y = rng.integers(0, k, size=n).astype(np.int64)
    return X, y, params


def _random_problem(rng):
    """A batch and a network of random sizes (D, H, K differ, so shapes cannot be mixed up)."""
    n = int(rng.integers(2, 13))
    d, h, k = (int(v) for v in rng.choice(np.arange(2, 9), size=3, replace=False))
    return _problem(rng, n, d, h, k)


def _example():
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    y = np.array([0, 1], dtype=np.int64)
    params = [
        (np.zeros((2, 2)), np.zeros(2)),
        (np.array([[1.0, -1.0], [2.0, 0.0]]), np.zeros(2)),
    ]
    return X, y, params


def _run(student, X, y, params):
    """Call the student's function and check the shape of what comes back."""
    out = expect_tuple(student.loss_and_grads(X, y, params), 2, name="loss_and_grads(X, y, params)")
    loss, grads = out
    pairs = expect_tuple(grads, 2, name="grads, the second value returned")
    for i, pair in enumerate(pairs):
        expect_tuple(pair, 2, name=f"grads[{i}], the pair ({NAMES[i][0]}, {NAMES[i][1]})")
    return loss, [tuple(p) for p in pairs]


def _number(value):
    return float(value) if type(value) in (float, np.float64) else None


def _compare(out, want, where):
    """Compare (loss, grads) with the reference, naming each value."""
    expect_scalar(out[0], want[0], name=f"loss {where}")
    for i in (1, 0):
        for j in (0, 1):
            expect_array(out[1][i][j], want[1][i][j], name=f"{NAMES[i][j]} {where}")


@test_case(points=2)
def prompt_example(student):
    """The example of the prompt: W1 = 0 switches tanh to 0, so every value is found by hand."""
    X, y, params = _example()
    loss, grads = _run(student, X, y, params)
    expect_scalar(loss, math.log(2.0), name="loss for the prompt example")
    want = [
        (np.array([[1.0, 1.0], [-1.5, -1.5]]), np.zeros(2)),
        (np.zeros((2, 2)), np.zeros(2)),
    ]
    for i in range(2):
        for j in range(2):
            expect_array(
                grads[i][j], want[i][j], name=f"{NAMES[i][j]} for the prompt example", dtype="float"
            )


@test_case(points=2)
def loss_matches_the_reference(student):
    """The forward pass: the loss on random networks and batches of random sizes."""
    check_against_reference(
        lambda X, y, params: _run(student, X, y, params)[0],
        lambda X, y, params: _reference(X, y, params)[0],
        _random_problem,
        seeds=(1, 2, 3, 4),
    )


@test_case(points=3)
def gradient_check_of_your_own_loss(student):
    """Your gradients equal central differences of *your own* loss (float64, eps 1e-5)."""
    X, y, params = _problem(np.random.default_rng(5), n=4, d=3, h=5, k=3)
    _, grads = _run(student, X, y, params)
    for i, j in ((1, 0), (1, 1), (0, 0), (0, 1)):  # backward order: the last layer first
        name = NAMES[i][j]

        def own_loss(p, i=i, j=j):
            trial = [list(pair) for pair in params]
            trial[i][j] = p
            return _run(student, X, y, [tuple(pair) for pair in trial])[0]

        numeric = numerical_gradient(own_loss, params[i][j])
        expect_true(
            bool(np.any(numeric != 0.0)),
            f"Your loss does not change when {name[1:]} changes (its central differences are "
            "all 0), so there is nothing to check your gradient against: the loss must be "
            "computed from the parameters.",
        )
        try:
            gradient_check(own_loss, params[i][j], grads[i][j], name=name)
        except AssertionError as exc:
            raise AssertionError(
                f"Gradient check of {name}: it does not match central differences of the loss "
                "your own loss_and_grads returns, so your backward pass is not the derivative "
                f"of your forward pass. {exc}"
            ) from None


@test_case(points=2)
def gradients_match_the_reference(student):
    """Every gradient on random networks and batches of random sizes (and no missing 1/N)."""
    X, y, params = _problem(np.random.default_rng(6), n=4, d=3, h=5, k=2)
    want_loss, want = _reference(X, y, params)
    loss, grads = _run(student, X, y, params)
    summed = _number(loss) is not None and abs(_number(loss) - 4 * want_loss) < 1e-9
    for i, j in ((1, 0), (1, 1), (0, 0), (0, 1)):
        got = grads[i][j]
        if type(got) is not np.ndarray or got.shape != want[i][j].shape:
            continue  # expect_array below explains the type or the shape
        g = got.astype(float)
        if np.allclose(g, 4 * want[i][j], rtol=1e-6, atol=1e-9):
            raise AssertionError(
                f"{NAMES[i][j]} for a batch of N = 4 is N = 4 times too large"
                + (", and so is your loss: it is summed over the batch" if summed else "")
                + ". The loss is the mean over the batch, so the gradient of every sample's "
                "loss carries a factor 1/N: divide the gradient of the logits by N."
            )
        if np.allclose(g, -want[i][j], rtol=1e-6, atol=1e-9):
            raise AssertionError(
                f"{NAMES[i][j]} has the wrong sign: the gradient of the cross-entropy with "
                "respect to the logits is softmax minus the one-hot labels (p - y), not y - p."
            )
    for seed in (7, 8, 9, 10):
        X, y, params = _random_problem(np.random.default_rng(seed))
        (n, d), h, k = X.shape, params[0][0].shape[1], params[1][0].shape[1]
        _, want = _reference(X, y, params)
        _, grads = _run(student, X, y, params)
        for i in (1, 0):
            for j in (0, 1):
                expect_array(
                    grads[i][j],
                    want[i][j],
                    name=f"{NAMES[i][j]} on a random problem (seed {seed}: N = {n}, D = {d}, "
                    f"M = {h}, K = {k})",
                )


@test_case(points=1)
def batch_of_one(student):
    """A batch of one sample: the loss and gradients of that sample alone."""
    X, y, params = _problem(np.random.default_rng(11), n=1, d=4, h=3, k=5)
    want = _reference(X, y, params)
    _compare(_run(student, X, y, params), want, "for a batch of one sample")


@test_case(points=1)
def large_logits(student):
    """Logits near +-1e4: the loss is finite and exact, the gradients are finite."""
    X, y, params = _problem(np.random.default_rng(12), n=5, d=3, h=4, k=3, w2_scale=3000.0)
    want = _reference(X, y, params)
    loss, grads = _run(student, X, y, params)
    value = _number(loss)
    if value is not None and not math.isfinite(value):
        raise AssertionError(
            f"loss with logits up to about 1e4: expected {want[0]!r}, got {value!r}. exp(1e4) "
            "overflows, and a probability that underflows to 0 has log(0) = -inf: it must stay "
            "finite. Compute log-softmax directly (subtract each row's max, then the log of the "
            "sum of exps)."
        )
    _compare((loss, grads), want, "with logits up to about 1e4")


@test_case(points=1)
def loss_is_a_mean_over_the_batch(student):
    """The same batch twice over (N = 6 -> 12) gives the same loss and the same gradients."""
    X, y, params = _problem(np.random.default_rng(13), n=6, d=3, h=4, k=3)
    once = _run(student, X, y, params)
    twice = _run(student, np.concatenate([X, X]), np.concatenate([y, y]), params)
    a, b = _number(once[0]), _number(twice[0])
    if a is not None and b is not None and abs(b - a) > 1e-9 * max(1.0, abs(a)):
        raise AssertionError(
            f"loss: {a!r} for a batch of 6 samples but {b!r} for the same 6 samples repeated "
            "twice. The loss is a mean over the batch, and a mean over the batch must not "
            "change when every sample is repeated: divide by N (np.mean) instead of summing, "
            "in the forward pass and (as 1/N) in the backward pass."
        )
    want = _reference(X, y, params)
    _compare(once, want, "for N = 6")
    _compare(twice, want, "for the same batch repeated (N = 12)")
