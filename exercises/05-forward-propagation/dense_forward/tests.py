import math

import numpy as np

from grader.testing import call_unmodified, expect_array, expect_true, test_case


def _dense_ref(X, W, b):
    # Independent reference: every entry is an exactly rounded sum of Python floats.
    X, W, b = (np.asarray(a, dtype=float).tolist() for a in (X, W, b))
    return np.array(
        [
            [math.fsum([row[d] * W[d][m] for d in range(len(row))] + [b[m]]) for m in range(len(b))]
            for row in X
        ]
    )


def _diagnose(got, X, W, b):
    """Name the usual mistake when `got` matches a known wrong variant, else ''."""
    got = np.asarray(got, dtype=float)
    variants = [
        ("the bias is missing (expected X @ W + b, the result equals X @ W)", lambda: X @ W),
        (
            "the bias went along the wrong axis: b[m] belongs to column m (unit m) of every "
            "row, but your result adds b[n] to row n (b reshaped to (M, 1)?)",
            lambda: X @ W + b[:, None],
        ),
        (
            "the weights were transposed: W is stored as (n_in, n_out), so the product is "
            "X @ W, not X @ W.T",
            lambda: X @ W.T + b,
        ),
        (
            "an activation was applied: dense_forward returns the pre-activation X @ W + b, "
            "negative values included",
            lambda: np.maximum(X @ W + b, 0.0),
        ),
    ]
    for message, make in variants:
        try:
            wrong = make()
        except ValueError:
            continue
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            return " Diagnosis: " + message + "."
    return ""


def _check(student, X, W, b, label):
    got = call_unmodified(student.dense_forward, X, W, b)
    expected = _dense_ref(X, W, b)
    name = f"dense_forward(X, W, b) for {label}"
    try:
        expect_array(got, expected, name=name, dtype="float")
    except AssertionError as exc:
        shape_ok = isinstance(got, np.ndarray) and got.shape == expected.shape
        raise AssertionError(str(exc) + (_diagnose(got, X, W, b) if shape_ok else "")) from None


@test_case(points=2)
def known_values(student):
    """Two small layers whose results can be checked by hand."""
    X = np.array([[1.0, 2.0]])
    W = np.array([[1.0, 0.0, -1.0], [0.5, 1.0, 2.0]])
    b = np.array([0.0, 1.0, -2.0])
    _check(student, X, W, b, "X = [[1, 2]], W = [[1, 0, -1], [0.5, 1, 2]], b = [0, 1, -2]")
    X = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]])
    W = np.array([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.0, 1.0, 0.5]])
    b = np.array([10.0, 20.0, 30.0, 40.0])
    _check(student, X, W, b, "X of shape (3, 2), W of shape (2, 4), b = [10, 20, 30, 40]")


@test_case(points=2)
def random_batches(student):
    """Random batches through layers of a CartPole Q-network: (5, 4)->(5, 64) and (7, 64)->(7, 2)."""
    # Multiples of 1/8 and 1/4: every product and sum is exact in float64 (and in float32),
    # so the verdict cannot depend on the order in which a matrix product adds its terms.
    rng = np.random.default_rng(501)
    X = rng.integers(-16, 17, size=(5, 4)).astype(np.float64) / 8.0
    W = rng.integers(-8, 9, size=(4, 64)).astype(np.float64) / 8.0
    b = rng.integers(-4, 5, size=64).astype(np.float64) / 4.0
    _check(student, X, W, b, "random X (5, 4), W (4, 64), b (64,)")
    X = rng.integers(-16, 17, size=(7, 64)).astype(np.float64) / 8.0
    W = rng.integers(-8, 9, size=(64, 2)).astype(np.float64) / 8.0
    b = np.array([0.5, -0.25])
    _check(student, X, W, b, "random X (7, 64), W (64, 2), b = [0.5, -0.25]")


@test_case(points=2)
def square_shapes_hide_nothing(student):
    """N = D = M = 3 with a non-symmetric W: the bias must go to columns, W must not be transposed."""
    X = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0], [2.0, 0.0, -2.0]])
    W = np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 0.0], [-1.0, 1.0, 1.0]])
    b = np.array([100.0, 200.0, 300.0])
    _check(student, X, W, b, "a batch of 3 samples through a 3 -> 3 layer, b = [100, 200, 300]")


@test_case(points=1)
def batch_of_one_and_one_unit(student):
    """A single sample (1, D) gives (1, M); a single output unit gives (N, 1)."""
    X = np.array([[0.02, -0.3, 0.05, 0.4]])  # one CartPole state
    W = np.arange(8, dtype=np.int64).reshape(4, 2) / 4.0 - 1.0
    b = np.array([0.1, -0.1])
    _check(student, X, W, b, "a batch of one state X (1, 4), W (4, 2)")
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    _check(student, X, np.array([[0.5], [-1.0]]), np.array([0.25]), "X (3, 2) into one unit")


@test_case(points=1)
def no_activation(student):
    """dense_forward is linear: negative pre-activations stay negative."""
    X = np.array([[1.0, 1.0], [-2.0, 0.5]])
    W = np.array([[-1.0, 2.0], [-1.0, -3.0]])
    b = np.array([-0.5, 0.0])
    _check(student, X, W, b, "X = [[1, 1], [-2, 0.5]], W = [[-1, 2], [-1, -3]], b = [-0.5, 0]")


@test_case(points=1)
def large_magnitudes(student):
    """Inputs of 1e8 and a bias that cancels them: the result needs float64 precision."""
    X = np.array([[1e8, 1.0], [-3e8, 2.0]])
    W = np.array([[1.0, 2.0], [1.0, -1.0]])
    b = np.array([-1e8, -2e8])
    got = call_unmodified(student.dense_forward, X, W, b)
    expected = _dense_ref(X, W, b)  # [[1, -1], [-4e8 + 2, -8e8 - 2]]
    if (
        isinstance(got, np.ndarray)
        and got.shape == expected.shape
        and got.dtype.kind == "f"
        and not np.allclose(got, expected, rtol=1e-6, atol=1e-8)
        and np.allclose(got, expected, rtol=0, atol=1e3)  # close, but the small terms are gone
    ):
        expect_true(
            False,
            "dense_forward(X, W, b) for X = [[1e8, 1], [-3e8, 2]], b = [-1e8, -2e8]: expected "
            f"{expected.tolist()}, got {np.asarray(got, dtype=float).tolist()}. The small terms "
            f"were lost: the computation lost precision (dtype {got.dtype}; float32 keeps only "
            "about 7 digits). Compute in float64, as NumPy does by default.",
        )
    _check(student, X, W, b, "X = [[1e8, 1], [-3e8, 2]], W = [[1, 2], [1, -1]], b = [-1e8, -2e8]")
    rng = np.random.default_rng(502)
    X = rng.standard_normal((4, 3)) * 1e6
    W = rng.standard_normal((3, 5)) * 1e3
    b = rng.standard_normal(5) * 1e9
    _check(student, X, W, b, "X ~ 1e6, W ~ 1e3, b ~ 1e9")


@test_case(points=1)
def inputs_unchanged(student):
    """X, W and b hold the same values after the call, and the result is a new array."""
    X = np.array([[1.0, -2.0], [0.5, 0.0]])
    W = np.array([[2.0, 0.0, -1.0], [1.0, 1.0, 1.0]])
    b = np.array([0.0, -1.0, 1.0])
    out = call_unmodified(student.dense_forward, X, W, b)
    expect_true(
        not (isinstance(out, np.ndarray) and (out is X or out is W or out is b)),
        "dense_forward must return a new array, not one of its inputs",
    )
    _check(student, X, W, b, "X = [[1, -2], [0.5, 0]], W (2, 3), b = [0, -1, 1]")
