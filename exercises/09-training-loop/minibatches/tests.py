"""Hidden tests for minibatches."""

import numpy as np

from grader.testing import expect_true, expect_tuple, expect_value, last_call, test_case


def _data(N, D=2):
    """Row i of X is [i, 100 + i, ...] and y[i] = i, so every batch shows which samples it holds."""
    X = np.arange(N, dtype=float)[:, None] + 100.0 * np.arange(D, dtype=float)[None, :]
    return X, np.arange(N, dtype=np.int64)


def _expected(X, y, batch_size, order):
    return [
        (X[order[s : s + batch_size]], y[order[s : s + batch_size]])
        for s in range(0, len(X), batch_size)
    ]


def _collect(student, X, y, batch_size, rng=None):
    """All (Xb, yb) of one call, checked for form; X and y must be unchanged afterwards."""
    X0, y0 = X.copy(), y.copy()
    if rng is None:
        result = student.minibatches(X, y, batch_size)
    else:
        result = student.minibatches(X, y, batch_size, rng)
    call = last_call()
    try:
        batches = list(result)
    except TypeError:
        raise AssertionError(
            f"{call} must yield the batches (a generator, or return a list of them), got "
            f"{type(result).__name__}."
        ) from None
    out = []
    for i, item in enumerate(batches):
        Xb, yb = expect_tuple(item, 2, name=f"{call}: batch {i} (an (Xb, yb) pair)")
        expect_true(
            type(Xb) is np.ndarray and type(yb) is np.ndarray,
            f"{call}: batch {i} must be a pair of NumPy arrays, got {type(Xb).__name__} and "
            f"{type(yb).__name__}.",
        )
        out.append((Xb, yb))
    expect_true(
        np.array_equal(X, X0) and np.array_equal(y, y0),
        f"{call} changed X or y while yielding the batches (in-place shuffling, such as "
        "rng.shuffle(X)). Shuffle an index array and index X and y with it: X[idx] is a copy.",
    )
    return call, out


def _diagnose(batches, N, batch_size, rng_seed=None):
    """A sentence on the usual mistakes, read off batches of the _data() layout."""
    ids = [int(v) for _, yb in batches for v in yb]
    paired = all(np.array_equal(Xb[:, 0], yb.astype(float)) for Xb, yb in batches if len(yb))
    if not paired:
        return (
            " Diagnosis: the rows of Xb and the labels yb no longer belong together. X and y "
            "must be indexed with the same permutation (one call of rng.permutation(N))."
        )
    if len(ids) < N and len(set(ids)) == len(ids):
        return (
            f" Diagnosis: only {len(ids)} of the {N} samples were yielded; the last, smaller "
            f"batch of {N % batch_size} is missing (range(N // batch_size) drops it)."
        )
    if len(set(ids)) < len(ids):
        return (
            " Diagnosis: some samples appear twice and others never: draw a permutation "
            "(without replacement), not random indices."
        )
    if rng_seed is not None and ids == list(range(N)):
        return (
            " Diagnosis: the samples came in their stored order: with rng, use rng.permutation(N)."
        )
    if rng_seed is not None and sorted(ids) == list(range(N)):
        return (
            " Diagnosis: the order is a permutation, but not rng.permutation(N) of the generator "
            "you were given: draw it from that rng, once per call (a new generator made inside "
            "the function repeats the same order every epoch)."
        )
    return ""


def _check(student, N, batch_size, rng_seed=None, D=2):
    X, y = _data(N, D)
    rng = None if rng_seed is None else np.random.default_rng(rng_seed)
    call, batches = _collect(student, X, y, batch_size, rng)
    order = np.arange(N) if rng_seed is None else np.random.default_rng(rng_seed).permutation(N)
    expected = _expected(X, y, batch_size, order)
    sizes = [len(yb) for _, yb in batches]
    want = [len(yb) for _, yb in expected]
    if sizes != want or not all(
        np.array_equal(a, c) and np.array_equal(b, d) for (a, b), (c, d) in zip(batches, expected)
    ):
        shown = [[int(v) for v in yb] for _, yb in batches]
        raise AssertionError(
            f"{call}: expected {len(want)} batches of sizes {want} holding the samples "
            f"{[[int(v) for v in yb] for _, yb in expected]}, got {len(sizes)} batches of sizes "
            f"{sizes} holding {shown}.{_diagnose(batches, N, batch_size, rng_seed)}"
        )
    return batches


@test_case(points=2)
def in_order_without_rng(student):
    """rng=None: 10 samples in batches of 4 are [0-3], [4-7], [8, 9], in order."""
    _check(student, 10, 4)
    _check(student, 12, 4)


@test_case(points=2)
def shuffled_by_rng_permutation(student):
    """With rng: the order of rng.permutation(N); Xb and yb stay paired; last batch smaller."""
    _check(student, 13, 5, rng_seed=11)
    _check(student, 8, 3, rng_seed=12, D=3)


@test_case(points=1)
def each_call_is_one_epoch(student):
    """Two calls with one rng: each covers every sample once, the second in a new order."""
    X, y = _data(9)
    rng = np.random.default_rng(21)
    ref = np.random.default_rng(21)
    for epoch in range(2):
        call, batches = _collect(student, X, y, 4, rng)
        order = ref.permutation(9)
        got = [int(v) for _, yb in batches for v in yb]
        expect_true(
            sorted(got) == list(range(9)),
            f"{call} (epoch {epoch}): every sample must appear exactly once per call, got the "
            f"samples {got}.{_diagnose(batches, 9, 4, 21)}",
        )
        expect_true(
            got == [int(v) for v in order],
            f"{call} (epoch {epoch}): expected the order {[int(v) for v in order]} (the "
            f"{'first' if epoch == 0 else 'second'} permutation drawn from this rng), got "
            f"{got}. Draw the permutation from the rng you are given, once per call: do not "
            "create a new generator inside the function.",
        )


@test_case(points=2)
def batch_sizes_at_the_edges(student):
    """batch_size 1 (N batches), batch_size N and larger (one batch), and N = 1."""
    _check(student, 5, 1)
    _check(student, 6, 6, rng_seed=31)
    _check(student, 4, 10, rng_seed=32)
    _check(student, 1, 3)


@test_case(points=1)
def labels_keep_their_dtype(student):
    """Integer labels stay integers (cross_entropy_loss indexes with them); X rows stay whole."""
    X, y = _data(7, D=4)
    call, batches = _collect(student, X, y, 3, np.random.default_rng(41))
    for i, (Xb, yb) in enumerate(batches):
        expect_true(
            yb.dtype.kind in "iu",
            f"{call}: batch {i}'s labels must keep an integer dtype, got {yb.dtype}.",
        )
        expect_value(
            Xb.shape[1:], (4,), name=f"{call}: the shape of batch {i}'s Xb after its first axis"
        )
