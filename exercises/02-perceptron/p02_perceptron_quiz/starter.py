answers = {
    "novikoff_bound": None,
    "separable_gates": None,
    "xor_behaviour": None,
    "learning_rate": None,
    "minsky_papert": None,
    "hidden_layer": None,
}
