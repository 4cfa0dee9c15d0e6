import numpy as np

from grader.testing import call_unmodified, expect_array, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _ref(rewards, q_online, q_target, dones, gamma):
    # Independent reference: a loop with Python floats; ties go to the first index.
    out = []
    for r, row_o, row_t, d in zip(
        np.asarray(rewards, dtype=float).tolist(),
        np.asarray(q_online, dtype=float).tolist(),
        np.asarray(q_target, dtype=float).tolist(),
        np.asarray(dones).tolist(),
    ):
        best = row_o.index(max(row_o))
        out.append(r if bool(d) else r + gamma * row_t[best])
    return np.array(out)


def _advice(got, rewards, q_online, q_target, dones, gamma):
    done = np.asarray(dones, dtype=float)
    n = len(rewards)
    swapped = q_online[np.arange(n), np.argmax(q_target, axis=1)]
    best = np.argmax(q_online, axis=1)
    variants = [
        (rewards + gamma * q_target[np.arange(n), best], "A terminal transition (done = 1) "
         "must not bootstrap past the end of its episode: its target is the reward alone."),
        (rewards + gamma * (1 - done) * q_target.max(axis=1), "That is the plain DQN target "
         "(max of the target network); Double DQN evaluates the online network's choice."),
        (rewards + gamma * (1 - done) * swapped, "The roles are swapped: the online network "
         "chooses the action, the target network gives its value."),
        (rewards + gamma * (1 - done) * q_online.max(axis=1), "The value must come from the "
         "target network, at the action the online network chooses."),
    ]  # fmt: skip
    for want, text in variants:
        if got.shape == want.shape and np.allclose(got, want, rtol=1e-9, atol=1e-12):
            return text
    return ""


def _check(student, rewards, q_online, q_target, dones, gamma, name):
    out = call_unmodified(student.double_dqn_targets, rewards, q_online, q_target, dones, gamma)
    try:
        expect_array(out, _ref(rewards, q_online, q_target, dones, gamma), name=name, dtype="float")
    except AssertionError as exc:
        advice = ""
        if type(out) is np.ndarray:
            advice = _advice(np.array(out, dtype=float), rewards, q_online, q_target, dones, gamma)
        raise _advised(exc, advice) from None


@test_case(points=3)
def known_values(student):
    """The prompt's example: chosen actions [1, 0], valued [3, 6]."""
    _check(
        student,
        np.array([1.0, 0.0]),
        np.array([[1.0, 5.0], [2.0, 0.0]]),
        np.array([[4.0, 3.0], [6.0, 9.0]]),
        np.array([0.0, 0.0]),
        0.5,
        "double_dqn_targets for the prompt's example",
    )


@test_case(points=2)
def random_batch_with_terminals(student):
    """A random batch with float and boolean dones."""
    rng = np.random.default_rng(661)
    rewards = rng.normal(size=6)
    q_online = rng.normal(size=(6, 4))
    q_target = rng.normal(size=(6, 4)) * 2.0
    dones = np.array([0.0, 1.0, 0.0, 0.0, 1.0, 0.0])
    _check(student, rewards, q_online, q_target, dones, 0.99, "double_dqn_targets, random (6, 4)")
    _check(
        student,
        rewards,
        q_online,
        q_target,
        dones.astype(bool),
        0.99,
        "double_dqn_targets, random (6, 4), boolean dones",
    )


@test_case(points=2)
def ties_go_to_the_lowest_index(student):
    """Tied online values choose the first of them; the target values then differ."""
    _check(
        student,
        np.array([0.0, 1.0]),
        np.array([[2.0, 2.0, 1.0], [0.0, 3.0, 3.0]]),
        np.array([[10.0, 20.0, 30.0], [1.0, 2.0, 4.0]]),
        np.array([False, False]),
        1.0,
        "double_dqn_targets with tied online values [[2, 2, 1], [0, 3, 3]]",
    )


@test_case(points=1)
def batch_of_one_and_gamma_zero(student):
    """A batch of one; gamma = 0 gives the rewards."""
    _check(
        student,
        np.array([-0.5]),
        np.array([[0.1, 0.2]]),
        np.array([[5.0, -5.0]]),
        np.array([0.0]),
        0.9,
        "double_dqn_targets for a batch of one",
    )
    _check(
        student,
        np.array([1.0, 2.0]),
        np.array([[0.1, 0.2], [3.0, 1.0]]),
        np.array([[5.0, -5.0], [7.0, 8.0]]),
        np.array([0.0, 0.0]),
        0.0,
        "double_dqn_targets with gamma=0",
    )
