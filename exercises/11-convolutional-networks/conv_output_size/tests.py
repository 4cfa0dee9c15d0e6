"""Hidden tests for conv_output_size."""

from grader.testing import check_cases, expect_raises, test_case


def _explain(exc, size, kernel, stride, padding):
    """Add a diagnosis to a wrong count when it matches a usual mistake."""
    text = str(exc)
    right = (size + 2 * padding - kernel) // stride + 1
    if padding and f"got {(size + padding - kernel) // stride + 1}." in text:
        text += " Diagnosis: the padding goes on both sides of the axis, so it counts twice."
    elif f"got {right - 1}." in text:
        text += (
            " Diagnosis: one less than expected. (size + 2*padding - kernel) // stride counts "
            "the strides between the first and the last window; the number of windows is one more."
        )
    return AssertionError(text)


@test_case(points=3)
def nature_dqn_layers(student):
    """The three conv layers of the Nature DQN: 84 -> 20 -> 9 -> 7."""
    for size, kernel, stride in [(84, 8, 4), (20, 4, 2), (9, 3, 1)]:
        try:
            check_cases(
                student.conv_output_size,
                [((size, kernel), {"stride": stride}, (size - kernel) // stride + 1)],
            )
        except AssertionError as exc:
            raise _explain(exc, size, kernel, stride, 0) from None


@test_case(points=2)
def padding_and_leftovers(student):
    """Padding on both sides; strides that leave positions over; stride 1 defaults."""
    rows = [
        (5, 3, 1, 1, 5),  # "same" padding
        (28, 5, 1, 2, 28),
        (7, 3, 2, 1, 4),
        (8, 3, 2, 0, 3),  # the last column never starts a window
        (10, 4, 3, 0, 3),
        (84, 8, 4, 2, 21),
    ]
    for size, kernel, stride, padding, want in rows:
        try:
            check_cases(
                student.conv_output_size,
                [((size, kernel), {"stride": stride, "padding": padding}, want)],
            )
        except AssertionError as exc:
            raise _explain(exc, size, kernel, stride, padding) from None
    check_cases(student.conv_output_size, [((6, 3), 4)])  # default stride 1, padding 0


@test_case(points=1)
def window_fits_exactly_once(student):
    """A window as large as the padded input gives one position; a 1-wide window gives size."""
    check_cases(
        student.conv_output_size,
        [
            ((3, 3), 1),
            ((1, 1), 1),
            ((2, 4), {"padding": 1}, 1),
            ((7, 7), {"stride": 3}, 1),
            ((9, 1), 9),
            ((9, 1), {"stride": 2}, 5),
        ],
    )


@test_case(points=2)
def raises_when_the_window_does_not_fit(student):
    """A window larger than the padded input raises ValueError (also when // rounds down)."""
    for args, kwargs in [
        ((3, 5), {}),
        ((4, 5), {}),
        ((1, 4), {"padding": 1}),
        ((3, 4), {"stride": 2}),  # (3 - 4) // 2 + 1 = 0, but int(-0.5) + 1 = 1
        ((2, 6), {"stride": 3, "padding": 1}),
    ]:
        try:
            expect_raises(ValueError, student.conv_output_size, *args, **kwargs)
        except AssertionError as exc:
            text = str(exc)
            if "nothing was" in text and args == (3, 4):
                text += (
                    " Diagnosis: (3 - 4) / 2 = -0.5; int() rounds it to 0 (towards zero), "
                    "// rounds it to -1 (towards minus infinity). Use //: the window does not fit."
                )
            raise AssertionError(text) from None
