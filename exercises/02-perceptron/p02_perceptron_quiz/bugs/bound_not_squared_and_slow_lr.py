# Bug: uses R / gamma without squaring and believes a small learning rate needs more epochs.
# expect: 20 is not within 0.001
answers = {
    "novikoff_bound": 20,
    "separable_gates": [0, 1, 3],
    "xor_behaviour": 1,
    "learning_rate": 0,
    "minsky_papert": 2,
    "hidden_layer": 2,
}
