import numpy as np

from grader.testing import expect_array, expect_true, test_case


def _expected(X, params):
    """Trusted loop: A = relu(A @ W + b) for every layer, RMS over all entries."""
    A = np.array(X, dtype=float)
    out = []
    for W, b in params:
        Z = A @ W + b
        A = np.where(Z > 0, Z, 0.0)
        out.append(np.sqrt(np.sum(A * A) / A.size))
    return np.array(out)


def _check(student, X, params, name):
    got = student.layer_rms(X, params)
    expect_true(
        isinstance(got, (list, tuple)) or isinstance(got, np.ndarray),
        f"layer_rms should return a list of floats, got {type(got).__name__}",
    )
    expect_true(
        len(got) == len(params),
        f"{name}: expected one RMS value per layer ({len(params)}), got {len(got)}",
    )
    values = np.array([float(v) for v in got])
    expect_array(values, _expected(X, params), name=name)


@test_case(points=2)
def hand_example(student):
    """A 2-2-1 network with hand-picked weights; one negative pre-activation is cut by ReLU."""
    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    W1 = np.array([[1.0, -1.0], [0.5, 2.0]])
    b1 = np.array([0.0, -1.0])
    W2 = np.array([[2.0], [-1.0]])
    b2 = np.array([0.5])
    # layer 1: Z = [[2, 2], [-0.75, 1]] -> A = [[2, 2], [0, 1]], RMS = sqrt(9/4) = 1.5
    # layer 2: Z = [[2.5], [-0.5]] -> A = [[2.5], [0]], RMS = sqrt(6.25/2)
    got = student.layer_rms(X, [(W1, b1), (W2, b2)])
    expect_true(len(got) == 2, f"expected 2 values (one per layer), got {len(got)}")
    values = np.array([float(v) for v in got])
    expect_array(values, np.array([1.5, np.sqrt(6.25 / 2)]), name="layer_rms on the hand example")


@test_case(points=2)
def random_deep_network(student):
    """A random 5-layer network with non-zero biases, checked against a trusted loop."""
    rng = np.random.default_rng(11)
    sizes = [6, 32, 32, 16, 16, 3]
    params = [
        (rng.normal(0, np.sqrt(2 / a), size=(a, c)), rng.normal(0, 0.1, size=c))
        for a, c in zip(sizes[:-1], sizes[1:])
    ]
    X = rng.standard_normal((40, 6))
    _check(student, X, params, "layer_rms for a random 6-32-32-16-16-3 network")


@test_case(points=1)
def batch_of_one(student):
    """A batch with a single row."""
    rng = np.random.default_rng(12)
    params = [
        (rng.standard_normal((3, 4)), rng.standard_normal(4)),
        (rng.standard_normal((4, 2)), np.zeros(2)),
    ]
    _check(student, rng.standard_normal((1, 3)), params, "layer_rms for a batch of one")


@test_case(points=1)
def large_inputs_and_dead_layer(student):
    """Inputs of size 1e4, then a layer whose pre-activations are all negative (RMS 0)."""
    rng = np.random.default_rng(13)
    X = 1e4 * rng.standard_normal((8, 5))
    params = [
        (rng.standard_normal((5, 7)), np.zeros(7)),
        (np.abs(rng.standard_normal((7, 4))), np.full(4, -1e9)),  # all pre-activations < 0
    ]
    _check(student, X, params, "layer_rms with large inputs and a dead last layer")
