# Bug: believes XOR is linearly separable and that more epochs would fix it.
answers = {
    "novikoff_bound": 400,
    "separable_gates": [0, 1, 2, 3],
    "xor_behaviour": 0,
    "learning_rate": 1,
    "minsky_papert": "Minsky",
    "hidden_layer": 0,
}
