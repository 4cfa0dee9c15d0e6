answers = {
    "diagnose": None,
    "map_lambda": None,
    "adam_decay": None,
    "dropout_value": None,
    "rl_practice": None,
    "loop_order": None,
    "what_it_does": None,
    "eval_identity": None,
}
