import math

import numpy as np

from grader.testing import check_cases, expect_array, expect_raises, expect_true, test_case


def _apply(z, activation):
    # Independent reference, one row (and one Python float) at a time.
    z2 = np.atleast_2d(np.asarray(z, dtype=float))
    rows = []
    for row in z2.tolist():
        if activation == "relu":
            rows.append([max(v, 0.0) for v in row])
        elif activation == "sigmoid":
            rows.append(
                [1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in row]
            )
        elif activation == "tanh":
            rows.append([math.tanh(v) for v in row])
        elif activation == "linear":
            rows.append(list(row))
        else:  # softmax over the row
            m = max(row)
            exps = [math.exp(v - m) for v in row]
            total = math.fsum(exps)
            rows.append([e / total for e in exps])
    return np.array(rows).reshape(np.shape(z))


def _preact(x, W, b):
    """x @ W + b with Python floats and math.fsum (identical digits in every runtime)."""
    x2 = np.atleast_2d(np.asarray(x, dtype=float)).tolist()
    cols = np.asarray(W, dtype=float).T.tolist()
    bias = np.asarray(b, dtype=float).tolist()
    rows = [
        [math.fsum([*(xi * wi for xi, wi in zip(row, col)), bj]) for col, bj in zip(cols, bias)]
        for row in x2
    ]
    return np.array(rows).reshape(np.shape(x)[:-1] + (len(bias),))


def _layer(seed, n, d, m, scale=1.0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)) if n else rng.normal(size=d)
    return x, rng.normal(size=(d, m)) * scale, rng.normal(size=m)


def _watch_exp(fn, *args):
    """Call fn(*args) with numpy.exp wrapped; return (result, largest overflowing input)."""
    original = np.exp
    seen = []

    def exp(arg, *a, **k):
        result = original(arg, *a, **k)
        try:
            arr = np.asarray(arg)
            if arr.dtype.kind == "f":
                big = arr > np.log(np.finfo(arr.dtype).max)
                if "where" in k:
                    big = big & np.asarray(k["where"], dtype=bool)
                if np.any(big):
                    seen.append(float(np.max(arr[big]) if arr.ndim else arr))
        except Exception:
            pass
        return result

    np.exp = exp
    try:
        out = fn(*args)
    finally:
        np.exp = original
    return out, (max(seen) if seen else None)


@test_case(points=2)
def one_input_relu(student):
    """The example from the prompt: one input, two neurons, ReLU."""
    x = np.array([1.0, 2.0])
    W = np.array([[1.0, -1.0], [0.5, 0.0]])
    b = np.array([0.0, 0.5])
    expect_array(student.neuron_forward(x, W, b, "relu"), [2.0, 0.0], dtype="float")
    expect_array(student.neuron_forward(x, W, b, "linear"), [2.0, -0.5])


@test_case(points=4)
def batch_every_elementwise_activation(student):
    """A batch (N=5, D=3) through M=4 neurons, for relu, sigmoid, tanh and linear."""
    x, W, b = _layer(401, 5, 3, 4)
    z = _preact(x, W, b)
    cases = [((x, W, b, act), _apply(z, act)) for act in ("relu", "sigmoid", "tanh", "linear")]
    check_cases(student.neuron_forward, cases)


@test_case(points=2)
def softmax_over_the_neurons(student):
    """Softmax normalises over the M outputs of each row; batch of one and 1-D input work."""
    x, W, b = _layer(402, 3, 4, 5)
    out = student.neuron_forward(x, W, b, "softmax")
    expect_array(out, _apply(_preact(x, W, b), "softmax"))
    sums = np.sum(np.asarray(out, dtype=float), axis=-1)
    expect_true(
        bool(np.all(np.abs(sums - 1) < 1e-9)),
        "softmax outputs must sum to 1 over the neurons (last axis) of each row",
    )
    rows = [x[:1], x[0]]  # a batch of one, and one input
    check_cases(
        student.neuron_forward,
        [((r, W, b, "softmax"), _apply(_preact(r, W, b), "softmax")) for r in rows],
    )


@test_case(points=2)
def large_preactivations(student):
    """Pre-activations near +-1e4: finite outputs, and the sigmoid does not overflow."""
    x = np.array([[1.0, -1.0], [-1.0, 1.0], [0.5, 0.5]])
    W = np.array([[5000.0, -5000.0, 1.0], [-5000.0, 5000.0, -1.0]])
    b = np.array([0.0, 0.0, 0.0])
    z = _preact(x, W, b)
    out, worst = _watch_exp(student.neuron_forward, x, W, b, "sigmoid")
    expect_true(
        worst is None,
        f'neuron_forward(..., "sigmoid") with pre-activations up to 1e4 called np.exp on '
        f"{worst!r}, which overflows (float64 exp overflows above about 709.78). Only "
        "exponentiate numbers <= 0, e.g. np.exp(-np.abs(z)).",
    )
    expect_array(out, _apply(z, "sigmoid"), name='"sigmoid" with pre-activations of +-1e4')
    check_cases(
        student.neuron_forward, [((x, W, b, act), _apply(z, act)) for act in ("tanh", "softmax")]
    )


@test_case(points=1)
def unknown_activation_raises(student):
    """An unknown activation name raises ValueError instead of silently doing something."""
    x, W, b = _layer(403, 2, 3, 2)
    for name in ("swish", "rellu", ""):
        expect_raises(ValueError, student.neuron_forward, x, W, b, name)


@test_case(points=1)
def bias_is_added_before_the_activation(student):
    """f(xW + b), not f(xW) + b: a large negative bias silences a ReLU neuron."""
    x = np.array([[1.0, 1.0]])
    W = np.array([[1.0], [1.0]])
    b = np.array([-5.0])
    expect_array(
        student.neuron_forward(x, W, b, "relu"),
        [[0.0]],
        name='neuron_forward([[1, 1]], [[1], [1]], [-5], "relu") (z = -3)',
    )
    expect_array(
        student.neuron_forward(x, W, b, "sigmoid"),
        [[1 / (1 + math.exp(3.0))]],
        name='neuron_forward([[1, 1]], [[1], [1]], [-5], "sigmoid") (z = -3)',
    )
