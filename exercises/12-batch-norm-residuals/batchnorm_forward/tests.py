"""Hidden tests for batchnorm_forward."""

import numpy as np

from grader.testing import expect_array, expect_raises, expect_tuple, test_case


def _ref(x, gamma, beta, rm, rv, momentum=0.1, eps=1e-5, training=True, *, var_ddof=0,
         run_ddof=1, batch_stats_in_eval=False, swap_momentum=False, eps_outside=False,
         one_pass=False):  # fmt: skip
    """The trusted reference; the keyword-only switches build the classic wrong versions."""
    N = x.shape[0]
    if training or batch_stats_in_eval:
        mean = x.mean(axis=0)
        var = x.var(axis=0, ddof=var_ddof)
        if one_pass:
            var = (x**2).mean(axis=0) - mean**2
    else:
        mean, var = rm, rv
    if eps_outside:
        x_hat = (x - mean) / (np.sqrt(var) + eps)
    else:
        x_hat = (x - mean) / np.sqrt(var + eps)
    out = gamma * x_hat + beta
    if not training:
        return out, np.array(rm, dtype=float), np.array(rv, dtype=float)
    m = 1.0 - momentum if swap_momentum else momentum
    batch_var = x.var(axis=0, ddof=run_ddof) if N > run_ddof else np.full(x.shape[1], np.inf)
    if one_pass:
        batch_var = ((x**2).mean(axis=0) - x.mean(axis=0) ** 2) * N / (N - 1)
    return out, (1 - m) * rm + m * x.mean(axis=0), (1 - m) * rv + m * batch_var


_WRONG = [
    (
        {"run_ddof": 0},
        "running_var",
        "the running variance was updated with the biased batch variance (divided by N). "
        "nn.BatchNorm1d normalises with the biased variance but feeds the UNBIASED one, "
        "var * N / (N - 1), into the running average",
    ),
    (
        {"var_ddof": 1},
        "out",
        "the batch was normalised with the unbiased variance (divided by N - 1). In training "
        "mode the output uses the biased variance (divided by N); only the running average "
        "gets the unbiased one",
    ),
    (
        {"swap_momentum": True},
        "running",
        "the momentum weights are swapped. In PyTorch's convention momentum is the weight of "
        "the NEW batch: new = (1 - momentum) * old + momentum * batch",
    ),
    (
        {"batch_stats_in_eval": True},
        "out",
        "in eval mode you normalised with the batch's own statistics. Eval mode must use the "
        "running mean and variance, so that a sample's output does not depend on the other "
        "samples of its batch (and a batch of one state still works)",
    ),
    (
        {"eps_outside": True},
        "out",
        "eps is added outside the square root. It belongs inside: (x - mean) / sqrt(var + eps)",
    ),
    (
        {"one_pass": True},
        "out",
        "the variance was computed as mean(x**2) - mean(x)**2. For features near 1e6 that "
        "subtracts two numbers near 1e12 and loses most digits; use mean((x - mean)**2) "
        "(np.var does)",
    ),
]


def _diagnose(part, got, args, kwargs):
    """A sentence naming the classic mistake that reproduces `got`, or ''."""
    if not isinstance(got, np.ndarray):
        return ""
    index = {"out": 0, "running_mean": 1, "running_var": 2}[part]
    for switches, where, message in _WRONG:
        if where != "running" and where != part:
            continue
        if where == "running" and part == "out":
            continue
        wrong = _ref(*args, **kwargs, **switches)[index]
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            if np.allclose(wrong, _ref(*args, **kwargs)[index], rtol=1e-9, atol=1e-12):
                continue
            return " Diagnosis: " + message + "."
    return ""


def _check(student, args, kwargs, label):
    got = expect_tuple(student.batchnorm_forward(*args, **kwargs), 3)
    want = _ref(*args, **kwargs)
    for part, g, w in zip(("out", "running_mean", "running_var"), got, want):
        try:
            expect_array(g, w, name=f"{part} of batchnorm_forward for {label}", dtype="float")
        except AssertionError as exc:
            first, _, rest = str(exc).partition("\n")
            diagnosis = _diagnose(part, g, args, kwargs)
            raise AssertionError(first + diagnosis + ("\n" + rest if rest else "")) from None
    return got


def _layer(rng, N, D):
    return (
        rng.normal(0.5, 2.0, size=(N, D)),
        rng.uniform(0.5, 2.0, size=D),
        rng.normal(0.0, 1.0, size=D),
        rng.normal(0.0, 0.3, size=D),
        rng.uniform(0.5, 1.5, size=D),
    )


@test_case(points=2)
def prompt_example(student):
    """The prompt's example in training mode: two samples, two features."""
    args = (
        np.array([[1.0, 2.0], [3.0, 6.0]]),
        np.ones(2),
        np.zeros(2),
        np.zeros(2),
        np.ones(2),
    )
    _check(student, args, {}, "the prompt's example")


@test_case(points=3)
def training_random_batches(student):
    """Training mode on random batches (N = 8, D = 5; N = 2, D = 3; N = 64, D = 4)."""
    for seed, (N, D) in enumerate([(8, 5), (2, 3), (64, 4)]):
        args = _layer(np.random.default_rng(1200 + seed), N, D)
        _check(student, args, {}, f"a random batch of {N} samples with {D} features")


@test_case(points=3)
def eval_uses_running_statistics(student):
    """Eval mode: running statistics, returned unchanged; a batch of one state works."""
    rng = np.random.default_rng(1210)
    x, gamma, beta, rm, rv = _layer(rng, 6, 4)
    _check(student, (x, gamma, beta, rm, rv), {"training": False}, "eval mode, a batch of 6")
    _check(student, (x[:1], gamma, beta, rm, rv), {"training": False}, "eval mode, a batch of 1")


@test_case(points=3)
def several_steps_then_eval(student):
    """Five training steps carry the running statistics forward, then eval; momentum 0.3."""
    rng = np.random.default_rng(1220)
    D = 3
    gamma, beta = rng.uniform(0.5, 2.0, D), rng.normal(0.0, 1.0, D)
    rm, rv = np.zeros(D), np.ones(D)
    for step in range(5):
        x = rng.normal(2.0, 3.0, size=(10, D))
        _, rm, rv = _check(
            student, (x, gamma, beta, rm, rv), {"momentum": 0.3}, f"training step {step + 1}"
        )
    x = rng.normal(2.0, 3.0, size=(4, D))
    _check(student, (x, gamma, beta, rm, rv), {"momentum": 0.3, "training": False},
           "eval after 5 training steps")  # fmt: skip


@test_case(points=2)
def eps_momentum_and_a_constant_feature(student):
    """eps = 1e-3 and momentum = 0.5 as keywords; a feature with zero variance gives beta."""
    x = np.array([[1.0, 4.0, 0.02], [1.0, 0.0, 0.0], [1.0, 2.0, 0.01]])
    args = (x, np.array([2.0, 1.0, 1.0]), np.array([0.5, 0.0, -1.0]), np.zeros(3), np.ones(3))
    _check(student, args, {"momentum": 0.5, "eps": 1e-3}, "eps=1e-3, momentum=0.5")


@test_case(points=2)
def large_offset(student):
    """Features around 1e6 with a spread of 1: the variance must not lose its digits."""
    rng = np.random.default_rng(1230)
    x = 1e6 + rng.standard_normal((16, 3))
    args = (x, np.ones(3), np.zeros(3), np.zeros(3), np.ones(3))
    _check(student, args, {}, "features near 1e6")


@test_case(points=1)
def batch_of_one_in_training(student):
    """Training mode with a batch of one sample raises ValueError, as nn.BatchNorm1d does."""
    rng = np.random.default_rng(1240)
    x, gamma, beta, rm, rv = _layer(rng, 1, 4)
    try:
        expect_raises(ValueError, student.batchnorm_forward, x, gamma, beta, rm, rv)
    except AssertionError as exc:
        raise AssertionError(
            str(exc) + " With one sample, x - mean is 0 for every feature (the output is just "
            "beta, whatever the input) and the unbiased variance divides by N - 1 = 0. "
            "nn.BatchNorm1d refuses: raise ValueError."
        ) from None
