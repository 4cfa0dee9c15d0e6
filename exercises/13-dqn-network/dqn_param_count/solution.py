def dqn_param_count(n_actions, frame_stack=4):
    """Number of weights and biases of the Nature DQN for 84x84 inputs."""

    def conv_out(size, kernel, stride):
        return (size - kernel) // stride + 1  # no padding

    size, channels, total = 84, frame_stack, 0
    for filters, kernel, stride in [(32, 8, 4), (64, 4, 2), (64, 3, 1)]:
        total += (
            filters * channels * kernel * kernel + filters
        )  # weights (F, C, K, K) + biases (F,)
        size, channels = conv_out(size, kernel, stride), filters  # 84 -> 20 -> 9 -> 7
    flat = channels * size * size  # 64 * 7 * 7 = 3136
    total += flat * 512 + 512  # fc1
    total += 512 * n_actions + n_actions  # fc2: one output per action
    return total
