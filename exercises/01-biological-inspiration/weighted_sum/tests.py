import numpy as np

from grader.testing import describe_type, expect_scalar, last_call, test_case


def _reference(x, w, b):
    # An independent, loop-based formula: sum of products, plus the bias once.
    return sum(float(wi) * float(xi) for wi, xi in zip(w, x)) + float(b)


@test_case(points=2)
def worked_example(student):
    """The example from the prompt: x = [1, 2], w = [0.5, -1], b = 0.25 gives -1.25."""
    expect_scalar(student.weighted_sum(np.array([1.0, 2.0]), np.array([0.5, -1.0]), 0.25), -1.25)


@test_case(points=2)
def random_vectors(student):
    """Random inputs and weights of length 7 with a negative bias."""
    rng = np.random.default_rng(101)
    x, w = rng.normal(size=7), rng.normal(size=7)
    expect_scalar(student.weighted_sum(x, w, -0.75), _reference(x, w, -0.75))


@test_case(points=1)
def bias_added_once(student):
    """With all-zero weights the neuron's sum is just the bias, whatever the inputs."""
    x = np.array([3.0, -1.0, 4.0, 1.0, -5.0])
    expect_scalar(student.weighted_sum(x, np.zeros(5), 2.5), 2.5)


@test_case(points=1)
def single_input_and_zero_bias(student):
    """A neuron with one input and no bias: z = w * x."""
    expect_scalar(student.weighted_sum(np.array([-4.0]), np.array([0.5]), 0.0), -2.0)


@test_case(points=1)
def integer_inputs(student):
    """Integer arrays and an integer bias still give the right number."""
    x = np.array([1, 0, 1, 1], dtype=np.int64)
    w = np.array([2, -3, 1, -1], dtype=np.int64)
    expect_scalar(student.weighted_sum(x, w, -1), 1.0)


@test_case(points=1)
def large_magnitudes(student):
    """Inputs near 1e8 and small weights: no overflow, correct to relative precision."""
    x = np.array([1.0e8, -2.0e8, 3.0e8])
    w = np.array([1.0e-3, 2.5e-3, -4.0e-4])
    expect_scalar(student.weighted_sum(x, w, 1.0e5), _reference(x, w, 1.0e5))


@test_case(points=2)
def inputs_not_modified(student):
    """The function must leave x and w exactly as it received them (every call checks)."""
    rng = np.random.default_rng(7)
    x, w = rng.normal(size=4), rng.normal(size=4)
    expect_scalar(student.weighted_sum(x, w, 0.5), _reference(x, w, 0.5))


def _check_float64(out, expected, why):
    # A real number of double precision: a Python float or a NumPy float64 (not int, not float32).
    name = last_call()
    if type(out) not in (float, np.float64):
        raise AssertionError(
            f"{name}: expected a Python float or a NumPy float64, got {describe_type(out)}. "
            "Convert the result with float(...)."
        )
    if out != expected:
        raise AssertionError(f"{name}: expected {expected!r}, got {float(out)!r}. {why}")


@test_case(points=2)
def float64_precision(student):
    """x = [1e8, 1], w = [1, 1], b = -1e8 gives exactly 1.0: the sum must be computed in float64."""
    why = (
        "1e8 + 1 needs 27 significant bits; float32 keeps only 24 and rounds it to 1e8, so the "
        "bias then cancels everything. Compute in float64 (NumPy's default)."
    )
    out = student.weighted_sum(np.array([1.0e8, 1.0]), np.array([1.0, 1.0]), -1.0e8)
    _check_float64(out, 1.0, why)
    out = student.weighted_sum(np.array([1.0, 1.0e8]), np.array([0.5, -1.0]), 1.0e8)
    _check_float64(out, 0.5, why)


@test_case(points=1)
def result_is_a_float(student):
    """Integer inputs and bias still return a float (3.0, not the integer 3)."""
    x = np.array([1, 0, 1], dtype=np.int64)
    w = np.array([2, -3, 1], dtype=np.int64)
    _check_float64(student.weighted_sum(x, w, 0), 3.0, "")
