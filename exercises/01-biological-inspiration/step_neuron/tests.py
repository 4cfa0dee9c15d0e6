import numpy as np

from grader.testing import expect_scalar, expect_true, test_case


def _expected(x, w, b):
    z = sum(float(wi) * float(xi) for wi, xi in zip(w, x)) + float(b)
    return 1 if z >= 0 else 0


def _check_output(out, expected, name):
    # A real integer, not a bool or an array, and the right class.
    expect_true(
        type(out) not in (bool, np.bool_),
        f"{name}: expected the int {expected}, got the boolean {out!r}; convert with int(...)",
    )
    expect_scalar(out, expected, name=name, kind="int")


@test_case(points=2)
def fires_on_positive_evidence(student):
    """A clearly positive weighted sum fires."""
    out = student.step_neuron(np.array([1.0, 2.0]), np.array([0.5, 0.5]), 0.0)
    _check_output(out, 1, "step_neuron([1, 2], [0.5, 0.5], 0) (sum 1.5)")


@test_case(points=2)
def silent_on_negative_evidence(student):
    """A clearly negative weighted sum stays silent."""
    out = student.step_neuron(np.array([1.0, 2.0]), np.array([0.5, -1.0]), 0.25)
    _check_output(out, 0, "step_neuron([1, 2], [0.5, -1], 0.25) (sum -1.25)")


@test_case(points=2)
def tie_at_zero_fires(student):
    """A weighted sum of exactly zero fires (returns 1)."""
    out = student.step_neuron(np.array([1.0, 1.0]), np.array([1.0, 1.0]), -2.0)
    _check_output(out, 1, "step_neuron([1, 1], [1, 1], -2) (sum exactly 0)")
    out = student.step_neuron(np.zeros(3), np.zeros(3), 0.0)
    _check_output(out, 1, "step_neuron(zeros(3), zeros(3), 0) (sum exactly 0)")


@test_case(points=1)
def bias_decides_the_threshold(student):
    """The same input fires with b = -2 and is silent with b = -2.5."""
    x = np.array([1.0, 1.0])
    w = np.array([1.0, 1.0])
    _check_output(
        student.step_neuron(x, w, -2.5), 0, "step_neuron([1, 1], [1, 1], -2.5) (sum -0.5)"
    )
    _check_output(student.step_neuron(x, w, 3.0), 1, "step_neuron([1, 1], [1, 1], 3) (sum 5)")


@test_case(points=1)
def random_cases(student):
    """Twenty random neurons and inputs, with large and small magnitudes."""
    rng = np.random.default_rng(202)
    for k in range(20):
        d = 1 + k % 5
        scale = 1e6 if k % 3 == 0 else 1.0
        x = rng.normal(size=d) * scale
        w = rng.normal(size=d)
        b = float(rng.normal()) * scale
        _check_output(
            student.step_neuron(x, w, b),
            _expected(x, w, b),
            f"step_neuron for random case {k} (D={d})",
        )


@test_case(points=2)
def inputs_not_modified(student):
    """x and w are unchanged after the call (every call checks)."""
    x = np.array([0.5, -1.5, 2.0])
    w = np.array([1.0, 1.0, -0.25])
    _check_output(
        student.step_neuron(x, w, 0.0),
        0,
        "step_neuron([0.5, -1.5, 2], [1, 1, -0.25], 0) (sum -1.5)",
    )


@test_case(points=2)
def exact_ties_and_near_ties(student):
    """Sums that are exactly 0 in floating point fire; sums a hair below 0 do not (no tolerance)."""
    # 0.5 * 2 - 0.25 * 4 is exactly 0 in binary floating point.
    out = student.step_neuron(np.array([0.5, 0.25]), np.array([2.0, -4.0]), 0.0)
    _check_output(out, 1, "step_neuron([0.5, 0.25], [2, -4], 0) (sum exactly 0)")
    out = student.step_neuron(
        np.array([1, 1, 0], dtype=np.int64), np.array([2, -1, 5], dtype=np.int64), -1
    )
    _check_output(out, 1, "step_neuron on integer arrays with sum exactly 0")
    out = student.step_neuron(np.array([1e-200]), np.array([-1e-100]), 0.0)
    _check_output(out, 0, "step_neuron([1e-200], [-1e-100], 0) (sum -1e-300, below 0: silent)")


@test_case(points=1)
def float64_precision(student):
    """x = [1e8, 1], w = [1, -1], b = -1e8: the sum is -1, silent (float32 would round it to a tie)."""
    out = student.step_neuron(np.array([1.0e8, 1.0]), np.array([1.0, -1.0]), -1.0e8)
    _check_output(
        out,
        0,
        "step_neuron([1e8, 1], [1, -1], -1e8) (sum exactly -1; in float32 1e8 - 1 rounds to 1e8 "
        "and the sum becomes a tie)",
    )
