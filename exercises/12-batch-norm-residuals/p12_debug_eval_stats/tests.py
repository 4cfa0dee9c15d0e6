"""Hidden tests for p12_debug_eval_stats."""

import numpy as np

from grader.testing import expect_array, expect_true, test_case


def _ref(states, p, eps=1e-5):
    z = states @ p["W1"] + p["b1"]
    h = np.maximum(
        p["gamma"] * (z - p["running_mean"]) / np.sqrt(p["running_var"] + eps) + p["beta"], 0.0
    )
    return h @ p["W2"] + p["b2"]


def _params(seed, S=4, H=16, A=2):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0.0, 1.0, (S, H))
    # running statistics as a trained network would hold them: of z = s @ W1 + b1 over the data
    data = rng.normal(0.0, 1.0, (5000, S)) * np.resize([1.0, 0.5, 0.1, 0.5], S)
    b1 = rng.normal(0.0, 0.5, H)
    z = data @ W1 + b1
    return {
        "W1": W1, "b1": b1,
        "gamma": rng.uniform(0.5, 1.5, H), "beta": rng.normal(0.0, 0.3, H),
        "running_mean": z.mean(axis=0), "running_var": z.var(axis=0, ddof=1),
        "W2": rng.normal(0.0, 0.5, (H, A)), "b2": rng.normal(0.0, 0.1, A),
    }  # fmt: skip


@test_case(points=4)
def one_state_at_a_time(student):
    """Acting: three different states, each alone in its batch, get their own Q-values."""
    params = _params(1400)
    states = np.array([[0.02, -0.3, 0.05, 0.4], [-1.5, 0.8, -0.1, -0.9], [1.0, 0.0, 0.15, 0.2]])
    got = [student.q_values(states[i : i + 1], params) for i in range(3)]
    if all(isinstance(g, np.ndarray) and g.shape == (1, 2) for g in got):
        expect_true(
            not (np.allclose(got[0], got[1]) and np.allclose(got[0], got[2])),
            f"Three different states, each passed alone (a batch of 1, as when the agent acts), "
            f"all got the same Q-values {np.round(got[0][0], 4).tolist()}. With a batch of one, "
            "the batch mean IS the state's own pre-activation, so z - mean = 0 and the output is "
            "a constant that ignores the state: the agent always picks the same action. Eval "
            "mode must normalise with the running mean and variance stored in params.",
        )
    for i in range(3):
        expect_array(got[i], _ref(states[i : i + 1], params),
                     name=f"Q-values of state {i} alone", dtype="float")  # fmt: skip


@test_case(points=4)
def a_state_does_not_depend_on_its_batch(student):
    """A state's Q-values are the same alone and inside a replay-sized batch of 32."""
    params = _params(1410)
    rng = np.random.default_rng(1411)
    batch = rng.normal(0.0, 1.0, (32, 4)) * np.array([1.0, 0.5, 0.1, 0.5])
    full = student.q_values(batch, params)
    alone = student.q_values(batch[5:6], params)
    if isinstance(full, np.ndarray) and isinstance(alone, np.ndarray) and full.shape == (32, 2):
        expect_true(
            np.allclose(full[5:6], alone, rtol=1e-9, atol=1e-12),
            f"State 5 got Q-values {np.round(full[5], 4).tolist()} inside a batch of 32 but "
            f"{np.round(alone[0], 4).tolist()} alone. In eval mode a sample's output must not "
            "depend on which other samples share its batch: use the running statistics for "
            "every batch size, not only for a batch of one.",
        )
    expect_array(full, _ref(batch, params), name="Q-values of a batch of 32", dtype="float")


@test_case(points=2)
def other_network_and_eps(student):
    """A 6 -> 8 -> 3 network with eps = 1e-3, on a batch of 5."""
    params = _params(1420, S=6, H=8, A=3)
    states = np.random.default_rng(1421).normal(size=(5, 6))
    expect_array(student.q_values(states, params, eps=1e-3), _ref(states, params, eps=1e-3),
                 dtype="float")  # fmt: skip
