answers = {
    "steps_in_run": None,
    "last_batch": None,
    "initial_loss": None,
    "stuck_at_ln2": None,
    "curves": None,
    "dqn_loop": None,
    "step_order": None,
    "why_replay": None,
}
