# Bug: lambda = sigma^2 / tau^2, forgetting that the prior counts once while the data count N times.
# expect: 0.25 is not within
answers = {
    "diagnose": 0,
    "map_lambda": 0.25,
    "adam_decay": 1,
    "dropout_value": 3.75,
    "rl_practice": [1, 2, 4],
    "loop_order": [0, 1, 2, 3, 4],
    "what_it_does": [0, 1, 2, 3],
    "eval_identity": "The layer is the identity at evaluation.",
}
