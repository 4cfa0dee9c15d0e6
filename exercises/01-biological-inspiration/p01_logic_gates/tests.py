import itertools

from grader.testing import as_trusted_array, as_trusted_number, expect_tuple, test_case

_TABLES = {
    "and_params": lambda a, b: int(a == 1 and b == 1),
    "or_params": lambda a, b: int(a == 1 or b == 1),
    "nand_params": lambda a, b: int(not (a == 1 and b == 1)),
}


def _params(student, fname, n_inputs):
    out = getattr(student, fname)()
    w, b = expect_tuple(out, 2, name=f"{fname}()")
    w = as_trusted_array(w, name=f"w returned by {fname}()")
    b = as_trusted_number(b, name=f"b returned by {fname}()")
    if w.shape != (n_inputs,):
        raise AssertionError(f"{fname}(): expected w of shape ({n_inputs},), got shape {w.shape}.")
    return w, b


def _fires(w, b, x):
    z = sum(float(wi) * float(xi) for wi, xi in zip(w, x)) + b
    return 1 if z >= 0 else 0


def _check_gate(student, fname):
    w, b = _params(student, fname, 2)
    gate = _TABLES[fname]
    for x1, x2 in itertools.product((0, 1), repeat=2):
        got = _fires(w, b, (x1, x2))
        want = gate(x1, x2)
        if got != want:
            z = float(w[0]) * x1 + float(w[1]) * x2 + b
            raise AssertionError(
                f"{fname}() returned w = {w.tolist()}, b = {b!r}. For input ({x1}, {x2}) the "
                f"weighted sum is {z!r}, so the neuron outputs {got}, but the gate should "
                f"output {want}." + (" Remember that a sum of exactly 0 fires." if z == 0 else "")
            )


@test_case(points=2)
def and_gate(student):
    """and_params() makes a step neuron compute AND on all four inputs."""
    _check_gate(student, "and_params")


@test_case(points=2)
def or_gate(student):
    """or_params() makes a step neuron compute OR on all four inputs."""
    _check_gate(student, "or_params")


@test_case(points=2)
def nand_gate(student):
    """nand_params() makes a step neuron compute NAND on all four inputs."""
    _check_gate(student, "nand_params")


@test_case(points=2)
def not_gate(student):
    """not_params() makes a one-input step neuron compute NOT."""
    w, b = _params(student, "not_params", 1)
    for x in (0, 1):
        got = _fires(w, b, (x,))
        want = 1 - x
        if got != want:
            z = float(w[0]) * x + b
            raise AssertionError(
                f"not_params() returned w = {w.tolist()}, b = {b!r}. For input {x} the weighted "
                f"sum is {z!r}, so the neuron outputs {got}, but NOT {x} is {want}."
                + (" Remember that a sum of exactly 0 fires." if z == 0 else "")
            )
