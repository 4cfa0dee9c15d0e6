import numpy as np

from grader.testing import expect_array, expect_scalar, test_case


def _q(phi, W, b):
    # Independent loop formula: one weighted sum per column.
    D, A = W.shape
    return np.array(
        [sum(float(W[i, a]) * float(phi[i]) for i in range(D)) + float(b[a]) for a in range(A)]
    )


def _example():
    phi = np.array([1.0, 2.0])
    W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 1.0]])
    b = np.array([0.0, 0.5, 0.0])
    return phi, W, b


@test_case(points=2)
def example_q_values(student):
    """The example from the prompt gives Q = [1, 2.5, 1]."""
    expect_array(student.linear_q_values(*_example()), [1.0, 2.5, 1.0], dtype="float")


@test_case(points=2)
def random_layer(student):
    """A random layer with 6 features and 4 actions (non-square W)."""
    rng = np.random.default_rng(303)
    # Quarter-integer values keep every product and sum exact, in CPython and in Pyodide alike.
    phi = rng.integers(-8, 9, size=6) / 4.0
    W = rng.integers(-8, 9, size=(6, 4)) / 4.0
    b = rng.integers(-8, 9, size=4) / 4.0
    expect_array(student.linear_q_values(phi, W, b), _q(phi, W, b), dtype="float")


@test_case(points=1)
def single_action(student):
    """With one action the result still has shape (1,)."""
    phi, W, b = np.array([2.0, -3.0, 0.5]), np.array([[1.0], [1.0], [4.0]]), np.array([-0.5])
    expect_array(student.linear_q_values(phi, W, b), [0.5], dtype="float")


@test_case(points=1)
def inputs_not_modified(student):
    """phi, W and b are unchanged after both functions run (every call checks)."""
    rng = np.random.default_rng(304)
    phi, W, b = rng.normal(size=3), rng.normal(size=(3, 3)), rng.normal(size=3)
    expect_array(student.linear_q_values(phi, W, b), _q(phi, W, b), dtype="float")
    student.greedy_action(phi, W, b)


@test_case(points=2)
def greedy_picks_the_largest(student):
    """greedy_action returns the argmax, including negative and large Q-values."""
    rng = np.random.default_rng(305)
    for k in range(10):
        scale = 1e5 if k % 2 else 1.0
        phi, W, b = rng.normal(size=5) * scale, rng.normal(size=(5, 3)), rng.normal(size=3) - 10
        q = _q(phi, W, b)
        want = max(range(3), key=lambda a: (q[a], -a))
        out = student.greedy_action(phi, W, b)
        expect_scalar(
            out,
            want,
            name=f"greedy_action for random case {k} (Q = {q.round(3).tolist()})",
            kind="int",
        )


@test_case(points=2)
def greedy_ties_go_to_lowest_index(student):
    """When actions tie for the best Q-value, the lowest index wins."""
    phi, W, b = _example()
    out = student.greedy_action(phi, W, np.array([1.5, 0.0, 1.5]))
    expect_scalar(out, 0, name="greedy_action with Q = [2.5, 2.0, 2.5]", kind="int")
    out = student.greedy_action(np.zeros(2), W, np.zeros(3))
    expect_scalar(out, 0, name="greedy_action with Q = [0, 0, 0]", kind="int")
