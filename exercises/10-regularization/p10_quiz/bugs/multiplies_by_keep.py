# Bug: multiplies the kept unit by 1 - p (the original recipe's evaluation rule) instead of dividing.
# expect: 2.4 is not within
answers = {
    "diagnose": 0,
    "map_lambda": 0.0025,
    "adam_decay": 1,
    "dropout_value": 2.4,
    "rl_practice": [1, 2, 4],
    "loop_order": [0, 1, 2, 3, 4],
    "what_it_does": [0, 1, 2, 3],
    "eval_identity": "The layer is the identity at evaluation.",
}
