import numpy as np

from grader.testing import call_unmodified, expect_array, expect_true, test_case

N_ROWS = 20000


def _actions(student, q, epsilon, seed, label):
    rng = np.random.default_rng(seed)
    got = call_unmodified(student.epsilon_greedy, q, epsilon, rng)
    name = f"epsilon_greedy(q_values, epsilon={epsilon}, rng) for {label}"
    expect_true(
        isinstance(got, np.ndarray),
        f"{name}: expected a NumPy array of actions, got {type(got).__name__}",
    )
    expect_true(
        got.shape == (q.shape[0],),
        f"{name}: expected shape ({q.shape[0]},), one action per row, got {got.shape}",
    )
    expect_true(got.dtype.kind in "iu", f"{name}: expected integer actions, got dtype {got.dtype}")
    expect_true(
        bool(np.all((got >= 0) & (got < q.shape[1]))),
        f"{name}: every action must be in 0..{q.shape[1] - 1}, got values from "
        f"{int(got.min())} to {int(got.max())}",
    )
    return got, name


def _frequencies(actions, n_actions):
    return np.bincount(actions.astype(np.intp), minlength=n_actions) / len(
        actions
    )  # intp: int32 in Pyodide


def _q_with_greedy(n, n_actions, greedy, seed):
    """Random Q-values whose greedy action is `greedy` in every row."""
    q = np.random.default_rng(seed).standard_normal((n, n_actions))
    q[:, greedy] = q.max(axis=1) + 1.0
    return q


@test_case(points=2)
def epsilon_zero_is_greedy(student):
    """With epsilon = 0 every action is the argmax of its row, ties to the lowest index."""
    q = np.array([[0.1, 0.5], [2.0, -1.0], [-3.0, -3.0], [1.0, 1.0]])
    got, name = _actions(student, q, 0.0, 551, "4 rows with two ties")
    expect_array(
        got, np.array([1, 0, 0, 0], dtype=np.int64), name=name, dtype="int", rtol=0, atol=0
    )
    q = np.random.default_rng(552).standard_normal((50, 3))
    got, name = _actions(student, q, 0.0, 553, "random Q-values (50, 3)")
    expect_array(got, np.argmax(q, axis=1).astype(np.int64), name=name, dtype="int", rtol=0, atol=0)


@test_case(points=2)
def epsilon_one_is_uniform(student):
    """With epsilon = 1 every action, the greedy one included, has probability 1/A."""
    q = _q_with_greedy(N_ROWS, 4, 2, 554)
    got, name = _actions(student, q, 1.0, 555, f"{N_ROWS} states, 4 actions, greedy action 2")
    freq = _frequencies(got, 4)
    expect_true(
        bool(np.all(np.abs(freq - 0.25) < 0.02)),
        f"{name}: each action should be chosen in about 25% of the rows, got "
        f"{np.round(freq, 3).tolist()}. The random action must be uniform over all A actions "
        "(the greedy one included; rng.integers' upper bound is excluded).",
    )


@test_case(points=2)
def exploration_rate(student):
    """With epsilon = 0.2 and 4 actions: greedy 0.85, each other action 0.05."""
    q = _q_with_greedy(N_ROWS, 4, 1, 556)
    got, name = _actions(student, q, 0.2, 557, f"{N_ROWS} states, 4 actions, greedy action 1")
    freq = _frequencies(got, 4)
    expected = np.array([0.05, 0.85, 0.05, 0.05])
    expect_true(
        bool(np.all(np.abs(freq - expected) < 0.015)),
        f"{name}: expected the action frequencies {expected.tolist()} (greedy 1 - epsilon + "
        f"epsilon / A, the others epsilon / A), got {np.round(freq, 3).tolist()}",
    )


@test_case(points=2)
def each_row_explores_independently(student):
    """Every row tosses its own coin: with epsilon = 0.5 and 2 actions a quarter of rows pick action 1."""
    q = _q_with_greedy(N_ROWS, 2, 0, 558)
    fractions = []
    for seed in (559, 560, 561):
        got, name = _actions(student, q, 0.5, seed, f"{N_ROWS} states, 2 actions, greedy action 0")
        fractions.append(float(np.mean(got == 1)))
    expect_true(
        all(abs(f - 0.25) < 0.02 for f in fractions),
        f"{name}: with epsilon = 0.5 about 25% of the rows should take action 1 (explore, then "
        f"draw 1), in every call; got {[round(f, 3) for f in fractions]} for three seeds. Each "
        "row needs its own exploration decision, not one for the whole batch.",
    )


@test_case(points=1)
def reproducible_from_the_generator(student):
    """The same seed gives the same actions; different seeds give different ones."""
    q = np.random.default_rng(562).standard_normal((500, 3))
    first, name = _actions(student, q, 0.5, 7, "500 random states")
    second, _ = _actions(student, q, 0.5, 7, "500 random states")
    expect_true(
        bool(np.array_equal(first, second)),
        f"{name}: two calls with np.random.default_rng(7) gave different actions. Use the rng "
        "argument for every random draw (not np.random.* and not a new generator).",
    )
    other, _ = _actions(student, q, 0.5, 8, "500 random states")
    expect_true(
        not bool(np.array_equal(first, other)),
        f"{name}: generators seeded 7 and 8 gave identical actions: is the rng argument used?",
    )


@test_case(points=1)
def batch_of_one_and_input_unchanged(student):
    """One state gives one action; q_values is not modified."""
    q = np.array([[0.2, 0.9, -0.4]])
    got, name = _actions(student, q, 0.0, 563, "one state")
    expect_array(got, np.array([1], dtype=np.int64), name=name, dtype="int", rtol=0, atol=0)
    got, _ = _actions(student, q, 1.0, 564, "one state")
