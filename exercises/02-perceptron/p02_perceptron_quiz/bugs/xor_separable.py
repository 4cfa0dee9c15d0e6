# Bug: believes XOR is linearly separable and that more epochs would fix it (and credits Rosenblatt with the book).
# expect: 1 selected choice(s) are not right
answers = {
    "novikoff_bound": 400,
    "separable_gates": [0, 1, 2, 3],
    "xor_behaviour": 0,
    "learning_rate": 1,
    "minsky_papert": 0,
    "one_layer_limit": "XOR is separable, it just needs more training epochs.",
    "hidden_layer": 0,
}
