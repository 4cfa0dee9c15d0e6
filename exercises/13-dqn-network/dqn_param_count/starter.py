def dqn_param_count(n_actions, frame_stack=4):
    """Number of weights and biases of the Nature DQN for 84x84 inputs."""
    # TODO: add up the weights and biases of the three convolutions and two dense layers.
    # A convolution with F filters of size K x K over C input channels has F*C*K*K weights
    # and F biases; its output size is (size - K) // stride + 1.
    return 0
