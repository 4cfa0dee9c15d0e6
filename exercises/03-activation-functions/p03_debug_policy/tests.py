import math

import numpy as np

from grader.testing import check_cases, expect_array, test_case


def _policy_ref(logits, temperature=1.0):
    x = np.atleast_2d(np.asarray(logits, dtype=float))
    out = np.empty_like(x)
    for i, row in enumerate(x.tolist()):
        scaled = [v / temperature for v in row]
        m = max(scaled)
        exps = [math.exp(v - m) for v in scaled]
        total = math.fsum(exps)
        out[i] = [e / total for e in exps]
    return out.reshape(np.shape(logits))


@test_case(points=2)
def single_state(student):
    """One state's logits give a distribution over its actions."""
    x = np.array([0.0, math.log(2.0), math.log(5.0)])
    expect_array(student.policy_probs(x), [0.125, 0.25, 0.625], dtype="float")


@test_case(points=3)
def batch_rows_are_distributions(student):
    """A batch (N, A) with N != A: every row sums to 1 and matches softmax of that row."""
    rng = np.random.default_rng(371)
    batches = [
        rng.normal(size=(5, 3)) * 2.0,
        rng.normal(size=(4, 4)),
        np.array([[2.0, 1.0, 0.0, -1.0]]),
    ]
    check_cases(student.policy_probs, [(x, _policy_ref(x)) for x in batches])


@test_case(points=2)
def temperature(student):
    """Temperature divides the logits: T = 2 flattens, T = 0.5 sharpens."""
    x = np.array([[1.0, 2.0, 4.0], [0.0, 0.0, 3.0]])
    cases = [((x,), {"temperature": t}, _policy_ref(x, t)) for t in (2.0, 0.5, 1.0)]
    check_cases(student.policy_probs, cases)


@test_case(points=3)
def states_on_very_different_scales(student):
    """Rows with logits near +1e4 and near -1e4 in one batch stay finite and correct."""
    x = np.array([[1e4, 1e4 - 1.0, 1e4 - 3.0], [-1e4, -1e4 + 2.0, -1e4], [0.0, 0.0, 0.0]])
    check_cases(
        student.policy_probs,
        [(x, _policy_ref(x)), ((x,), {"temperature": 0.1}, _policy_ref(x, 0.1))],
    )
