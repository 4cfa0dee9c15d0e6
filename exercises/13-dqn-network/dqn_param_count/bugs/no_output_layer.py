# Bug: stops after fc1: the 512 -> n_actions output layer is not counted.
# expect: output layer (512 -> n_actions) seems to be missing
def dqn_param_count(n_actions, frame_stack=4):
    conv = (32 * frame_stack * 8 * 8 + 32) + (64 * 32 * 4 * 4 + 64) + (64 * 64 * 3 * 3 + 64)
    return conv + 3136 * 512 + 512
