# Bug: counts the weights only: fc1 3136 * 512 and the 18-action network without any bias.
# expect: 1605632 is not
answers = {
    "shape_order": ["B", "C", "D", "F", "A", "G", "E"],
    "update_order": ["C", "E", "G", "A", "D", "B", "H", "F"],
    "component_problem": ["C", "A", "F", "E", "D", "B"],
    "conv1_outputs": 12800,
    "flatten_size": 3136,
    "fc1_params": 1605632,
    "total_18_actions": 1692672,
    "receptive_field": 36,
    "greedy_probability": 0.925,
    "huber_gradient": "-1/32",
    "what_gets_the_gradient": 0,
    "changes_the_parameter_count": [0, 1, 3],
    "channels_last_weights": 1,
    "describe_the_network": (
        "Input (4, 84, 84): four stacked frames. conv1 32@8x8/4 -> (32, 20, 20), conv2 "
        "64@4x4/2 -> (64, 9, 9), conv3 64@3x3/1 -> (64, 7, 7), flatten 3136, fc1 512, fc2 one "
        "Q-value per action. Convolutions share one small filter over all positions, so an "
        "object is recognised anywhere with few weights (78k instead of 14.5M for a dense "
        "layer). ReLUs make the stack nonlinear; the head is linear because Q-values can be "
        "negative. One output per action gives max_a' Q(s', a') and the greedy action in a "
        "single forward pass."
    ),
    "why_replay_and_target": (
        "It removes the replay buffer and the target network. Consecutive transitions are "
        "correlated, so single online updates overfit the present and forget; the buffer "
        "samples random minibatches of many past transitions and reuses them. Bootstrapping "
        "from the trained network moves the target with every step, so values chase "
        "themselves and can diverge; the target network is a copy synced every C updates, "
        "which keeps the labels fixed in between."
    ),
}
