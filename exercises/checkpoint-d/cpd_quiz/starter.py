# Numbers (or fractions such as "3/4") for numeric questions; the choice index (0 = first)
# for single choice; a list of indices for multiple choice; for an ordering question, the
# letters of its items in the right order (e.g. ["B", "A", ...]); for the matching
# question, the letter of the right-hand item for each left-hand item, in order; a string
# for each written explanation.
answers = {
    "shape_order": None,
    "update_order": None,
    "component_problem": None,
    "conv1_outputs": None,
    "flatten_size": None,
    "fc1_params": None,
    "total_18_actions": None,
    "receptive_field": None,
    "greedy_probability": None,
    "huber_gradient": None,
    "what_gets_the_gradient": None,
    "changes_the_parameter_count": None,
    "channels_last_weights": None,
    "describe_the_network": None,
    "why_replay_and_target": None,
}
