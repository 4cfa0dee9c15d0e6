"""Hidden tests for accuracy."""

import numpy as np

from grader.testing import check_against_reference, check_cases, test_case


def _reference(logits, labels):
    return float(np.mean(np.argmax(logits, axis=1) == labels))


def _labels(*values):
    return np.array(values, dtype=np.int64)


@test_case(points=2)
def by_hand(student):
    """Four rows, three right: 0.75; all right: 1.0; none right: 0.0."""
    logits = np.array([[2.0, 1.0, 0.0], [0.1, 0.3, 0.2], [-1.0, -2.0, -0.5], [5.0, 4.0, 3.0]])
    # predictions: 0, 1, 2, 0
    try:
        check_cases(
            student.accuracy,
            [
                ((logits, _labels(0, 1, 2, 1)), 0.75),
                ((logits, _labels(0, 1, 2, 0)), 1.0),
                ((logits, _labels(1, 0, 0, 2)), 0.0),
            ],
        )
    except AssertionError as exc:
        raise AssertionError(
            f"{exc} The predicted classes are 0, 1, 2, 0 (the argmax of each row); accuracy is "
            "the fraction of them equal to the labels, a number from 0 to 1."
        ) from None


@test_case(points=2)
def square_logits_use_the_row_axis(student):
    """N = K = 3: the argmax must run along each row (axis 1), not down the columns."""
    logits = np.array([[0.0, 5.0, 1.0], [3.0, 0.0, 4.0], [2.0, 1.0, 0.0]])
    # rows -> 1, 2, 0; columns (the wrong axis) -> 1, 0, 1
    try:
        check_cases(student.accuracy, [((logits, _labels(1, 2, 0)), 1.0)])
    except AssertionError as exc:
        raise AssertionError(
            f"{exc} The prediction for sample i is the argmax of row i, "
            "np.argmax(logits, axis=1); axis=0 takes the argmax of each column, over the samples."
        ) from None


@test_case(points=1)
def ties_go_to_the_lowest_index(student):
    """A row of ties predicts class 0 (as np.argmax does)."""
    logits = np.array([[1.0, 1.0], [0.0, 0.0], [2.0, 2.0]])
    try:
        check_cases(
            student.accuracy,
            [((logits, _labels(0, 0, 0)), 1.0), ((logits, _labels(1, 1, 1)), 0.0)],
        )
    except AssertionError as exc:
        raise AssertionError(
            f"{exc} Every row is a tie, so every prediction must be class 0, the lowest index "
            "(np.argmax's rule; a hand-written loop with >= picks the last)."
        ) from None


@test_case(points=2)
def random_batches(student):
    """Random logits of 7 rows and 5 classes, and 1 row of 4 classes, against the reference."""
    check_against_reference(
        student.accuracy,
        _reference,
        lambda rng: (rng.normal(size=(7, 5)), rng.integers(0, 5, size=7).astype(np.int64)),
    )
    check_cases(student.accuracy, [((np.array([[0.1, 0.9, 0.3, 0.2]]), _labels(1)), 1.0)])


@test_case(points=1)
def large_logits_and_many_rows(student):
    """Logits of 1e6 (no softmax needed) and 1000 rows: a fraction, not a count or a percent."""
    rng = np.random.default_rng(5)
    logits = rng.normal(size=(1000, 3)) * 1e6
    labels = rng.integers(0, 3, size=1000).astype(np.int64)
    try:
        check_cases(student.accuracy, [((logits, labels), _reference(logits, labels))])
    except AssertionError as exc:
        raise AssertionError(
            f"{exc} Accuracy is a fraction between 0 and 1: the mean of the boolean array "
            "predictions == labels, not its sum (a count) and not a percentage."
        ) from None
