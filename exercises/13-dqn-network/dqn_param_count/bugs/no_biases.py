# Bug: counts the weights only; the 32 + 64 + 64 + 512 + n_actions biases are missing.
# expect: without the biases
def dqn_param_count(n_actions, frame_stack=4):
    return 32 * frame_stack * 64 + 64 * 32 * 16 + 64 * 64 * 9 + 3136 * 512 + 512 * n_actions
