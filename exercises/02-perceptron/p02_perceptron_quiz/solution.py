answers = {
    "novikoff_bound": 400,
    "separable_gates": [0, 1, 3],
    "xor_behaviour": 1,
    "learning_rate": 1,
    "minsky_papert": "Minsky and Papert",
    "hidden_layer": 2,
}
