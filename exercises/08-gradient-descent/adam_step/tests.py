"""Hidden tests for adam_step: the first step, the moments, many steps, large t, eps, new arrays."""

import numpy as np

from grader.testing import (
    check_against_reference,
    expect_true,
    expect_tuple,
    expect_value,
    test_case,
)


def _reference(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    new_p, new_m, new_v = [], [], []
    for p, g, mi, vi in zip(params, grads, m, v):
        g = np.asarray(g, float)
        mi = beta1 * np.asarray(mi, float) + (1 - beta1) * g
        vi = beta2 * np.asarray(vi, float) + (1 - beta2) * g * g
        step = (mi / (1 - beta1**t)) / (np.sqrt(vi / (1 - beta2**t)) + eps)
        new_p.append(np.asarray(p, float) - lr * step)
        new_m.append(mi)
        new_v.append(vi)
    return new_p, new_m, new_v


def _layers(rng, sizes=(3, 4, 2)):
    out = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        out += [rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out)]
    return out


def _call(student, *args, **kwargs):
    return expect_tuple(student.adam_step(*args, **kwargs), 3)


def _only_array(result):
    if type(result) in (list, tuple) and len(result) == 1 and type(result[0]) is np.ndarray:
        return np.asarray(result[0], float)
    return None


@test_case(points=3)
def first_step_has_size_lr(student):
    """At t=1 from zero moments every parameter moves by lr against the sign of its gradient."""
    p = np.array([1.0, -2.0, 0.5, 3.0])
    g = np.array([2.0, -0.001, 50.0, -4.0])  # very different scales: Adam's step ignores them
    lr = 0.01
    new_p, new_m, new_v = _call(student, [p], [g], [np.zeros(4)], [np.zeros(4)], 1, lr=lr)
    want, _, _ = _reference([p], [g], [np.zeros(4)], [np.zeros(4)], 1, lr=lr)
    got = _only_array(new_p)
    try:
        expect_value(new_p, want, name=f"new params after the first step (t=1, lr={lr})")
    except AssertionError as exc:
        hint = ""
        if got is not None and got.shape == p.shape:
            size = float(abs(got[0] - p[0]))
            ratio = size / lr
            hint = (
                f" The first step moved params[0][0] by {size:.4g}, {ratio:.3g} times lr; "
                f"Adam's first step is lr = {lr:g} for any gradient (m_hat / sqrt(v_hat) = "
                "g / |g| = +-1 at t = 1)."
            )
            if abs(ratio - 1 / np.sqrt(0.001) * 0.1) < 0.05:
                hint += (
                    " A ratio of 3.16 is Adam without bias correction: m_1 = 0.1 g and "
                    "sqrt(v_1) = 0.0316 |g| both start biased towards 0, v more so. Divide m "
                    "by 1 - beta1**t and v by 1 - beta2**t."
                )
            elif abs(ratio - 1 / np.sqrt(0.001)) < 0.5:
                hint += (
                    " A ratio of 31.6 means m was corrected but v was not: divide v by "
                    "1 - beta2**t as well."
                )
            elif abs(ratio - 0.1) < 0.01:
                hint += " A ratio of 0.1 means v was corrected but m was not (divide m by 1 - beta1**t)."
        raise AssertionError(str(exc) + hint) from None
    expect_value(new_m, [0.1 * g], name="new m after the first step (0.1 * g)")
    expect_value(new_v, [0.001 * g * g], name="new v after the first step (0.001 * g**2)")


@test_case(points=2)
def returns_the_uncorrected_moments(student):
    """new_m and new_v are the running averages, not m_hat and v_hat."""
    rng = np.random.default_rng(86)
    params = _layers(rng)
    grads = [rng.standard_normal(p.shape) for p in params]
    m = [0.1 * rng.standard_normal(p.shape) for p in params]
    v = [0.01 * rng.random(p.shape) for p in params]
    _, new_m, new_v = _call(student, params, grads, m, v, 3, lr=0.01)
    _, want_m, want_v = _reference(params, grads, m, v, 3, lr=0.01)
    got = new_m[0] if type(new_m) in (list, tuple) and new_m else None
    try:
        expect_value(new_m, want_m, name="new m at t=3")
    except AssertionError as exc:
        hint = ""
        if type(got) is np.ndarray and got.shape == want_m[0].shape:
            if np.allclose(got, want_m[0] / (1 - 0.9**3)):
                hint = (
                    " Diagnosis: you returned m_hat, the bias-corrected value. Return the "
                    "running average m itself; the correction is applied again from it at the "
                    "next step, with the next t."
                )
        raise AssertionError(str(exc) + hint) from None
    got = new_v[0] if type(new_v) in (list, tuple) and new_v else None
    try:
        expect_value(new_v, want_v, name="new v at t=3")
    except AssertionError as exc:
        hint = ""
        if type(got) is np.ndarray and got.shape == want_v[0].shape:
            if np.allclose(got, want_v[0] / (1 - 0.999**3)):
                hint = " Diagnosis: you returned v_hat; return the running average v itself."
            elif np.allclose(got, 0.999 * v[0] + 0.001 * grads[0]):
                hint = " Diagnosis: v must average the squared gradients, g * g."
        raise AssertionError(str(exc) + hint) from None


@test_case(points=3)
def many_steps_in_a_row(student):
    """Thirty calls with t = 1, 2, ..., feeding back m and v, on a 2-layer network's shapes."""
    rng = np.random.default_rng(87)
    curv = [rng.uniform(0.1, 10.0, (4, 3)), rng.uniform(0.1, 10.0, 3)]
    ours = [rng.standard_normal((4, 3)), rng.standard_normal(3)]
    theirs = [p.copy() for p in ours]
    m_o, v_o = [np.zeros_like(p) for p in ours], [np.zeros_like(p) for p in ours]
    m_t, v_t = [np.zeros_like(p) for p in ours], [np.zeros_like(p) for p in ours]
    for t in range(1, 31):
        noise = [0.5 * rng.standard_normal(p.shape) for p in ours]
        g_o = [c * p + n for c, p, n in zip(curv, ours, noise)]
        g_t = [c * p + n for c, p, n in zip(curv, theirs, noise)]
        ours, m_o, v_o = _call(student, ours, g_o, m_o, v_o, t, lr=0.05)
        theirs, m_t, v_t = _reference(theirs, g_t, m_t, v_t, t, lr=0.05)
        expect_value(m_o, m_t, name=f"m after step t={t}")
        expect_value(v_o, v_t, name=f"v after step t={t}")
        expect_value(ours, theirs, name=f"params after step t={t}")


@test_case(points=1)
def large_t_and_other_hyperparameters(student):
    """At t=10000 the correction is almost 1; betas, eps and lr passed as keywords are used."""

    def make(rng):
        params = _layers(rng)
        grads = [rng.standard_normal(p.shape) for p in params]
        m = [0.1 * rng.standard_normal(p.shape) for p in params]
        v = [0.05 * rng.random(p.shape) + 0.01 for p in params]
        t = int(rng.choice([10_000, 2, 57]))
        kw = {
            "lr": float(rng.uniform(1e-4, 1e-1)),
            "beta1": float(rng.uniform(0.5, 0.95)),
            "beta2": float(rng.uniform(0.9, 0.9999)),
            "eps": float(rng.choice([1e-8, 1e-3])),
        }
        return (params, grads, m, v, t), kw

    check_against_reference(student.adam_step, _reference, make, seeds=(0, 1, 2, 3, 4))


@test_case(points=2)
def rainbow_eps_with_small_gradients(student):
    """eps = 1.5e-4 (Rainbow's value) with gradients of about 1e-4: eps is added to sqrt(v_hat)."""
    rng = np.random.default_rng(88)
    params = _layers(rng)
    grads = [1e-4 * rng.standard_normal(p.shape) for p in params]
    zeros = [np.zeros_like(p) for p in params]
    kw = {"lr": 6.25e-5, "eps": 1.5e-4}
    ours, m_o, v_o = _call(student, params, grads, zeros, zeros, 1, **kw)
    theirs, m_t, v_t = _reference(params, grads, zeros, zeros, 1, **kw)
    try:
        expect_value(
            ours,
            theirs,
            name="params after one step with lr=6.25e-5, eps=1.5e-4",
            rtol=1e-7,
            atol=1e-12,
        )
    except AssertionError as exc:
        raise AssertionError(
            str(exc) + " With an eps as large as the gradients, where eps goes matters: "
            "torch.optim.Adam (and this exercise) use m_hat / (sqrt(v_hat) + eps), with eps added "
            "after the square root and after the bias correction. np.sqrt(v_hat + eps), or eps "
            "added to sqrt(v) before correcting, give other steps."
        ) from None


@test_case(points=2)
def zero_gradients_one_array_new_arrays(student):
    """Zero gradients at t=1 give no step (and no NaN); one array works; results are new arrays."""
    p = np.array([[2.0, -1.0, 0.0]])
    zero = [np.zeros((1, 3))]
    new_p, new_m, new_v = _call(student, [p], zero, [np.zeros((1, 3))], [np.zeros((1, 3))], 1)
    expect_value(new_p, [p.copy()], name="params after a zero gradient at t=1 (0 / (0 + eps) = 0)")
    rng = np.random.default_rng(89)
    params = _layers(rng)
    grads = [np.zeros_like(q) for q in params]
    m = [np.zeros_like(q) for q in params]
    v = [np.zeros_like(q) for q in params]
    out = _call(student, params, grads, m, v, 1)
    given = {"params": params, "grads": grads, "m": m, "v": v}
    for out_name, result in zip(("new params", "new m", "new v"), out):
        expect_true(
            type(result) in (list, tuple) and len(result) == len(params),
            f"adam_step: {out_name} must be a list with one array per parameter "
            f"({len(params)} here), got {type(result).__name__}",
        )
        for name, arrays in given.items():
            expect_true(
                result is not arrays,
                f"adam_step returned the list `{name}` as its {out_name}. Return new lists.",
            )
            for i, r in enumerate(result):
                for j, a in enumerate(arrays):
                    if type(r) is np.ndarray and np.shares_memory(r, a):
                        raise AssertionError(
                            f"adam_step: {out_name}[{i}] is {name}[{j}] itself (or a view of it). "
                            "Return new arrays: the caller may change one in place later."
                        )
