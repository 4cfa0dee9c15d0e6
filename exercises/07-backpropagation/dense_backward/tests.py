"""Hidden tests for dense_backward."""

import math

import numpy as np

from grader.testing import (
    check_against_reference,
    expect_array,
    expect_tuple,
    gradient_check,
    test_case,
)


def _ref(dout, X, W):
    """Loops with exactly rounded sums: independent of BLAS."""
    N, D = X.shape
    M = W.shape[1]
    dX = np.array(
        [[math.fsum(dout[n, m] * W[d, m] for m in range(M)) for d in range(D)] for n in range(N)]
    )
    dW = np.array(
        [[math.fsum(X[n, d] * dout[n, m] for n in range(N)) for m in range(M)] for d in range(D)]
    )
    db = np.array([math.fsum(dout[n, m] for n in range(N)) for m in range(M)])
    return dX, dW, db


def _diagnose(name, got, dout, X, W):
    if not isinstance(got, np.ndarray):
        return ""
    N = X.shape[0]
    variants = {
        "dW": [
            (
                lambda: dout.T @ X,
                "dW is transposed: it must have W's shape (D, M), which is X.T @ dout",
            ),
            (
                lambda: X.T @ dout / N,
                "dW is N times too small: dout already carries the 1/N of a mean loss",
            ),
        ],
        "db": [
            (
                lambda: dout.mean(axis=0),
                "db is N times too small: b touches every row, so sum dout over the batch (the 1/N is already in dout)",
            ),
        ],
        "dX": [
            (
                lambda: dout @ W,
                "dX uses W where W.T belongs: dX must be (N, D), that is dout (N, M) @ W.T (M, D)",
            ),
        ],
    }
    for make, message in variants.get(name, []):
        try:
            wrong = make()
        except ValueError:
            continue
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            return " Diagnosis: " + message + "."
    return ""


def _check(student, dout, X, W):
    result = student.dense_backward(dout, X, W)
    items = expect_tuple(result, 3)
    for name, got, want in zip(("dX", "dW", "db"), items, _ref(dout, X, W)):
        try:
            expect_array(got, want, name=f"{name} of dense_backward", dtype="float")
        except AssertionError as exc:
            raise AssertionError(str(exc) + _diagnose(name, got, dout, X, W)) from None
    return items


@test_case(points=2)
def prompt_example(student):
    """The prompt's example: one sample, D = 2 inputs, M = 3 units."""
    X = np.array([[1.0, 2.0]])
    W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 2.0]])
    dout = np.array([[1.0, 0.0, 2.0]])
    _check(student, dout, X, W)


@test_case(points=3)
def shapes_rule(student):
    """N, D and M all different: dX has X's shape, dW has W's, db has b's."""
    rng = np.random.default_rng(74)
    X, W, dout = (
        rng.standard_normal((5, 3)),
        rng.standard_normal((3, 4)),
        rng.standard_normal((5, 4)),
    )
    _check(student, dout, X, W)


@test_case(points=2)
def square_layer(student):
    """D = M = N = 4: shapes cannot tell a transposed dW from the right one, values can."""
    rng = np.random.default_rng(75)
    X, W, dout = (
        rng.standard_normal((4, 4)),
        rng.standard_normal((4, 4)),
        rng.standard_normal((4, 4)),
    )
    _check(student, dout, X, W)


@test_case(points=2)
def random_layers_and_batch_of_one(student):
    """Random layers 4 -> 64 for a batch of 32 and of 1, against a loop reference."""
    check_against_reference(
        student.dense_backward,
        _ref,
        lambda rng: (
            rng.standard_normal((32, 64)),
            rng.standard_normal((32, 4)),
            rng.standard_normal((4, 64)),
        ),
    )
    check_against_reference(
        student.dense_backward,
        _ref,
        lambda rng: (
            rng.standard_normal((1, 2)),
            rng.standard_normal((1, 64)),
            rng.standard_normal((64, 2)),
        ),
        seeds=(5,),
    )


@test_case(points=3)
def gradient_check_of_the_layer(student):
    """For L = sum(G * (X @ W + b)), each of dX, dW, db agrees with central differences."""
    rng = np.random.default_rng(76)
    X, W, b = rng.standard_normal((3, 5)), rng.standard_normal((5, 2)), rng.standard_normal(2)
    G = rng.standard_normal((3, 2))
    dX, dW, db = expect_tuple(student.dense_backward(G, X, W), 3)
    gradient_check(lambda w: float(np.sum(G * (X @ w + b))), W, dW, name="dW of dense_backward")
    gradient_check(lambda x: float(np.sum(G * (x @ W + b))), X, dX, name="dX of dense_backward")
    gradient_check(lambda c: float(np.sum(G * (X @ W + c))), b, db, name="db of dense_backward")
