"""Hidden tests for p08_debug_adam: adam_update must take torch.optim.Adam's steps."""

import numpy as np

from grader.testing import expect_true, expect_tuple, expect_value, test_case


def _reference(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad**2
    step = (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
    return theta - lr * step, {"m": m, "v": v, "t": t}


def _fresh(theta):
    return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}


def _call(student, *args, **kwargs):
    new_theta, new_state = expect_tuple(student.adam_update(*args, **kwargs), 2)
    expect_true(
        type(new_state) is dict and set(new_state) == {"m", "v", "t"},
        "adam_update must return (new_theta, new_state) with new_state a dict with keys "
        f"'m', 'v' and 't', got {type(new_state).__name__}"
        + (f" with keys {sorted(new_state)}" if type(new_state) is dict else ""),
    )
    return new_theta, new_state


@test_case(points=3)
def first_step_has_size_lr(student):
    """From a fresh state, the first update moves every parameter by lr (as torch.optim.Adam)."""
    theta = np.array([0.5, -1.0, 2.0, 0.0])
    grad = np.array([0.3, -2.0, 1e-3, 40.0])
    lr = 1e-3
    new_theta, _ = _call(student, theta, grad, _fresh(theta), lr=lr)
    want, _ = _reference(theta, grad, _fresh(theta), lr=lr)
    if type(new_theta) is np.ndarray and new_theta.shape == theta.shape:
        sizes = np.abs(np.asarray(new_theta, float) - theta)
        if not np.allclose(sizes, np.abs(want - theta), rtol=1e-2):  # grossly wrong sizes only
            ratio = float(sizes[0] / lr)
            why = ""
            if abs(ratio - 3.162) < 0.01:
                why = (
                    " After one step m = 0.1 g and sqrt(v) = 0.0316 |g|: both averages start at 0 "
                    "and are biased towards it, v more, so m / sqrt(v) is 3.16 instead of 1. Divide "
                    "m by (1 - beta1**t) and v by (1 - beta2**t), with t = 1 on the first step."
                )
            elif abs(ratio - 31.62) < 0.1:
                why = " That is m corrected but v not: divide v by (1 - beta2**t) as well."
            elif not np.isfinite(ratio):
                why = (
                    " A non-finite step is a division by zero: on the first step t must be 1, "
                    "and 1 - beta**0 = 0."
                )
            raise AssertionError(
                f"adam_update's first step from a fresh state moved the parameters by "
                f"{np.round(sizes, 6).tolist()}, {ratio:.3g} times lr; torch.optim.Adam moves each "
                f"by lr = {lr:g} on its first step, whatever the gradient.{why}"
            )
    expect_value(new_theta, want, name="theta after the first step")


@test_case(points=3)
def first_hundred_steps(student):
    """A hundred steps on a noisy quadratic follow torch.optim.Adam's path, step by step."""
    rng = np.random.default_rng(92)
    theta = rng.standard_normal(5)
    ours, state = theta.copy(), _fresh(theta)
    theirs, ref_state = theta.copy(), _fresh(theta)
    for step in range(1, 101):
        noise = 0.1 * rng.standard_normal(5)
        ours_before = ours
        ours, state = _call(student, ours, 2.0 * ours + noise, state, lr=0.01)
        theirs_before = theirs
        theirs, ref_state = _reference(theirs, 2.0 * theirs + noise, ref_state, lr=0.01)
        if type(ours) is np.ndarray and ours.shape == (5,) and not np.allclose(ours, theirs):
            got = float(np.linalg.norm(np.asarray(ours, float) - ours_before))
            want = float(np.linalg.norm(theirs - theirs_before))
            raise AssertionError(
                f"after {step} adam_update steps (lr=0.01) theta differs from torch.optim.Adam's: "
                f"step {step} had length {got:.4g}, Adam's {want:.4g} ({got / want:.3g} times). "
                f"Expected {np.round(theirs, 6).tolist()}, got {np.round(ours, 6).tolist()}."
            )
        expect_value(ours, theirs, name=f"theta after step {step}")


@test_case(points=2)
def state_holds_the_running_averages(student):
    """The new state has the uncorrected m and v and t + 1; the old state is unchanged."""
    rng = np.random.default_rng(93)
    theta = rng.standard_normal((2, 3))
    state = {"m": 0.1 * rng.standard_normal((2, 3)), "v": 0.01 * rng.random((2, 3)), "t": 4}
    grad = rng.standard_normal((2, 3))
    _, new_state = _call(student, theta, grad, state)
    _, want = _reference(theta, grad, state)
    expect_value(new_state["t"], 5, name="new_state['t'] after a call with t = 4")
    try:
        expect_value(new_state["m"], want["m"], name="new_state['m']")
        expect_value(new_state["v"], want["v"], name="new_state['v']")
    except AssertionError as exc:
        raise AssertionError(
            str(exc) + " The state must keep the running averages themselves; the bias-corrected "
            "m_hat and v_hat are only for the step (stored, they would be corrected again next time)."
        ) from None


@test_case(points=1)
def late_in_training(student):
    """At t = 5000 the correction barely matters, and the step still matches."""
    rng = np.random.default_rng(94)
    theta = rng.standard_normal(4)
    state = {"m": 0.05 * rng.standard_normal(4), "v": 0.02 * rng.random(4) + 0.001, "t": 5000}
    grad = rng.standard_normal(4)
    new_theta, _ = _call(student, theta, grad, state, lr=3e-4, beta1=0.8, beta2=0.99, eps=1e-5)
    expect_value(
        new_theta,
        _reference(theta, grad, state, 3e-4, 0.8, 0.99, 1e-5)[0],
        name="theta at t = 5001",
    )


@test_case(points=1)
def zero_gradient(student):
    """A zero gradient from a fresh state leaves theta where it is (no NaN from 0 / 0)."""
    theta = np.array([1.0, -3.0])
    new_theta, _ = _call(student, theta, np.zeros(2), _fresh(theta))
    expect_value(new_theta, theta.copy(), name="theta after a zero gradient")
