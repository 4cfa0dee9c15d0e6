"""Hidden tests for dqn_param_count."""

from grader.testing import as_trusted_number, expect_value, test_case


def _count(n_actions, frame_stack=4):
    """Layer by layer, written out (the test's own reference)."""
    conv1 = 32 * frame_stack * 8 * 8 + 32
    conv2 = 64 * 32 * 4 * 4 + 64
    conv3 = 64 * 64 * 3 * 3 + 64
    fc1 = 64 * 7 * 7 * 512 + 512
    fc2 = 512 * n_actions + n_actions
    return conv1 + conv2 + conv3 + fc1 + fc2


def _advice(got, n_actions, frame_stack):
    want = _count(n_actions, frame_stack)
    known = {
        want - (32 + 64 + 64 + 512 + n_actions): "that is the count without the biases: "
        "every filter and every dense unit has one",
        want - 32 * (frame_stack - 4) * 64: "conv1 seems to assume 4 input channels "
        "whatever frame_stack is",
        want + 64 * (20 * 20 - 7 * 7) * 512: "fc1 seems to read 64 x 20 x 20 inputs: the "
        "flattened size is taken after conv3 (64 x 7 x 7 = 3136)",
        want - 513 * n_actions: "the output layer (512 -> n_actions) seems to be missing",
    }
    try:
        value = as_trusted_number(got, kind="float")
    except AssertionError:
        return ""
    if value in known and value != want:
        return " Diagnosis: " + known[value] + "."
    return (
        " Count each layer separately (4 frames): conv1 8,224, conv2 32,832, conv3 36,928, "
        "fc1 1,606,144, fc2 513 per action."
    )


def _check(student, n_actions, frame_stack=None):
    if frame_stack is None:
        got, k = student.dqn_param_count(n_actions), 4
    else:
        got, k = student.dqn_param_count(n_actions, frame_stack=frame_stack), frame_stack
    try:
        expect_value(got, _count(n_actions, k))
    except AssertionError as exc:
        raise AssertionError(str(exc) + _advice(got, n_actions, k)) from None


@test_case(points=3)
def nature_dqn_four_actions(student):
    """The Nature DQN with 4 actions (Breakout) has 1,686,180 parameters."""
    _check(student, 4)


@test_case(points=3)
def other_action_counts(student):
    """1, 2, 6 and 18 actions (the full Atari set is 18): only fc2 changes."""
    for n in (1, 2, 6, 18):
        _check(student, n)


@test_case(points=3)
def frame_stack_changes_conv1_only(student):
    """frame_stack = 1, 2, 3 and 8: only conv1's weights depend on the number of channels."""
    for n, k in ((4, 1), (4, 2), (18, 3), (6, 8)):
        _check(student, n, k)
