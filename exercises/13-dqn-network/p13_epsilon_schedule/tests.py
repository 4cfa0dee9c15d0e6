"""Hidden tests for linear_epsilon."""

from grader.testing import check_cases, test_case


@test_case(points=2)
def nature_schedule(student):
    """Nature DQN: 1.0 at frame 0, 0.55 half way, 0.1 at one million frames."""
    check_cases(
        student.linear_epsilon,
        [(0, 1.0), (500_000, 0.55), (1_000_000, 0.1), (250_000, 0.775), (1, 1.0 - 0.9e-6)],
    )


@test_case(points=2)
def constant_after_the_decay(student):
    """After decay_steps epsilon stays at end (it never goes below it)."""
    check_cases(student.linear_epsilon, [(1_000_001, 0.1), (2_000_000, 0.1), (50_000_000, 0.1)])


@test_case(points=2)
def other_schedules(student):
    """Other start, end and decay lengths (e.g. 1.0 -> 0.01 over 250,000 frames, or 0.5 -> 0.05)."""
    check_cases(
        student.linear_epsilon,
        [
            ((125_000,), {"end": 0.01, "decay_steps": 250_000}, 0.505),
            ((300_000,), {"end": 0.01, "decay_steps": 250_000}, 0.01),
            ((3,), {"start": 0.5, "end": 0.05, "decay_steps": 10}, 0.365),
            ((7,), {"start": 0.2, "end": 0.2, "decay_steps": 5}, 0.2),
        ],
    )
