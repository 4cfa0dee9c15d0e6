# Bug: takes fc1's input size from conv1's output map (64 x 20 x 20) instead of conv3's (7 x 7).
# expect: flattened size is taken after conv3
def dqn_param_count(n_actions, frame_stack=4):
    conv = (32 * frame_stack * 8 * 8 + 32) + (64 * 32 * 4 * 4 + 64) + (64 * 64 * 3 * 3 + 64)
    return conv + 64 * 20 * 20 * 512 + 512 + 512 * n_actions + n_actions
