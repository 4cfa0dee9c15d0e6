"""Hidden tests for soft_update."""

import numpy as np

from grader.testing import check_against_reference, check_cases, expect_true, last_call, test_case


def _ref(target, online, tau):
    return {k: tau * online[k] + (1.0 - tau) * target[k] for k in target}


def _nets(rng, n_actions=3):
    shapes = {
        "conv1_w": (4, 2, 3, 3),
        "conv1_b": (4,),
        "fc1_w": (16, 8),
        "fc1_b": (8,),
        "fc2_w": (8, n_actions),
        "fc2_b": (n_actions,),
    }
    target = {k: rng.standard_normal(s) for k, s in shapes.items()}
    online = {k: rng.standard_normal(s) for k, s in shapes.items()}
    return target, online


@test_case(points=2)
def by_hand(student):
    """tau = 0.25 on small arrays: 0.25 * online + 0.75 * target for every key."""
    target = {"w": np.array([[0.0, 4.0], [8.0, -4.0]]), "b": np.array([1.0, 2.0])}
    online = {"w": np.array([[4.0, 0.0], [0.0, 4.0]]), "b": np.array([5.0, -2.0])}
    want = {"w": np.array([[1.0, 3.0], [6.0, -2.0]]), "b": np.array([2.0, 1.0])}
    try:
        check_cases(student.soft_update, [((target, online, 0.25), want)])
    except AssertionError as exc:
        swapped = _ref(online, target, 0.25)
        got = student.soft_update(target, online, 0.25)
        hint = ""
        if isinstance(got, dict) and all(
            isinstance(got.get(k), np.ndarray) and np.allclose(got[k], swapped[k]) for k in want
        ):
            hint = (
                " Diagnosis: the roles are swapped. tau is the weight of the ONLINE network "
                "(small, e.g. 0.005), so the target moves a little towards the online one."
            )
        raise AssertionError(str(exc) + hint) from None


@test_case(points=2)
def tau_one_copies_and_tau_zero_keeps(student):
    """tau = 1 is a hard update (a copy of online); tau = 0 leaves the target as it was."""
    target, online = _nets(np.random.default_rng(3))
    check_cases(
        student.soft_update,
        [((target, online, 1.0), dict(online)), ((target, online, 0.0), dict(target))],
    )


@test_case(points=2)
def random_networks_small_tau(student):
    """Random parameter dicts with tau = 0.005 (DDPG, SAC) and tau = 0.1."""
    check_against_reference(
        student.soft_update, _ref, lambda rng: _nets(rng) + (0.005,), seeds=(0, 1)
    )
    check_against_reference(
        student.soft_update, _ref, lambda rng: _nets(rng, 6) + (0.1,), seeds=(2,)
    )


@test_case(points=2)
def new_arrays_inputs_unchanged(student):
    """Neither network changes, and the result shares no array with them (even at tau = 1)."""
    target, online = _nets(np.random.default_rng(4))
    for tau in (0.3, 1.0):
        new = student.soft_update(target, online, tau)
        label = last_call()
        expect_true(isinstance(new, dict), f"{label}: expected a dict, got {type(new).__name__}")
        for k, v in new.items():
            expect_true(
                isinstance(v, np.ndarray)
                and not np.shares_memory(v, online[k])
                and not np.shares_memory(v, target[k]),
                f"{label}: result[{k!r}] is (a view of) an input array. After a hard update "
                "the target must be a copy: the optimiser updates the online arrays in place "
                "in many implementations, and a shared array would move the target with it.",
            )
