# Bug: uses the base-10 logarithm for the initial loss (log10 6 = 0.778).
# expect: 0.778 is not within 0.002 of the expected value
answers = {
    "steps_in_run": 7820,
    "last_batch": 40,
    "initial_loss": 0.778,
    "stuck_at_ln2": 0,
    "curves": [0, 1, 2, 3],
    "dqn_loop": [0, 2, 3],
    "step_order": [0, 1, 2, 3, 4, 5],
    "why_replay": "Correlated transitions.",
}
