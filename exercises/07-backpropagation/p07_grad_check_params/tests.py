"""Hidden tests for p07_grad_check_params."""

import numpy as np

from grader.testing import expect_scalar, expect_true, expect_tuple, test_case


def _net(sizes, seed):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / a), size=(a, b)), rng.normal(0.0, 0.5, b))
        for a, b in zip(sizes[:-1], sizes[1:])
    ]


def _forward(X, params):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def _backward(dout, cache, params):
    grads, dA = [None] * len(params), dout
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else dA * (Z > 0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return grads


def _setup(seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((6, 3))
    Y = rng.standard_normal((6, 2))
    params = _net([3, 4, 2], seed + 1)

    def loss_fn():
        out, _ = _forward(X, params)
        return float(np.mean((out - Y) ** 2))

    out, cache = _forward(X, params)
    grads = _backward(2 * (out - Y) / out.size, cache, params)
    return loss_fn, params, grads


def _report(student, loss_fn, params, grads):
    before = [(W.copy(), b.copy()) for W, b in params]
    report = student.grad_check_params.may_modify(loss_fn, params, grads)
    for i, ((W, b), (W0, b0)) in enumerate(zip(params, before)):
        expect_true(
            bool(np.array_equal(W, W0) and np.array_equal(b, b0)),
            f"grad_check_params must leave every array of params holding its original values; "
            f"layer {i} changed. Save each entry before perturbing it and write the saved value "
            "back (old = P[idx] ... P[idx] = old).",
        )
    expect_true(
        type(report) in (list, tuple) and len(report) == len(params),
        f"grad_check_params: expected a list of {len(params)} (err_W, err_b) pairs, one per layer",
    )
    return [expect_tuple(r, 2, name=f"grad_check_params(...)[{i}]") for i, r in enumerate(report)]


@test_case(points=3)
def correct_gradients_pass(student):
    """Right gradients of a 3-4-2 network give relative errors below 1e-6 everywhere."""
    loss_fn, params, grads = _setup(96)
    for i, (eW, eb) in enumerate(_report(student, loss_fn, params, grads)):
        for name, e in (("err_W", eW), ("err_b", eb)):
            expect_scalar(
                e, 0.0, name=f"{name} of layer {i} for correct gradients", atol=1e-6, rtol=0
            )


@test_case(points=3)
def a_wrong_layer_is_found(student):
    """dW of layer 1 doubled: error 1/3 there, tiny elsewhere; db of layer 0 zeroed: error 1."""
    loss_fn, params, grads = _setup(97)
    grads[1] = (2 * grads[1][0], grads[1][1])
    grads[0] = (grads[0][0], np.zeros_like(grads[0][1]))
    report = _report(student, loss_fn, params, grads)
    expect_scalar(report[1][0], 1 / 3, name="err_W of layer 1 (dW doubled)", rtol=1e-4)
    expect_scalar(report[0][1], 1.0, name="err_b of layer 0 (db zeroed)", rtol=1e-6)
    expect_scalar(report[0][0], 0.0, name="err_W of layer 0 (correct)", atol=1e-6, rtol=0)
    expect_scalar(report[1][1], 0.0, name="err_b of layer 1 (correct)", atol=1e-6, rtol=0)


@test_case(points=2)
def params_restored_and_grads_unchanged(student):
    """params hold their exact values afterwards, and grads are not modified."""
    loss_fn, params, grads = _setup(98)
    for W, b in params:  # values that += eps, -= eps would not bring back exactly
        W += 0.1
        b += 0.3
    snapshot = [(dW.copy(), db.copy()) for dW, db in grads]
    _report(student, loss_fn, params, grads)
    for i, ((dW, db), (g0, h0)) in enumerate(zip(grads, snapshot)):
        expect_true(
            bool(np.array_equal(dW, g0) and np.array_equal(db, h0)),
            f"grad_check_params must not modify grads (layer {i} changed)",
        )


@test_case(points=1)
def uses_eps(student):
    """eps is used: for a cubic loss, eps=0.1 adds exactly eps**2 to each central difference."""
    params = [(np.array([[1.0, 2.0]]), np.array([0.5]))]

    def loss_fn():
        W, b = params[0]
        return float(np.sum(W**3) + np.sum(b**3))

    grads = [(3 * params[0][0] ** 2 + 0.01, 3 * params[0][1] ** 2 + 0.01)]
    report = student.grad_check_params.may_modify(loss_fn, params, grads, eps=0.1)
    ((eW, eb),) = [expect_tuple(r, 2, name="grad_check_params(..., eps=0.1)[0]") for r in report]
    expect_scalar(
        eW, 0.0, name="err_W with eps=0.1 (grads include the eps**2 term)", atol=1e-9, rtol=0
    )
    expect_scalar(
        eb, 0.0, name="err_b with eps=0.1 (grads include the eps**2 term)", atol=1e-9, rtol=0
    )
