# Bug: believes Adam's weight_decay and AdamW are the same.
# expect: you chose
answers = {
    "diagnose": 0,
    "map_lambda": 0.0025,
    "adam_decay": 0,
    "dropout_value": 3.75,
    "rl_practice": [1, 2, 4],
    "loop_order": [0, 1, 2, 3, 4],
    "what_it_does": [0, 1, 2, 3],
    "eval_identity": "The layer is the identity at evaluation.",
}
