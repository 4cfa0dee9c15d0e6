# Bug: hard-codes 4 input channels in conv1, so frame_stack has no effect.
# expect: assume 4 input channels
def dqn_param_count(n_actions, frame_stack=4):
    conv = (32 * 4 * 8 * 8 + 32) + (64 * 32 * 4 * 4 + 64) + (64 * 64 * 3 * 3 + 64)
    return conv + 3136 * 512 + 512 + 512 * n_actions + n_actions
