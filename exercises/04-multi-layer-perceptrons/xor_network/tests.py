import numpy as np

from grader.testing import expect_true, expect_tuple, test_case

SHAPES = (((2, 2), (2,)), ((2, 1), (1,)))
INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))


def _params(student):
    """Call xor_network, check its structure and shapes, return float copies of the weights."""
    out = student.xor_network()
    expect_true(
        isinstance(out, (list, tuple)) and len(out) == 2,
        "xor_network() should return a list of two (W, b) pairs: [(W1, b1), (W2, b2)], "
        f"got {type(out).__name__}"
        + (f" of length {len(out)}" if isinstance(out, (list, tuple)) else ""),
    )
    params = []
    for i, (pair, shapes) in enumerate(zip(out, SHAPES)):
        W, b = expect_tuple(pair, 2, name=f"layer {i + 1} of xor_network()")
        for arr, label, shape in ((W, f"W{i + 1}", shapes[0]), (b, f"b{i + 1}", shapes[1])):
            got = np.shape(arr)
            expect_true(got == shape, f"{label} should have shape {shape}, got {got}")
            values = np.array(arr, dtype=float)
            expect_true(np.all(np.isfinite(values)), f"{label} must hold finite numbers")
        params.append((np.array(W, dtype=float), np.array(b, dtype=float)))
    return params


def _run(params, x):
    """The 2-2-1 network with step(z) = 1 if z >= 0 else 0 in both layers."""
    (W1, b1), (W2, b2) = params
    h = (np.asarray(x, dtype=float) @ W1 + b1 >= 0).astype(int)
    return (h @ W2 + b2 >= 0).astype(int)


@test_case(points=2)
def shapes(student):
    """Returns [(W1, b1), (W2, b2)] with shapes (2, 2), (2,), (2, 1), (1,)."""
    _params(student)


def _check_input(student, x):
    params = _params(student)
    expected = x[0] ^ x[1]
    hidden = (np.array(x, dtype=float) @ params[0][0] + params[0][1] >= 0).astype(int)
    out = int(_run(params, x)[0])
    expect_true(
        out == expected,
        f"the network's output for input {x} should be {expected} (XOR), got {out}; "
        f"the hidden layer step(x @ W1 + b1) gave {hidden.tolist()}",
    )


@test_case(points=1)
def xor_of_0_0(student):
    """Input (0, 0) must give 0. Remember that step(0) = 1."""
    _check_input(student, (0, 0))


@test_case(points=1)
def xor_of_0_1(student):
    """Input (0, 1) must give 1."""
    _check_input(student, (0, 1))


@test_case(points=1)
def xor_of_1_0(student):
    """Input (1, 0) must give 1."""
    _check_input(student, (1, 0))


@test_case(points=1)
def xor_of_1_1(student):
    """Input (1, 1) must give 0: this is where XOR differs from OR."""
    _check_input(student, (1, 1))


@test_case(points=1)
def whole_batch(student):
    """Run on the batch X of all four inputs at once: output column [0, 1, 1, 0]."""
    out = _run(_params(student), np.array(INPUTS))
    expect_true(
        out.shape == (4, 1) and out[:, 0].tolist() == [0, 1, 1, 0],
        f"on X = {list(INPUTS)} the outputs should be [0, 1, 1, 0], got {out[:, 0].tolist()}",
    )
