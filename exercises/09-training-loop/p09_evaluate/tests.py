"""Hidden tests for p09_evaluate."""

import numpy as np

from grader.testing import expect_true, expect_tuple, expect_value, last_call, test_case


def _forward(X, params):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A


def _reference(params, X, y):
    logits = _forward(X, params)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-np.mean(log_p[np.arange(len(y)), y])), float(np.mean(np.argmax(logits, 1) == y))


def _problem(seed, N, sizes):
    rng = np.random.default_rng(seed)
    params = [
        (rng.normal(0.0, 1.0, (a, b)), rng.normal(0.0, 0.5, b))
        for a, b in zip(sizes[:-1], sizes[1:])
    ]
    X = rng.standard_normal((N, sizes[0]))
    y = rng.integers(0, sizes[-1], size=N).astype(np.int64)
    return params, X, y


def _check(student, seed, N, sizes, batch_size):
    params, X, y = _problem(seed, N, sizes)
    result = student.evaluate(params, X, y, batch_size)
    call = last_call()
    loss, acc = expect_tuple(result, 2, name=f"{call} (it returns (mean loss, accuracy))")
    ref_loss, ref_acc = _reference(params, X, y)
    hint = ""
    sizes_b = [min(batch_size, N - s) for s in range(0, N, batch_size)]
    if len(set(sizes_b)) > 1:
        per_batch = []
        for s in range(0, N, batch_size):
            per_batch.append(_reference(params, X[s : s + batch_size], y[s : s + batch_size])[0])
        full = N - N % batch_size
        if abs(float(loss) - float(np.mean(per_batch))) < 1e-9:
            hint = (
                f" Diagnosis: this is the plain mean of the {len(per_batch)} batch losses. "
                f"The last batch holds only {sizes_b[-1]} of the {N} samples, so it must count "
                f"{sizes_b[-1]}/{batch_size} as much as a full batch: weight each batch's loss "
                "by its size and divide by N."
            )
        elif any(
            abs(float(loss) - _reference(params, X[:full], y[:full])[0] * scale) < 1e-9
            for scale in (1.0, full / N)
        ):
            hint = (
                f" Diagnosis: this is the mean over the first {full} samples only: the last, "
                f"smaller batch of {N - full} was never scored."
            )
    try:
        expect_value(loss, ref_loss, name=f"the mean loss of {call}")
    except AssertionError as exc:
        raise AssertionError(f"{exc}{hint}") from None
    expect_value(acc, ref_acc, name=f"the accuracy of {call}")


@test_case(points=2)
def batches_that_divide_n(student):
    """24 samples in batches of 8 (and of 24): the same numbers as one pass over everything."""
    _check(student, 1, 24, [3, 5, 4], 8)
    _check(student, 2, 24, [3, 5, 4], 24)


@test_case(points=3)
def ragged_last_batch_is_weighted(student):
    """25 samples in batches of 8 (8, 8, 8, 1): the last batch counts 1/8 as much."""
    _check(student, 3, 25, [2, 6, 3], 8)
    _check(student, 4, 10, [2, 4, 2], 4)


@test_case(points=1)
def batch_of_one_and_larger_than_n(student):
    """batch_size 1 (one sample per batch) and batch_size > N (one batch)."""
    _check(student, 5, 7, [2, 3, 3], 1)
    _check(student, 6, 7, [2, 3, 3], 50)


@test_case(points=1)
def returns_plain_numbers(student):
    """The accuracy is a fraction from 0 to 1, the loss a positive number."""
    params, X, y = _problem(7, 12, [2, 4, 3])
    loss, acc = expect_tuple(student.evaluate(params, X, y, 5), 2)
    expect_true(
        0.0 <= float(acc) <= 1.0,
        f"{last_call()}: the accuracy must be a fraction from 0 to 1, got {acc!r}.",
    )
    expect_true(float(loss) > 0.0, f"{last_call()}: a cross-entropy is positive, got {loss!r}.")
