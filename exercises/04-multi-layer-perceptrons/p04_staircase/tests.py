import math

import numpy as np

from grader.testing import expect_array, expect_true, expect_tuple, last_call, test_case


def _target(knots, values, xs):
    """Trusted staircase: values[k] on [t_k, t_{k+1}), 0 outside [t_0, t_K)."""
    out = np.zeros(len(xs))
    for i, x in enumerate(xs):
        for k in range(len(values)):
            if knots[k] <= x < knots[k + 1]:
                out[i] = values[k]
    return out


def _network(student, knots, values):
    """Call staircase_network, check the four shapes, return a function x (N,) -> f(x) (N,)."""
    out = student.staircase_network(knots, values)
    call = last_call()
    expect_true(
        isinstance(out, (list, tuple)) and len(out) == 2,
        f"{call} should return [(W1, b1), (W2, b2)]",
    )
    (W1, b1) = expect_tuple(out[0], 2, name=f"first layer of {call}")
    (W2, b2) = expect_tuple(out[1], 2, name=f"second layer of {call}")
    W1, b1, W2, b2 = (np.array(a, dtype=float) for a in (W1, b1, W2, b2))
    expect_true(
        W1.ndim == 2 and W1.shape[0] == 1,
        f"W1 should have shape (1, H) (one input), got {W1.shape}",
    )
    H = W1.shape[1]
    for arr, label, shape in ((b1, "b1", (H,)), (W2, "W2", (H, 1)), (b2, "b2", (1,))):
        expect_true(
            arr.shape == shape,
            f"with W1 of shape (1, {H}), {label} should have shape {shape}, got {arr.shape}",
        )

    def f(xs):
        X = np.asarray(xs, dtype=float).reshape(-1, 1)  # (N, 1)
        hidden = (X * W1[0] + b1 >= 0).astype(float)  # (N, H) step units
        # Linear output, summed with math.fsum (exactly rounded), so the result and any
        # failure message are the same in CPython and Pyodide whatever their BLAS.
        terms = hidden * W2[:, 0]  # (N, H)
        return np.array([math.fsum(row) + b2[0] for row in terms.tolist()])  # (N,)

    return f


@test_case(points=1)
def shapes(student):
    """Returns [(W1, b1), (W2, b2)] with shapes (1, H), (H,), (H, 1), (1,)."""
    _network(student, np.array([0.0, 1.0, 2.0]), np.array([1.0, -1.0]))


@test_case(points=2)
def single_bump(student):
    """knots [0, 1], values [2.5]: a bump of height 2.5 on [0, 1), zero elsewhere."""
    knots, values = np.array([0.0, 1.0]), np.array([2.5])
    f = _network(student, knots, values)
    xs = np.array([-3.0, -0.5, 0.25, 0.5, 0.99, 1.5, 10.0])
    expect_array(f(xs), _target(knots, values, xs), name=f"f(x) for x = {xs.tolist()}")


@test_case(points=2)
def staircase_of_sine(student):
    """20 steps approximating sin on [0, 2*pi): each step holds sin at its midpoint."""
    knots = np.linspace(0.0, 2 * np.pi, 21)
    values = np.sin((knots[:-1] + knots[1:]) / 2)
    f = _network(student, knots, values)
    xs = np.linspace(-1.0, 7.5, 301)
    expect_array(f(xs), _target(knots, values, xs), name="f(x) on a grid over [-1, 7.5]")


@test_case(points=2)
def value_at_the_knots(student):
    """Steps are closed on the left: at x = t_k the output is values[k] (step(0) = 1), at t_K it is 0."""
    knots = np.array([-2.0, -0.5, 0.0, 0.25, 4.0])
    values = np.array([3.0, -1.0, 0.5, 2.0])
    f = _network(student, knots, values)
    expect_array(
        f(knots),
        np.array([3.0, -1.0, 0.5, 2.0, 0.0]),
        name=f"f(knots) for knots = {knots.tolist()}",
    )


@test_case(points=1)
def uneven_large_and_negative(student):
    """Uneven spacing, negative knots and values of magnitude 1e3."""
    rng = np.random.default_rng(4)
    knots = np.sort(rng.uniform(-50.0, 50.0, size=9))
    values = rng.uniform(-1e3, 1e3, size=8)
    f = _network(student, knots, values)
    xs = rng.uniform(-60.0, 60.0, size=500)
    expect_array(f(xs), _target(knots, values, xs), name="f(x) at 500 random points")
