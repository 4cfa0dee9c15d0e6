"""Hidden tests for linear_decay_lr and warmup_cosine_lr."""

import math

from grader.testing import check_cases, expect_true, test_case


def _cosine(step, base, warm, total, final=0.0):
    if step < warm:
        return base * step / warm
    p = min(1.0, (step - warm) / (total - warm))
    return final + 0.5 * (base - final) * (1 + math.cos(math.pi * p))


@test_case(points=2)
def linear_decay_values(student):
    """Start, middle, end and after the end, with and without a final_lr (PPO-style)."""
    check_cases(
        student.linear_decay_lr,
        [
            ((0, 1.0, 100), 1.0),
            ((25, 1.0, 100), 0.75),
            ((100, 1.0, 100), 0.0),
            ((150, 1.0, 100), 0.0),
            ((0, 2.5e-4, 10_000), 2.5e-4),
            ((5_000, 2.5e-4, 10_000), 1.25e-4),
            ((3, 0.1, 4), {"final_lr": 0.02}, 0.04),
            ((9, 0.1, 4), {"final_lr": 0.02}, 0.02),
        ],
        rtol=1e-9,
        atol=1e-15,
    )


@test_case(points=2)
def warmup_values(student):
    """The warmup rises linearly from 0; step W is exactly base_lr."""
    check_cases(
        student.warmup_cosine_lr,
        [
            ((0, 1.0, 10, 110), 0.0),
            ((5, 1.0, 10, 110), 0.5),
            ((9, 3e-4, 10, 110), 2.7e-4),
            ((10, 3e-4, 10, 110), 3e-4),
        ],
        rtol=1e-9,
        atol=1e-15,
    )


@test_case(points=2)
def cosine_values(student):
    """Half-way down, the end, after the end, a final_lr, and no warmup at all."""
    cases = [
        ((60, 1.0, 10, 110), 0.5),
        ((110, 1.0, 10, 110), 0.0),
        ((500, 1.0, 10, 110), 0.0),
        ((35, 1.0, 10, 110), _cosine(35, 1.0, 10, 110)),
        ((60, 1.0, 10, 110), {"final_lr": 0.1}, 0.55),
        ((0, 0.01, 0, 50), 0.01),
        ((25, 0.01, 0, 50), 0.005),
    ]
    check_cases(student.warmup_cosine_lr, cases, rtol=1e-9, atol=1e-15)


@test_case(points=1)
def whole_schedules(student):
    """Every step of both schedules over a short run matches, and the values are floats."""
    for s in range(0, 130):
        got = student.warmup_cosine_lr(s, 6.25e-5, 20, 120, final_lr=1e-6)
        expect_true(
            type(got) is float,
            f"warmup_cosine_lr must return a Python float, got {type(got).__name__} at step {s}",
        )
        want = _cosine(s, 6.25e-5, 20, 120, 1e-6)
        expect_true(
            math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-15),
            f"warmup_cosine_lr({s}, 6.25e-5, 20, 120, final_lr=1e-6): expected {want!r}, got {got!r}",
        )
        got = student.linear_decay_lr(s, 3e-4, 100)
        want = 3e-4 * (1 - min(s, 100) / 100)
        expect_true(
            type(got) is float and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-15),
            f"linear_decay_lr({s}, 3e-4, 100): expected {want!r}, got {got!r}",
        )
