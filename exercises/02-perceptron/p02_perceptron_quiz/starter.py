# The choice index (0 = first) for single choice, a list of indices for multiple choice, a
# number (or a string such as "3/4") for numeric questions, a string for the written one.
answers = {
    "novikoff_bound": None,
    "separable_gates": None,
    "xor_behaviour": None,
    "learning_rate": None,
    "minsky_papert": None,
    "one_layer_limit": None,
    "hidden_layer": None,
}
