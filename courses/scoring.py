"""Graded tests: what the browser may see, and how a submission is scored on the server.

Two halves that never mix:
- `questions_for_display` gives the questions and options as the learner sees them: text and
  block ids only. Whether an option is correct, its feedback and the explanation stay here.
- `score_submission` scores a set of chosen option ids against the stored questions. Nothing the
  browser sends besides the chosen ids is read, so a forged "score" or "passed" field changes
  nothing.

Questions and options are identified by their StreamField block ids (UUIDs that survive
revisions and reordering), so stored answers keep pointing at what the learner chose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.http import QueryDict

ANSWER_FIELD_PREFIX = "vraag-"


@dataclass(frozen=True)
class DisplayOption:
    id: str
    text: str


@dataclass(frozen=True)
class DisplayQuestion:
    id: str
    number: int
    kind: str  # single | multiple | true_false
    prompt: str
    options: list[DisplayOption]

    @property
    def multiple(self) -> bool:
        return self.kind == "multiple"

    @property
    def field_name(self) -> str:
        return f"{ANSWER_FIELD_PREFIX}{self.id}"


@dataclass(frozen=True)
class OptionFeedback:
    id: str
    text: str
    chosen: bool
    is_correct: bool
    feedback: str


@dataclass(frozen=True)
class QuestionFeedback:
    id: str
    prompt: str
    kind: str
    correct: bool
    chosen: list[str]
    correct_options: list[str]
    options: list[OptionFeedback]
    explanation: str


@dataclass(frozen=True)
class ScoreResult:
    question_count: int
    correct_count: int
    score_percent: int
    pass_mark_percent: int
    passed: bool
    questions: list[QuestionFeedback] = field(default_factory=list)

    @property
    def feedback(self) -> dict[str, QuestionFeedback]:
        """Per-question feedback keyed by question id."""
        return {question.id: question for question in self.questions}


def _stored_questions(toets) -> list[tuple[str, dict, list[tuple[str, dict]]]]:
    """(question id, question value, [(option id, option value), ...]) in editor order."""
    questions = []
    for child in toets.questions:
        if child.block_type != "question":
            continue
        options = [(str(item.id), item.value) for item in child.value["options"].bound_blocks]
        questions.append((str(child.id), child.value, options))
    return questions


def questions_for_display(toets, *, seed: str) -> list[DisplayQuestion]:
    """The questions of `toets` without correct answers, feedback or explanations.

    When the toets asks for it, questions and/or options are shuffled with a random generator
    seeded by `seed` and the toets id, so the same seed always gives the same order.
    """
    rng = random.Random(f"{toets.pk}:{seed}")
    stored = _stored_questions(toets)
    if toets.shuffle_questions:
        rng.shuffle(stored)
    display = []
    for number, (question_id, value, options) in enumerate(stored, start=1):
        shown = [DisplayOption(id=option_id, text=option["text"]) for option_id, option in options]
        if toets.shuffle_options:
            rng.shuffle(shown)
        display.append(
            DisplayQuestion(
                id=question_id,
                number=number,
                kind=value["kind"],
                prompt=value["prompt"],
                options=shown,
            )
        )
    return display


def answers_from_post(toets, data: QueryDict) -> dict[str, list[str]]:
    """Read the chosen option ids per question from a posted toets form.

    Only fields named after the toets's own questions are read; every other field (a forged
    "score", "passed" or "correct") is ignored. Unknown option ids are dropped.
    """
    answers: dict[str, list[str]] = {}
    for question_id, _value, options in _stored_questions(toets):
        known = {option_id for option_id, _option in options}
        chosen = [v for v in data.getlist(f"{ANSWER_FIELD_PREFIX}{question_id}") if v in known]
        answers[question_id] = sorted(set(chosen))
    return answers


def score_submission(toets, answers: dict[str, list[str]]) -> ScoreResult:
    """Score `answers` (question id -> chosen option ids) against the stored questions.

    A question counts as correct only when the set of chosen options equals the set of correct
    options. Unanswered questions are wrong; unknown question or option ids are ignored. The
    score is rounded down, and `passed` compares the exact fraction with the pass mark, so a
    learner never passes on rounding. Pure: reads the toets, writes nothing.
    """
    feedback = []
    for question_id, value, options in _stored_questions(toets):
        known = {option_id for option_id, _option in options}
        chosen = {str(v) for v in answers.get(question_id, [])} & known
        correct_ids = {option_id for option_id, option in options if option["is_correct"]}
        feedback.append(
            QuestionFeedback(
                id=question_id,
                prompt=value["prompt"],
                kind=value["kind"],
                correct=bool(correct_ids) and chosen == correct_ids,
                chosen=[option_id for option_id, _option in options if option_id in chosen],
                correct_options=[
                    option_id for option_id, _option in options if option_id in correct_ids
                ],
                options=[
                    OptionFeedback(
                        id=option_id,
                        text=option["text"],
                        chosen=option_id in chosen,
                        is_correct=bool(option["is_correct"]),
                        feedback=option["feedback"] or "",
                    )
                    for option_id, option in options
                ],
                explanation=value["explanation"] or "",
            )
        )
    question_count = len(feedback)
    correct_count = sum(1 for question in feedback if question.correct)
    score_percent = correct_count * 100 // question_count if question_count else 0
    pass_mark = toets.pass_mark_percent
    passed = question_count > 0 and correct_count * 100 >= pass_mark * question_count
    return ScoreResult(
        question_count=question_count,
        correct_count=correct_count,
        score_percent=score_percent,
        pass_mark_percent=pass_mark,
        passed=passed,
        questions=feedback,
    )
