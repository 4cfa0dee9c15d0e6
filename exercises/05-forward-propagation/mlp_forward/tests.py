import numpy as np

from grader.testing import call_unmodified, expect_array, expect_true, expect_tuple, test_case


def _relu(z):
    return np.where(z > 0, z, 0.0)


def _reference(X, params):
    """The trusted forward pass: (out, [(A_in, Z), ...])."""
    cache = []
    A = np.array(X, dtype=float)
    for i, (W, b) in enumerate(params):
        Z = A @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float)
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else _relu(Z)
    return A, cache


def _net(sizes, seed, bias_std=0.1):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), rng.normal(0.0, bias_std, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def _call(student, X, params, label):
    """Call mlp_forward, check it returns (out, cache) with cache a list; return both."""
    result = call_unmodified(student.mlp_forward, X, params)
    out, cache = expect_tuple(result, 2, name=f"mlp_forward(X, params) for {label}")
    expect_true(
        isinstance(cache, list),
        f"mlp_forward(X, params) for {label}: the cache must be a list of (A_in, Z) tuples, "
        f"got {type(cache).__name__}",
    )
    return out, cache


def _out_diagnosis(out, X, params, ref_out):
    """A hint when `out` matches a usual mistake, else ''."""
    got = np.asarray(out, dtype=float)
    if got.shape != ref_out.shape:
        return ""
    if np.allclose(got, _relu(ref_out)) and not np.allclose(got, ref_out):
        return (
            " Diagnosis: your output equals relu(expected output). The last layer must be "
            "linear: a ReLU there makes every negative Q-value 0."
        )
    A = np.asarray(X, dtype=float)
    for W, b in params:
        A = A @ W + b
    if np.allclose(got, A):
        return " Diagnosis: no ReLU was applied between the layers (the hidden layers need one)."
    return ""


def _check_out(student, X, params, label):
    out, cache = _call(student, X, params, label)
    ref_out, _ = _reference(X, params)
    try:
        expect_array(out, ref_out, name=f"out of mlp_forward(X, params) for {label}", dtype="float")
    except AssertionError as exc:
        raise AssertionError(str(exc) + _out_diagnosis(out, X, params, ref_out)) from None
    return out, cache


def _check_cache(student, X, params, label):
    out, cache = _call(student, X, params, label)
    _, ref_cache = _reference(X, params)
    where = f"mlp_forward(X, params) for {label}"
    expect_true(
        len(cache) == len(params),
        f"{where}: the cache must hold one (A_in, Z) tuple per layer, {len(params)} for this "
        f"{len(params)}-layer network (the linear output layer included), got {len(cache)}",
    )
    for i, (entry, (ref_A, ref_Z)) in enumerate(zip(cache, ref_cache)):
        A_in, Z = expect_tuple(entry, 2, name=f"{where}: cache[{i}]")
        try:
            expect_array(A_in, ref_A, name=f"{where}: cache[{i}][0] (A_in, the input of layer {i})")
        except AssertionError as exc:
            hint = ""
            got = np.asarray(A_in, dtype=float) if isinstance(A_in, np.ndarray) else None
            if got is not None and got.shape == ref_Z.shape:
                if np.allclose(got, ref_Z) or np.allclose(got, _relu(ref_Z)):
                    hint = (
                        " Diagnosis: this is the layer's output, not its input. Append "
                        "(A, Z) before A is replaced by the layer's activation."
                    )
            if i == 0 and got is not None and got.shape == ref_A.shape:
                if np.allclose(got, _relu(ref_A)):
                    hint = " Diagnosis: the first A_in must be X itself, not relu(X)."
            raise AssertionError(str(exc) + hint) from None
        try:
            expect_array(
                Z, ref_Z, name=f"{where}: cache[{i}][1] (Z, the pre-activation of layer {i})"
            )
        except AssertionError as exc:
            hint = ""
            if isinstance(Z, np.ndarray) and Z.shape == ref_Z.shape:
                if np.allclose(np.asarray(Z, dtype=float), _relu(ref_Z)):
                    hint = (
                        " Diagnosis: this is relu(Z), the activation. The cache must keep the "
                        "pre-activation, negative entries included (was the ReLU applied in place?)."
                    )
            raise AssertionError(str(exc) + hint) from None
    return out, cache


@test_case(points=1)
def one_layer_is_linear(student):
    """A one-layer network is X @ W + b with no ReLU; its cache is [(X, Z)] with Z == out."""
    X = np.array([[1.0, -2.0], [0.5, 0.5], [-1.0, 0.0]])
    params = [(np.array([[1.0, -1.0, 0.0], [2.0, 0.5, -1.0]]), np.array([0.0, -0.5, 0.25]))]
    _check_out(student, X, params, "a single layer 2 -> 3")
    _check_cache(student, X, params, "a single layer 2 -> 3")


@test_case(points=2)
def known_values(student):
    """The prompt's 1-2-1 network and a 2-3-2 network computed by hand."""
    params = [
        (np.array([[1.0, -1.0]]), np.array([0.0, 0.0])),
        (np.array([[1.0], [1.0]]), np.array([-1.0])),
    ]
    _check_out(student, np.array([[2.0]]), params, "the prompt's example, X = [[2]]")
    X = np.array([[1.0, 2.0], [-1.0, 1.0]])
    params = [
        (np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 1.0]]), np.array([0.0, -1.0, 0.0])),
        (np.array([[1.0, -1.0], [2.0, 0.0], [-1.0, 3.0]]), np.array([0.5, -0.5])),
    ]
    # hidden Z = [[1, 1, 1], [-1, 0, 2]] -> A = [[1, 1, 1], [0, 0, 2]]
    # out = [[2.5, 1.5], [-1.5, 5.5]]
    _check_out(student, X, params, "a 2-3-2 network, X = [[1, 2], [-1, 1]]")


@test_case(points=2)
def cartpole_q_network(student):
    """A random 4-64-64-2 Q-network on a batch of 8 states, and a deeper 3-5-5-5-5-2 network."""
    rng = np.random.default_rng(511)
    X = rng.normal(0.0, [1.0, 1.5, 0.1, 1.0], size=(8, 4))
    _check_out(student, X, _net([4, 64, 64, 2], 512), "a random 4-64-64-2 network, X (8, 4)")
    X = rng.standard_normal((6, 3))
    _check_out(student, X, _net([3, 5, 5, 5, 5, 2], 513), "a random 3-5-5-5-5-2 network, X (6, 3)")


@test_case(points=3)
def cache_holds_inputs_and_preactivations(student):
    """One (A_in, Z) per layer, in order: A_in of layer 0 is X, Z before the ReLU, Z_last == out."""
    rng = np.random.default_rng(514)
    X = rng.standard_normal((5, 4))
    params = _net([4, 6, 3, 2], 515, bias_std=0.5)
    out, cache = _check_cache(student, X, params, "a random 4-6-3-2 network, X (5, 4)")
    expect_true(
        np.allclose(np.asarray(cache[-1][1], dtype=float), np.asarray(out, dtype=float)),
        "mlp_forward: the last cache entry's Z must equal out (the output layer is linear)",
    )
    X = np.array([[1.0, 2.0], [-1.0, 1.0]])
    params = [
        (np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 1.0]]), np.array([0.0, -1.0, 0.0])),
        (np.array([[1.0, -1.0], [2.0, 0.0], [-1.0, 3.0]]), np.array([0.5, -0.5])),
    ]
    _check_cache(student, X, params, "a 2-3-2 network whose hidden Z has a negative entry")


@test_case(points=1)
def output_layer_is_linear(student):
    """Negative Q-values come out negative: no ReLU on the last layer."""
    X = np.array([[0.5, -0.2, 0.1, 0.3], [-1.0, 0.4, 0.0, -0.2]])
    params = _net([4, 8, 2], 516)
    W_out, _ = params[-1]
    params[-1] = (W_out, np.array([-20.0, -15.0]))  # returns of an episode with reward -1 per step
    _check_out(student, X, params, "a 4-8-2 network whose Q-values are all negative")


@test_case(points=1)
def batch_of_one(student):
    """A single state (1, 4) gives a (1, 2) output and (1, n) arrays in the cache."""
    X = np.array([[0.01, -0.2, 0.03, 0.25]])
    params = _net([4, 16, 16, 2], 517)
    _check_out(student, X, params, "one CartPole state, X (1, 4)")
    _check_cache(student, X, params, "one CartPole state, X (1, 4)")


@test_case(points=1)
def large_magnitudes(student):
    """Inputs of 1e6 and weights of 1e3 stay finite and exact to float64 precision."""
    rng = np.random.default_rng(518)
    X = rng.standard_normal((4, 3)) * 1e6
    params = [(W * 1e3, b * 1e6) for W, b in _net([3, 7, 2], 519)]
    _check_out(student, X, params, "X ~ 1e6, W ~ 1e3, b ~ 1e6 (a 3-7-2 network)")


@test_case(points=1)
def inputs_unchanged(student):
    """X and every W and b in params are unchanged; params keeps its length."""
    rng = np.random.default_rng(520)
    X = rng.standard_normal((3, 4))
    params = _net([4, 5, 5, 2], 521, bias_std=1.0)
    out, cache = _check_cache(student, X, params, "a random 4-5-5-2 network, X (3, 4)")
    expect_true(
        len(params) == 3,
        f"mlp_forward must not change the params list: it had 3 layers, now {len(params)}",
    )
