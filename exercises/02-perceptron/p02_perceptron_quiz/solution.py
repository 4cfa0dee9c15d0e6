answers = {
    "novikoff_bound": 400,
    "separable_gates": [0, 1, 3],
    "xor_behaviour": 1,
    "learning_rate": 1,
    "minsky_papert": 2,
    "one_layer_limit": (
        "A perceptron fires on one side of a single straight line, and no line puts (0,1) and "
        "(1,0) on one side and (0,0), (1,1) on the other. Two layers fix it: hidden threshold "
        "units compute features in which one line separates the two classes."
    ),
    "hidden_layer": 2,
}
