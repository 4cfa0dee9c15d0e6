"""Completeness of the written course against ../shared/CURRICULUM.md and the page rules.

Every exercise sits on its own page exactly once; each written lesson page has the
sections a student relies on, five extra practice items of which the fifth is a debug
exercise, and notebook material; every core exercise of the contract exists with its
exact function names, progressive hints and a worked explanation.
"""

import re

import pytest
import yaml

from builder.pages import find_exercise_lines
from grader.spec import load_all
from tests.conftest import ROOT

BUNDLES, PROBLEMS = load_all(ROOT / "exercises")
BY_ID = {b["id"]: b for b in BUNDLES}
COURSE = yaml.safe_load((ROOT / "content" / "course.yaml").read_text())
WRITTEN = [p["slug"] for p in COURSE["pages"] if (ROOT / "content" / f"{p['slug']}.md").exists()]
LESSONS = [s for s in WRITTEN if not s.startswith("checkpoint")]

# The contract (CURRICULUM.md) for the pages written so far: id -> function names.
CONTRACT = {
    "01-biological-inspiration": {"weighted_sum": ["weighted_sum"], "step_neuron": ["step_neuron"]},
    "02-perceptron": {
        "perceptron_predict": ["perceptron_predict"],
        "perceptron_update": ["perceptron_update"],
        "train_perceptron": ["train_perceptron"],
    },
    "03-activation-functions": {
        "relu": ["relu", "relu_grad"],
        "sigmoid": ["sigmoid", "sigmoid_grad"],
        "tanh": ["tanh", "tanh_grad"],
        "softmax": ["softmax"],
    },
    "04-multi-layer-perceptrons": {
        "count_params": ["count_params"],
        "init_mlp": ["init_mlp"],
        "xor_network": ["xor_network"],
    },
    "05-forward-propagation": {
        "dense_forward": ["dense_forward"],
        "mlp_forward": ["mlp_forward"],
        "greedy_actions": ["greedy_actions"],
    },
    "06-loss-functions": {
        "mse_loss": ["mse_loss"],
        "cross_entropy_loss": ["cross_entropy_loss"],
        "td_targets": ["td_targets"],
        "dqn_loss": ["dqn_loss"],
        "huber_loss": ["huber_loss"],
    },
    "07-backpropagation": {
        "dense_backward": ["dense_backward"],
        "relu_backward": ["relu_backward"],
        "softmax_ce_grad": ["softmax_ce_grad"],
        "numerical_gradient": ["numerical_gradient"],
        "relative_error": ["relative_error"],
        "mlp_backward": ["mlp_backward"],
    },
    "08-gradient-descent": {
        "sgd_step": ["sgd_step"],
        "momentum_step": ["momentum_step"],
        "adam_step": ["adam_step"],
    },
    "09-training-loop": {
        "minibatches": ["minibatches"],
        "accuracy": ["accuracy"],
        "train_mlp": ["train_mlp"],
    },
    "10-regularization": {
        "dropout_forward": ["dropout_forward"],
        "dropout_backward": ["dropout_backward"],
        "l2_penalty": ["l2_penalty"],
        "early_stopping": ["EarlyStopping"],
    },
    "11-convolutional-networks": {
        "conv_output_size": ["conv_output_size"],
        "conv2d_forward": ["conv2d_forward"],
        "max_pool2d": ["max_pool2d"],
        "conv2d_backward": ["conv2d_backward"],
    },
    "12-batch-norm-residuals": {
        "batchnorm_forward": ["batchnorm_forward"],
        "batchnorm_backward": ["batchnorm_backward"],
        "residual_block": ["residual_block"],
    },
    "13-dqn-network": {
        "dqn_param_count": ["dqn_param_count"],
        "preprocess_frame": ["preprocess_frame"],
        "stack_frames": ["stack_frames"],
        "dqn_forward": ["dqn_forward"],
        "epsilon_greedy": ["epsilon_greedy"],
        "soft_update": ["soft_update"],
    },
}


def placed(slug: str) -> list[str]:
    text = (ROOT / "content" / f"{slug}.md").read_text(encoding="utf-8")
    return [ex for _, ex in find_exercise_lines(text, where=slug, known=BY_ID)]


def test_exercises_load():
    assert PROBLEMS == []


def test_every_page_of_the_course_is_written():
    missing = [p["slug"] for p in COURSE["pages"] if p["slug"] not in WRITTEN]
    assert missing == [], f"pages still placeholders: {missing}"
    assert set(CONTRACT) <= set(LESSONS)


@pytest.mark.parametrize("slug", WRITTEN)
def test_every_exercise_of_a_page_is_placed_on_it_once(slug):
    ids = placed(slug)
    assert len(ids) == len(set(ids)), f"{slug}: an exercise is placed twice"
    assert all(BY_ID[i]["page"] == slug for i in ids), f"{slug}: places another page's exercise"
    own = {b["id"] for b in BUNDLES if b["page"] == slug}
    assert own == set(ids), f"{slug}: not placed: {sorted(own - set(ids))}"


@pytest.mark.parametrize("slug", LESSONS)
def test_lesson_page_has_the_sections(slug):
    text = (ROOT / "content" / f"{slug}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    for needed in ("Why this matters for RL", "Exercises", "Extra practice", "Common mistakes"):
        assert needed in headings, f"{slug}: no '## {needed}' section"
    assert text.count("```python") >= 4, f"{slug}: too few worked NumPy examples"
    assert "$$" in text, f"{slug}: no displayed math"
    assert len(text.split()) > 2500, f"{slug}: too short for 2-4 hours of study"


@pytest.mark.parametrize("slug", LESSONS)
def test_five_practice_items_the_fifth_a_debug_exercise(slug):
    text = (ROOT / "content" / f"{slug}.md").read_text(encoding="utf-8")
    section = text.split("## Extra practice", 1)[1].split("\n## ", 1)[0]
    ids = [ex for _, ex in find_exercise_lines(section, where=slug, known=BY_ID)]
    assert len(ids) == 5, f"{slug}: {len(ids)} practice items"
    assert all(BY_ID[i]["role"] == "practice" for i in ids)
    assert BY_ID[ids[4]]["kind"] == "debug", f"{slug}: item 5 is {BY_ID[ids[4]]['kind']}"


@pytest.mark.parametrize("slug", LESSONS)
def test_notebook_material_exists_with_pytorch(slug):
    material = ROOT / "content" / "notebooks" / f"{slug}.py"
    assert material.exists()
    assert "# %% [torch]" in material.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "slug, ex_id, names",
    [(s, i, n) for s, ex in CONTRACT.items() if s in WRITTEN for i, n in ex.items()],
)
def test_core_exercise_keeps_the_contract(slug, ex_id, names):
    bundle = BY_ID.get(ex_id)
    assert bundle is not None, f"missing core exercise {ex_id}"
    assert bundle["page"] == slug and bundle["role"] == "core"
    assert bundle["function_names"] == names
    assert len(bundle["hints"]) >= 2 and len(bundle["explanation"].split()) > 60
    assert len(bundle["bugs"]) >= 3, f"{ex_id}: bug bank too small"
    assert ex_id in placed(slug)


CHECKPOINTS = [p["slug"] for p in COURSE["pages"] if p.get("checkpoint") and p["slug"] in WRITTEN]


@pytest.mark.parametrize("slug", CHECKPOINTS)
def test_checkpoint_has_code_reliable_questions_and_says_how_it_is_graded(slug):
    kinds = {BY_ID[i]["kind"] for i in placed(slug)}
    assert {"code", "quiz"} <= kinds, f"{slug}: needs code items and a quiz, has {sorted(kinds)}"
    types = {
        q["type"] for i in placed(slug) if BY_ID[i]["kind"] == "quiz" for q in BY_ID[i]["questions"]
    }
    assert "explain" in types, f"{slug}: no free-text explanation with a rubric"
    assert len(types - {"explain"}) >= 3, f"{slug}: too few automatic question types: {types}"
    text = (ROOT / "content" / f"{slug}.md").read_text(encoding="utf-8").lower()
    assert "graded" in text and "pass" in text, f"{slug}: does not say how it is graded"
