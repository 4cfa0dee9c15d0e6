# Bug: uses R / gamma without squaring and believes a small learning rate needs more epochs.
answers = {
    "novikoff_bound": 20,
    "separable_gates": [0, 1, 3],
    "xor_behaviour": 1,
    "learning_rate": 0,
    "minsky_papert": "Minsky and Papert",
    "hidden_layer": 2,
}
