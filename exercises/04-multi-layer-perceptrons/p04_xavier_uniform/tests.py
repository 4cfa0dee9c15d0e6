import numpy as np

from grader.testing import expect_array, expect_true, test_case


def _draw(student, n_in, n_out, seed):
    """Call xavier_uniform with a fresh generator; check type, shape and dtype."""
    rng = np.random.default_rng(seed)
    W = student.xavier_uniform(n_in, n_out, rng)
    call = f"xavier_uniform({n_in}, {n_out}, rng)"
    expect_true(
        isinstance(W, np.ndarray), f"{call} should return a NumPy array, got {type(W).__name__}"
    )
    expect_true(
        W.shape == (n_in, n_out),
        f"{call}: expected shape (n_in, n_out) = ({n_in}, {n_out}), got {W.shape}",
    )
    expect_true(W.dtype.kind == "f", f"{call}: expected a float array, got dtype {W.dtype}")
    return np.array(W, dtype=float)


@test_case(points=1)
def shape_and_dtype(student):
    """Shape (n_in, n_out) and float dtype, including a 1 x 1 layer."""
    _draw(student, 4, 64, seed=0)
    W = _draw(student, 1, 1, seed=0)
    expect_true(
        abs(W[0, 0]) <= np.sqrt(3.0),
        f"for n_in = n_out = 1 the limit is sqrt(6/2) = 1.732, got {W[0, 0]:.4f}",
    )


@test_case(points=2)
def stays_inside_limit(student):
    """Every entry lies in [-a, a] with a = sqrt(6/(n_in+n_out)), and the draws fill that range."""
    n_in, n_out = 500, 300
    a = np.sqrt(6.0 / (n_in + n_out))
    W = _draw(student, n_in, n_out, seed=1)
    biggest = float(np.max(np.abs(W)))
    expect_true(
        biggest <= a,
        f"the limit is a = sqrt(6/({n_in}+{n_out})) = {a:.5f}, but an entry has |w| = {biggest:.5f}",
    )
    expect_true(
        biggest > 0.99 * a,
        f"uniform draws on [-a, a] should come close to a = {a:.5f}; the largest |w| is only "
        f"{biggest:.5f}",
    )


@test_case(points=2)
def glorot_variance(student):
    """The variance is 2/(n_in+n_out) (within 3%) and the mean is close to 0."""
    n_in, n_out = 500, 300
    target = 2.0 / (n_in + n_out)
    W = _draw(student, n_in, n_out, seed=2)
    var = float(np.var(W))
    expect_true(
        abs(var - target) < 0.03 * target,
        f"variance should be 2/({n_in}+{n_out}) = {target:.3e}, got {var:.3e}",
    )
    mean = float(np.mean(W))
    expect_true(abs(mean) < 8e-4, f"mean should be close to 0, got {mean:.2e}")


@test_case(points=2)
def uses_the_given_generator(student):
    """Same generator state -> same matrix; a second call on the same generator -> new numbers."""
    first = _draw(student, 20, 30, seed=42)
    again = _draw(student, 20, 30, seed=42)
    expect_array(again, first, name="xavier_uniform with a generator seeded 42 (twice)")
    other = _draw(student, 20, 30, seed=43)
    expect_true(
        not np.array_equal(first, other),
        "generators seeded 42 and 43 gave the same matrix: draw from the rng you are given",
    )
    rng = np.random.default_rng(7)
    W1 = np.array(student.xavier_uniform(20, 30, rng), dtype=float)
    W2 = np.array(student.xavier_uniform(20, 30, rng), dtype=float)
    expect_true(
        not np.array_equal(W1, W2),
        "two calls with the same generator returned the same matrix: the second call should "
        "continue the generator's stream",
    )
