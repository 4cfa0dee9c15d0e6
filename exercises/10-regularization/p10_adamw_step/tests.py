"""Hidden tests for adamw_step: decoupled decay, Adam's moments, several steps in a row."""

import numpy as np

from grader.testing import check_against_reference, expect_tuple, expect_value, last_call, test_case


def _reference(
    params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01
):
    out_p, out_m, out_v = [], [], []
    for p, g, mi, vi in zip(params, grads, m, v):
        p = np.asarray(p, float) * (1 - lr * weight_decay)
        mi = beta1 * mi + (1 - beta1) * g
        vi = beta2 * vi + (1 - beta2) * g * g
        out_p.append(p - lr * (mi / (1 - beta1**t)) / (np.sqrt(vi / (1 - beta2**t)) + eps))
        out_m.append(mi)
        out_v.append(vi)
    return out_p, out_m, out_v


def _call(student, *args, **kwargs):
    return expect_tuple(student.adamw_step(*args, **kwargs), 3)


@test_case(points=2)
def zero_gradients_only_decay(student):
    """With zero loss gradients, AdamW only multiplies every parameter by (1 - lr * weight_decay)."""
    params = [np.array([[1.0, -2.0], [4.0, 0.5]]), np.array([3.0, -1.0])]
    zeros = [np.zeros((2, 2)), np.zeros(2)]
    new_p, _, _ = _call(student, params, zeros, zeros, zeros, 1, lr=0.1, weight_decay=0.5)
    label = last_call()
    want = [p * 0.95 for p in params]
    try:
        expect_value(new_p, want, name=f"new params of {label}")
    except AssertionError as exc:
        l2_p = _reference(
            params, [0.5 * p for p in params], zeros, zeros, 1, lr=0.1, weight_decay=0.0
        )[0]
        hint = ""
        if (
            type(new_p) in (list, tuple)
            and len(new_p) == 2
            and all(
                type(a) is np.ndarray and a.shape == b.shape and np.allclose(a, b)
                for a, b in zip(new_p, l2_p)
            )
        ):
            hint = (
                " Your step is Adam with weight_decay * p added to the gradient: Adam then "
                "divides the decay by sqrt(v_hat), so every parameter moved by about lr, "
                "whatever its size. AdamW applies p * (1 - lr * weight_decay) directly, outside "
                "the normalisation."
            )
        elif (
            type(new_p) in (list, tuple)
            and len(new_p) == 2
            and all(
                type(a) is np.ndarray and a.shape == b.shape and np.allclose(a, b * 0.5)
                for a, b in zip(new_p, params)
            )
        ):
            hint = " You multiplied by (1 - weight_decay); PyTorch's AdamW uses (1 - lr * weight_decay)."
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def first_step_by_hand(student):
    """Step 1 from zero moments: the Adam part moves each entry by lr * sign(g) (almost)."""
    p = [np.array([1.0, -1.0, 2.0])]
    g = [np.array([0.5, -2.0, 0.0])]
    z = [np.zeros(3)]
    new_p, new_m, new_v = _call(student, p, g, z, z, 1, lr=0.01, weight_decay=0.1)
    expect_value(new_m, [np.array([0.05, -0.2, 0.0])], name=f"new m of {last_call()}")
    expect_value(new_v, [np.array([0.00025, 0.004, 0.0])], name=f"new v of {last_call()}")
    want = p[0] * (1 - 0.001) - 0.01 * np.array([0.5, -2.0, 0.0]) / (
        np.abs([0.5, -2.0, 0.0]) + 1e-8
    )
    expect_value(new_p, [want], name=f"new params of {last_call()}")


@test_case(points=3)
def many_steps_in_a_row(student):
    """Twenty steps on a quadratic, feeding back the returned moments, follow torch.optim.AdamW."""
    rng = np.random.default_rng(12)
    curv = [rng.uniform(0.1, 5.0, size=(3, 2)), rng.uniform(0.1, 5.0, size=2)]
    ours = [rng.normal(size=(3, 2)), rng.normal(size=2)]
    ref = [a.copy() for a in ours]
    m = [np.zeros_like(a) for a in ours]
    v = [np.zeros_like(a) for a in ours]
    rm, rv = [a.copy() for a in m], [a.copy() for a in v]
    kwargs = {"lr": 0.05, "weight_decay": 0.2}
    for t in range(1, 21):
        ours, m, v = _call(student, ours, [c * a for c, a in zip(curv, ours)], m, v, t, **kwargs)
        ref, rm, rv = _reference(ref, [c * a for c, a in zip(curv, ref)], rm, rv, t, **kwargs)
        expect_value(ours, ref, name=f"params after step {t} (lr=0.05, weight_decay=0.2)")
        expect_value(m, rm, name=f"m after step {t}")
        expect_value(v, rv, name=f"v after step {t}")


@test_case(points=1)
def random_states(student):
    """Random parameters, gradients, moments, step numbers and hyperparameters."""

    def make(rng):
        shapes = [(4, 3), (3,), (3, 2), (2,)]
        params = [rng.normal(size=s) for s in shapes]
        grads = [rng.normal(size=s) for s in shapes]
        m = [rng.normal(size=s) * 0.1 for s in shapes]
        v = [rng.uniform(0.0, 1.0, size=s) for s in shapes]
        t = int(rng.integers(1, 50))
        return (params, grads, m, v, t), {
            "lr": float(rng.uniform(1e-4, 0.1)),
            "weight_decay": float(rng.uniform(0.0, 0.5)),
            "beta1": float(rng.uniform(0.5, 0.95)),
            "beta2": float(rng.uniform(0.9, 0.9999)),
        }

    check_against_reference(student.adamw_step, _reference, make)
