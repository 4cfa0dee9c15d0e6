import numpy as np

from grader.testing import expect_scalar, test_case


def _expected(sizes):
    # Trusted independent formula: weights n_in*n_out plus biases n_out per layer.
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


@test_case(points=1)
def two_layers(student):
    """A single layer from 3 inputs to 2 outputs has 3*2 weights and 2 biases."""
    expect_scalar(student.count_params([3, 2]), 8, kind="int")


@test_case(points=2)
def cartpole_q_network(student):
    """The CartPole Q-network 4 -> 64 -> 64 -> 2."""
    expect_scalar(student.count_params([4, 64, 64, 2]), 4610, kind="int")


@test_case(points=2)
def dqn_head(student):
    """The Nature DQN's fully connected head: 3136 -> 512 -> 4."""
    expect_scalar(student.count_params([3136, 512, 4]), 1_608_196, kind="int")


@test_case(points=1)
def single_width_has_no_layers(student):
    """A list with one width describes no layer at all, so there are no parameters."""
    expect_scalar(student.count_params([5]), 0, kind="int")


@test_case(points=1)
def single_output_unit(student):
    """A layer with one output unit (a linear value head 256 -> 1)."""
    expect_scalar(student.count_params([256, 1]), 257, kind="int")


@test_case(points=2)
def random_architectures(student):
    """Random deep and wide architectures, compared with the formula."""
    rng = np.random.default_rng(404)
    for _ in range(6):
        depth = int(rng.integers(2, 8))
        sizes = [int(n) for n in rng.integers(1, 5000, size=depth)]
        expect_scalar(student.count_params(sizes), _expected(sizes), kind="int")
