"""Hidden tests for mlp_backward."""

import numpy as np

from grader.testing import expect_array, expect_true, expect_tuple, gradient_check, test_case


def _net(sizes, seed, bias_std=0.3):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), rng.normal(0.0, bias_std, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def _forward(X, params):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.where(Z > 0, Z, 0.0)
    return A, cache


def _backward(dout, cache, params):
    grads, dA = [], dout
    for i in range(len(params) - 1, -1, -1):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else dA * (Z > 0)
        grads.append((A_in.T @ dZ, dZ.sum(axis=0)))
        dA = dZ @ params[i][0].T
    return grads[::-1]


def _grads(student, dout, cache, params, label):
    grads = student.mlp_backward(dout, cache, params)
    expect_true(
        type(grads) in (list, tuple) and len(grads) == len(params),
        f"mlp_backward for {label}: expected a list of {len(params)} (dW, db) pairs, one per "
        f"layer, got {type(grads).__name__}"
        + (f" of length {len(grads)}" if type(grads) in (list, tuple) else ""),
    )
    return [
        expect_tuple(g, 2, name=f"mlp_backward for {label}: grads[{i}]")
        for i, g in enumerate(grads)
    ]


def _check(student, X, params, dout, label):
    _, cache = _forward(X, params)
    grads = _grads(student, dout, cache, params, label)
    want = _backward(dout, cache, params)
    for i, ((dW, db), (rW, rb)) in enumerate(zip(grads, want)):
        for what, got, ref in (("dW", dW, rW), ("db", db, rb)):
            try:
                expect_array(
                    got, ref, name=f"mlp_backward for {label}: {what} of layer {i}", dtype="float"
                )
            except AssertionError as exc:
                raise AssertionError(
                    str(exc) + _diagnose(grads, want, i, got, ref, len(X))
                ) from None
    return grads


def _diagnose(grads, want, i, got, ref, N):
    L = len(want)
    if N > 1 and isinstance(got, np.ndarray) and got.shape == ref.shape:
        if np.allclose(got * N, ref) and not np.allclose(ref, 0.0):
            return (
                f" Diagnosis: this gradient is N = {N} times too small. dout already holds the "
                "1/N of a mean loss; the sums over the batch (A_in.T @ dZ, dZ.sum(axis=0)) must "
                "not divide again."
            )
    try:
        flipped = all(
            np.shape(grads[j][0]) == want[L - 1 - j][0].shape
            and np.allclose(grads[j][0], want[L - 1 - j][0])
            for j in range(L)
        )
    except (TypeError, ValueError):
        flipped = False
    if flipped and L > 1:
        return (
            " Diagnosis: your list is in reverse order. grads[l] must belong to params[l] "
            "(the first layer first), even though the loop runs from the last layer down."
        )
    return ""


@test_case(points=1)
def one_layer_is_linear(student):
    """One layer: dW = X.T @ dout and db = dout summed over the batch, no ReLU anywhere."""
    X = np.array([[1.0, -2.0], [0.5, 0.5], [-1.0, 0.0]])
    params = [(np.array([[1.0, -1.0, 0.0], [2.0, 0.5, -1.0]]), np.array([0.0, -0.5, 0.25]))]
    dout = np.array([[1.0, -1.0, 0.5], [0.0, 2.0, -1.0], [-3.0, 0.0, 1.0]])
    _check(student, X, params, dout, "a single layer 2 -> 3")


@test_case(points=2)
def small_network_by_hand(student):
    """A 1-2-1 network where one hidden unit is off: its weights get no gradient."""
    params = [
        (np.array([[1.0, -1.0]]), np.array([0.0, 0.0])),
        (np.array([[3.0], [5.0]]), np.array([-1.0])),
    ]
    # Z1 = [[2, -2]], A1 = [[2, 0]], out = [[5]]; dout = [[1]] -> dW2 = [[2], [0]], db2 = [1],
    # dA1 = [[3, 5]], dZ1 = [[3, 0]], dW1 = [[6, 0]], db1 = [3, 0]
    grads = _check(
        student, np.array([[2.0]]), params, np.array([[1.0]]), "a 1-2-1 network, X = [[2]]"
    )
    expect_array(grads[0][0], np.array([[6.0, 0.0]]), name="dW of layer 0 for the 1-2-1 network")


@test_case(points=3)
def q_network_against_reference(student):
    """A random 4-64-64-2 network, batch of 8, and a deeper 3-5-5-5-2 network, batch of 6."""
    rng = np.random.default_rng(80)
    X = rng.normal(0.0, [1.0, 1.5, 0.1, 1.0], size=(8, 4))
    _check(
        student,
        X,
        _net([4, 64, 64, 2], 81),
        rng.standard_normal((8, 2)) / 8,
        "a 4-64-64-2 network, X (8, 4)",
    )
    X = rng.standard_normal((6, 3))
    _check(
        student,
        X,
        _net([3, 5, 5, 5, 2], 82),
        rng.standard_normal((6, 2)) / 6,
        "a 3-5-5-5-2 network, X (6, 3)",
    )


@test_case(points=3)
def gradient_check_of_every_parameter(student):
    """Every dW and db of a 3-4-3-2 network against central differences of sum(G * out)."""
    rng = np.random.default_rng(83)
    X = rng.standard_normal((5, 3))
    params = _net([3, 4, 3, 2], 84, bias_std=0.5)
    G = rng.standard_normal((5, 2))
    _, cache = _forward(X, params)
    grads = _grads(student, G, cache, params, "a 3-4-3-2 network")
    for i, ((W, b), (dW, db)) in enumerate(zip(params, grads)):

        def loss_W(w, i=i):
            trial = list(params)
            trial[i] = (w, params[i][1])
            return float(np.sum(G * _forward(X, trial)[0]))

        def loss_b(c, i=i):
            trial = list(params)
            trial[i] = (params[i][0], c)
            return float(np.sum(G * _forward(X, trial)[0]))

        gradient_check(loss_W, W, dW, name=f"dW of layer {i} from mlp_backward")
        gradient_check(loss_b, b, db, name=f"db of layer {i} from mlp_backward")


@test_case(points=2)
def equal_widths_and_batch_of_one(student):
    """A 4-4-4-4 network (a reversed list would fit the shapes) and a single state."""
    rng = np.random.default_rng(85)
    X = rng.standard_normal((4, 4))
    _check(
        student,
        X,
        _net([4, 4, 4, 4], 86),
        rng.standard_normal((4, 4)),
        "a 4-4-4-4 network, X (4, 4)",
    )
    X = rng.standard_normal((1, 4))
    _check(student, X, _net([4, 16, 16, 2], 87), rng.standard_normal((1, 2)), "one state, X (1, 4)")


@test_case(points=2)
def output_layer_has_no_relu(student):
    """Negative outputs still pass their gradient: the output layer is linear."""
    rng = np.random.default_rng(88)
    X = rng.standard_normal((3, 4))
    params = _net([4, 6, 2], 89)
    params[-1] = (params[-1][0], np.array([-20.0, -15.0]))  # every output negative
    _check(student, X, params, rng.standard_normal((3, 2)), "a 4-6-2 network with negative outputs")


@test_case(points=1)
def inputs_unchanged(student):
    """dout, every cached array and every parameter are unchanged afterwards."""
    rng = np.random.default_rng(90)
    X = rng.standard_normal((5, 3))
    params = _net([3, 4, 4, 2], 91)
    _, cache = _forward(X, params)
    student.mlp_backward(rng.standard_normal((5, 2)), cache, params)  # the default check
