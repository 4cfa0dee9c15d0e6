import numpy as np

from grader.testing import (
    as_trusted_array,
    as_trusted_number,
    expect_array,
    expect_tuple,
    test_case,
)

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = [0, 1, 1, 0]


def _features(X):
    return np.array([[float(a), float(c), float(a) * float(c)] for a, c in X])


@test_case(points=2)
def features_of_xor_points(student):
    """The four 0/1 points get the product column [0, 0, 0, 1]."""
    expect_array(student.xor_features(XOR_X), _features(XOR_X), dtype="float")


@test_case(points=2)
def features_of_other_inputs(student):
    """Real-valued, negative and integer inputs, and a single row."""
    rng = np.random.default_rng(901)
    X = rng.normal(size=(7, 2)) * 3
    expect_array(student.xor_features(X), _features(X), dtype="float")
    Xi = np.array([[2, -3]], dtype=np.int64)
    expect_array(student.xor_features(Xi), [[2.0, -3.0, -6.0]], dtype="float")


@test_case(points=2)
def weights_compute_xor(student):
    """The step neuron with xor_weights() on the features outputs XOR for all four inputs."""
    w, b = expect_tuple(student.xor_weights(), 2)
    w = as_trusted_array(w, name="w from xor_weights()")
    b = as_trusted_number(b, name="b from xor_weights()")
    if w.shape != (3,):
        raise AssertionError(f"xor_weights(): expected w of shape (3,), got shape {w.shape}.")
    for row, target in zip(_features(XOR_X), XOR_Y):
        z = sum(float(wi) * float(fi) for wi, fi in zip(w, row)) + b
        got = 1 if z >= 0 else 0
        if got != target:
            raise AssertionError(
                f"xor_weights() = ({w.tolist()}, {b!r}): for features {row.tolist()} the sum is "
                f"{z!r}, so the neuron outputs {got}, but XOR is {target}."
            )


@test_case(points=2)
def perceptron_converges_on_features(student):
    """A perceptron trained on xor_features(XOR inputs) converges (on the raw inputs it cannot)."""
    phi = as_trusted_array(student.xor_features(XOR_X), name="xor_features(XOR inputs)")
    if phi.shape != (4, 3):
        raise AssertionError(f"xor_features(XOR inputs): expected shape (4, 3), got {phi.shape}.")
    w, b = [0.0, 0.0, 0.0], 0.0
    for _ in range(100):
        mistakes = 0
        for row, target in zip(phi.tolist(), XOR_Y):
            err = target - (1 if sum(a * c for a, c in zip(w, row)) + b >= 0 else 0)
            if err:
                mistakes += 1
                w = [a + err * c for a, c in zip(w, row)]
                b += err
        if mistakes == 0:
            return
    raise AssertionError(
        "A perceptron trained for 100 epochs on your features of the XOR points did not converge: "
        "the features do not make XOR linearly separable."
    )
