answers = {
    "diagnose": 0,
    "map_lambda": 0.0025,
    "adam_decay": 1,
    "dropout_value": 3.75,
    "rl_practice": [1, 2, 4],
    "loop_order": [0, 1, 2, 3, 4],
    "what_it_does": [0, 1, 2, 3],
    "eval_identity": (
        "Training divides kept units by 1 - p so their expected value is unchanged; at "
        "evaluation nothing is dropped, so the layer is the identity. Scaling by 1 - p again "
        "would make every output 1 - p times too small."
    ),
}
