"""Hidden tests for conv_stack_shapes."""

from grader.testing import check_cases, expect_raises, test_case

NATURE = [(32, 8, 4), (64, 4, 2), (64, 3, 1)]


@test_case(points=2)
def nature_dqn(student):
    """Nature DQN on (4, 84, 84): (32, 20, 20), (64, 9, 9), (64, 7, 7)."""
    check_cases(
        student.conv_stack_shapes,
        [
            (((4, 84, 84), NATURE), [(32, 20, 20), (64, 9, 9), (64, 7, 7)]),
        ],
    )


@test_case(points=2)
def other_networks(student):
    """The 2013 DQN (16@8x8/4, 32@4x4/2), a non-square input, and no layers at all."""
    check_cases(
        student.conv_stack_shapes,
        [
            (((4, 84, 84), [(16, 8, 4), (32, 4, 2)]), [(16, 20, 20), (32, 9, 9)]),
            (((3, 210, 160), NATURE), [(32, 51, 39), (64, 24, 18), (64, 22, 16)]),
            (((1, 28, 28), [(8, 3, 1)]), [(8, 26, 26)]),
            (((4, 84, 84), []), []),
        ],
    )


@test_case(points=2)
def too_small_raises(student):
    """A kernel larger than its input raises ValueError (here 36x36 frames: 8, 3, then 1 < 3)."""
    expect_raises(ValueError, student.conv_stack_shapes, (4, 36, 36), NATURE + [(64, 3, 1)])
    expect_raises(ValueError, student.conv_stack_shapes, (4, 6, 6), NATURE)
