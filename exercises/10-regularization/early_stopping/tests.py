"""Hidden tests for EarlyStopping: traces of step's answers, best and best_epoch, call by call."""

import math

import numpy as np

from grader.testing import expect_true, test_case


def _reference_trace(patience, losses, min_delta=0.0):
    """(stop, best, best_epoch) after each call, up to and including the first stop."""
    best, best_epoch, bad, trace = math.inf, None, 0, []
    for i, v in enumerate(losses):
        if v < best - min_delta:
            best, best_epoch, bad = v, i, 0
        else:
            bad += 1
        trace.append((bad >= patience, best, best_epoch))
        if bad >= patience:
            break
    return trace


def _describe(patience, min_delta):
    return (
        f"EarlyStopping({patience})"
        if min_delta is None
        else f"EarlyStopping({patience}, min_delta={min_delta})"
    )


def _fmt(values):
    return "[" + ", ".join(f"{v:.6g}" for v in values) + "]"


def _run(student, patience, losses, min_delta=None):
    """Feed the losses to a new object and compare each answer with the reference."""
    es = (
        student.EarlyStopping(patience)
        if min_delta is None
        else student.EarlyStopping(patience, min_delta)
    )
    want = _reference_trace(patience, losses, 0.0 if min_delta is None else min_delta)
    who = _describe(patience, min_delta)
    shown = _fmt(losses[: len(want)])
    got_answers = []
    for i, (stop, best, best_epoch) in enumerate(want):
        answer = es.step(losses[i])
        expect_true(
            type(answer) in (bool, np.bool_),
            f"{who}.step({losses[i]:.6g}) must return True or False, got {type(answer).__name__} "
            f"{answer!r}.",
        )
        got_answers.append(bool(answer))
        expected_answers = [w[0] for w in want[: i + 1]]
        if got_answers != expected_answers:
            extra = ""
            if stop and not answer:
                extra = (
                    f" Call {i} was the {patience}th call in a row without an improvement "
                    "(a call improves only when val_loss < best - min_delta), so step must "
                    "return True there."
                )
            elif answer and not stop:
                extra = (
                    f" At call {i} only {_bad_run(want, i)} call(s) in a row had brought no "
                    f"improvement, fewer than patience = {patience}. The count must restart at 0 "
                    "after every improvement."
                )
            raise AssertionError(
                f"{who} fed the validation losses {shown} one call at a time: step returned "
                f"{got_answers}, expected {expected_answers}.{extra}"
            )
        got_best = es.best
        if not (type(got_best) in (float, int, np.float64) and float(got_best) == best):
            raise AssertionError(
                f"{who} after the calls {_fmt(losses[: i + 1])}: best should be {best:.6g} (the "
                f"lowest loss that counted as an improvement), got {got_best!r}."
                + _best_hint(losses[: i + 1], best, got_best, min_delta)
            )
        got_epoch = es.best_epoch
        if not (type(got_epoch) in (int, np.int64, np.int32) and int(got_epoch) == best_epoch):
            hint = ""
            is_int = type(got_epoch) in (int, np.int64, np.int32)
            if is_int and i == 0 and int(got_epoch) == 1:
                hint = " It is one too large: the first call is epoch 0."
            elif is_int and 0 <= int(got_epoch) <= i and losses[int(got_epoch)] == best:
                hint = (
                    f" The loss of call {int(got_epoch)} equals best but does not beat it: a tie "
                    "is not an improvement (compare with <, not <=)."
                )
            raise AssertionError(
                f"{who} after the calls {_fmt(losses[: i + 1])}: best_epoch should be "
                f"{best_epoch} (the 0-based index of the call that set best), got "
                f"{got_epoch!r}.{hint}"
            )


def _bad_run(want, i):
    run = 0
    for j in range(i + 1):
        run = 0 if want[j][2] == j else run + 1
    return run


def _best_hint(losses, best, got, min_delta):
    if type(got) not in (float, np.float64):
        return ""
    if got == min(losses) and got != best:
        return (
            " That is the minimum of all losses so far, but with min_delta a loss must beat "
            "best by more than min_delta to count (and to become the new best)."
        )
    if min_delta and any(math.isclose(got, v - min_delta) for v in losses):
        return (
            " You stored best - min_delta; store the loss itself. min_delta only decides "
            "whether a loss counts as an improvement."
        )
    return ""


@test_case(points=1)
def best_starts_at_infinity(student):
    """Before the first call best is infinity, so the first finite loss always improves."""
    es = student.EarlyStopping(3)
    best = es.best
    expect_true(
        type(best) in (float, np.float64) and math.isinf(best) and best > 0,
        f"EarlyStopping(3).best before any call should be math.inf (or np.inf), got {best!r}. "
        "Starting at infinity makes the first call an improvement whatever its loss.",
    )
    _run(student, 3, [12.5])


@test_case(points=3)
def improves_then_plateaus(student):
    """A loss that falls, then stops improving: True on the patience-th call without improvement."""
    _run(student, 3, [1.0, 0.8, 0.9, 0.85, 0.95])
    _run(student, 2, [3.0, 2.0, 1.5, 1.25, 1.5, 1.75])


@test_case(points=2)
def the_count_restarts_after_an_improvement(student):
    """Only consecutive calls without improvement count; an improvement resets the count."""
    _run(student, 2, [1.0, 1.1, 0.9, 1.0, 0.8, 1.0, 1.0])
    _run(student, 3, [5.0, 6.0, 7.0, 4.0, 4.5, 3.0, 3.5, 3.25, 3.75])


@test_case(points=1)
def a_tie_is_not_an_improvement(student):
    """val_loss equal to best does not improve (strict <): best_epoch stays at the first."""
    _run(student, 2, [0.5, 0.5, 0.5])


@test_case(points=2)
def min_delta(student):
    """With min_delta a loss must beat best by more than min_delta; best stores the loss itself."""
    _run(student, 2, [1.0, 0.875, 0.75, 0.7, 0.65, 0.6], min_delta=0.125)
    _run(student, 3, [2.0, 1.0, 0.5, 0.25, 0.125, 0.0625], min_delta=0.25)


@test_case(points=1)
def patience_one(student):
    """patience = 1 stops on the first call that does not improve."""
    _run(student, 1, [2.0, 1.0, 1.5])
    _run(student, 1, [4.0, 4.0])


@test_case(points=1)
def a_noisy_validation_curve(student):
    """A validation curve that falls, then rises again with noise (patience 5, min_delta 1e-3)."""
    rng = np.random.default_rng(101)
    t = np.arange(60)
    losses = (1.0 / (1.0 + 0.3 * t) + 0.004 * t + rng.normal(scale=0.01, size=60)).tolist()
    _run(student, 5, losses, min_delta=1e-3)
    _run(student, 5, losses)


@test_case(points=1)
def nan_is_not_an_improvement(student):
    """A diverged run reports NaN: it must not become the new best (NaN < best is False)."""
    _run(student, 2, [1.0, float("nan"), float("nan")])
    _run(student, 3, [2.0, float("nan"), 1.0, float("nan"), float("nan"), float("nan")])


@test_case(points=1)
def instances_are_independent(student):
    """Two stoppers used in turn (say, for two training runs) do not share any state."""
    a = student.EarlyStopping(2)
    b = student.EarlyStopping(2)
    answers_a = [a.step(v) for v in (1.0, 0.5)]
    answers_b = [b.step(v) for v in (9.0, 8.0)]
    answers_a.append(a.step(0.75))
    best_a, best_b = a.best, b.best
    epochs = (a.best_epoch, b.best_epoch)
    expect_true(
        answers_a == [False, False, False] and answers_b == [False, False],
        "Two EarlyStopping(2) objects fed in turn: the first got 1.0, 0.5, 0.75 and the second "
        f"9.0, 8.0; expected all answers False, got {answers_a} and {answers_b}. Keep the state "
        "in the instance (self.best = ... in __init__), not in class attributes shared by every "
        "instance.",
    )
    expect_true(
        best_a == 0.5 and best_b == 8.0 and epochs == (1, 1),
        f"Two EarlyStopping(2) objects fed in turn: expected best 0.5 and 8.0 and best_epoch 1 "
        f"and 1, got best {best_a!r} and {best_b!r}, best_epoch {epochs[0]!r} and {epochs[1]!r}. Keep the state in the instance (set it in __init__), not in class "
        "attributes shared by every instance.",
    )
