import math

import numpy as np

from grader.testing import (
    as_trusted_array,
    check_against_reference,
    check_cases,
    expect_array,
    expect_tuple,
    last_call,
    test_case,
)

EX_X = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
EX_W = np.array([[1.0, -1.0], [0.0, 2.0], [-1.0, 1.0]])
EX_B = np.array([1.0, -2.0])


def _sums(X, W, b):
    # Independent reference: one exact sum per (input, neuron) pair.
    N, D = X.shape
    M = W.shape[1]
    return [
        [
            math.fsum(float(X[n, i]) * float(W[i, m]) for i in range(D)) + float(b[m])
            for m in range(M)
        ]
        for n in range(N)
    ]


def _fires(X, W, b):
    return np.array([[1 if z >= 0 else 0 for z in row] for row in _sums(X, W, b)], dtype=np.int64)


@test_case(points=2)
def example_with_a_tie(student):
    """The prompt's example: a (2, 3) batch through 2 neurons; the sum 0 fires."""
    check_cases(student.step_layer, [((EX_X, EX_W, EX_B), np.array([[1, 0], [1, 0]]))], dtype="int")


@test_case(points=2)
def random_batches(student):
    """Random batches of 7 inputs with 4 features through 3 neurons (no square shapes)."""
    check_against_reference(
        student.step_layer,
        _fires,
        lambda rng: (rng.normal(size=(7, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)),
        dtype="int",
    )


@test_case(points=1)
def one_input_and_integers(student):
    """A batch of one input keeps shape (1, M); integer X, W, b give an integer 0/1 table."""
    X = np.array([[2.0, -1.0]])
    W = np.array([[1.0, 0.0, -1.0, 0.5], [2.0, 1.0, 0.0, 1.0]])
    b = np.array([0.0, 1.0, 2.0, -0.5])
    Xi = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.int64)
    Wi = np.array([[1, 1, -1], [1, 1, -1]], dtype=np.int64)
    bi = np.array([-2, -1, 1], dtype=np.int64)  # AND, OR, NAND (ties fire)
    check_cases(
        student.step_layer,
        [
            ((X, W, b), np.array([[1, 1, 1, 0]])),
            ((Xi, Wi, bi), np.array([[0, 0, 1], [0, 1, 1], [0, 1, 1], [1, 1, 0]])),
        ],
        dtype="int",
    )


@test_case(points=1)
def large_magnitudes(student):
    """Inputs around 1e8 where the sums are -1, 0 and +1: float64 keeps every digit."""
    X = np.array([[1e8, 1.0], [1e8, 0.0], [1e8, -1.0]])
    W = np.array([[1.0], [1.0]])
    b = np.array([-1e8])
    check_cases(student.step_layer, [((X, W, b), np.array([[1], [1], [0]]))], dtype="int")


def _check_fold(student, X, W, b):
    out = student.fold_layer_bias(X, W, b)
    call = last_call()
    X_aug, W_aug = expect_tuple(out, 2, name=call)
    want_X = np.array([[float(v) for v in row] + [1.0] for row in X])
    want_W = np.array([[float(v) for v in row] for row in W] + [[float(v) for v in b]])
    expect_array(X_aug, want_X, name=f"X_aug of {call}", dtype="float")
    expect_array(W_aug, want_W, name=f"W_aug of {call}", dtype="float")
    got = as_trusted_array(X_aug) @ as_trusted_array(W_aug)
    expect_array(got, np.array(_sums(X, W, b)), name=f"X_aug @ W_aug versus X @ W + b for {call}")


@test_case(points=2)
def fold_example(student):
    """The prompt's example: X gains a column of ones, W gains the row of biases."""
    _check_fold(student, EX_X, EX_W, EX_B)


@test_case(points=2)
def fold_other_shapes(student):
    """One input, integer arrays with a fractional bias, and a random (5, 2) batch with 4 neurons."""
    _check_fold(student, np.array([[7.0, -2.0, 0.5]]), np.ones((3, 2)), np.array([0.5, -0.5]))
    Xi = np.array([[0, 1], [1, 1]], dtype=np.int64)
    Wi = np.array([[1, -1], [2, 0]], dtype=np.int64)
    _check_fold(student, Xi, Wi, np.array([0.5, -1.5]))
    rng = np.random.default_rng(411)
    _check_fold(student, rng.normal(size=(5, 2)), rng.normal(size=(2, 4)), rng.normal(size=4))
