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
from django.utils.crypto import salted_hmac

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


def attempt_layout(toets, *, seed: str) -> list[dict]:
    """What one attempt asks, in the order it is shown: [{"id": ..., "options": [...]}].

    Draws `toets.draw_count` questions from all of them when set, and shuffles questions and
    options when the toets asks for it. The random generator is seeded by a keyed hash of the
    toets and `seed` (the form's submission key), so the page and the service derive the same
    layout from the key, and nobody can work out a layout from a key without the server's
    secret. Without shuffling, the drawn questions keep the editor's order.
    """
    rng = random.Random(salted_hmac("courses.toets-layout", f"{toets.pk}:{seed}").hexdigest())
    stored = _stored_questions(toets)
    if toets.draw_count and toets.draw_count < len(stored):
        drawn = set(rng.sample(range(len(stored)), toets.draw_count))
        stored = [question for index, question in enumerate(stored) if index in drawn]
    if toets.shuffle_questions:
        rng.shuffle(stored)
    layout = []
    for question_id, _value, options in stored:
        option_ids = [option_id for option_id, _option in options]
        if toets.shuffle_options:
            rng.shuffle(option_ids)
        layout.append({"id": question_id, "options": option_ids})
    return layout


def questions_for_display(toets, *, seed: str) -> list[DisplayQuestion]:
    """The questions of one attempt (`attempt_layout`) without correct answers, feedback or
    explanations: prompts, option texts and block ids only."""
    stored = {
        question_id: (value, dict(options))
        for question_id, value, options in _stored_questions(toets)
    }
    display = []
    for number, entry in enumerate(attempt_layout(toets, seed=seed), start=1):
        value, options = stored[entry["id"]]
        display.append(
            DisplayQuestion(
                id=entry["id"],
                number=number,
                kind=value["kind"],
                prompt=value["prompt"],
                options=[
                    DisplayOption(id=option_id, text=options[option_id]["text"])
                    for option_id in entry["options"]
                ],
            )
        )
    return display


def answers_from_post(data: QueryDict) -> dict[str, list[str]]:
    """Every answer field of a posted toets form, as sent: {question id: [values]}.

    Nothing is filtered here: `submission_problems` decides whether the submission is whole,
    so a foreign, duplicated or extra id is refused rather than silently dropped. Other
    fields (a forged "score" or "passed") are not read.
    """
    return {
        name[len(ANSWER_FIELD_PREFIX) :]: data.getlist(name)
        for name in data
        if name.startswith(ANSWER_FIELD_PREFIX)
    }


@dataclass(frozen=True)
class SubmissionProblems:
    """Why a submission is not whole: open questions (by number as shown) and/or ids that do
    not belong to the questions asked."""

    open_numbers: list[int]
    foreign: bool

    def __bool__(self) -> bool:
        return bool(self.open_numbers or self.foreign)


def submission_problems(
    toets, answers: dict[str, list[str]], layout: list[dict]
) -> SubmissionProblems:
    """Check that `answers` answers exactly the questions of `layout`, each once.

    Refused as foreign: a question id that was not asked, an option id that is not one of its
    question's options, the same option twice, more than one option on a one-answer question.
    Open: an asked question without an answer. Pure: reads the toets, writes nothing.
    """
    kinds = {question_id: value["kind"] for question_id, value, _o in _stored_questions(toets)}
    asked = {entry["id"]: set(entry["options"]) for entry in layout}
    foreign = any(question_id not in asked for question_id in answers)
    open_numbers = []
    for number, entry in enumerate(layout, start=1):
        values = [str(value) for value in answers.get(entry["id"], [])]
        if not values:
            open_numbers.append(number)
            continue
        if (
            len(set(values)) != len(values)
            or not set(values) <= asked[entry["id"]]
            or (kinds.get(entry["id"]) != "multiple" and len(values) > 1)
        ):
            foreign = True
    return SubmissionProblems(open_numbers=open_numbers, foreign=foreign)


def score_submission(
    toets, answers: dict[str, list[str]], *, question_ids: list[str] | None = None
) -> ScoreResult:
    """Score `answers` (question id -> chosen option ids) against the stored questions.

    A question counts as correct only when the set of chosen options equals the set of correct
    options. Unanswered questions are wrong; unknown question or option ids are ignored. The
    score is rounded down, and `passed` compares the exact fraction with the pass mark, so a
    learner never passes on rounding. With `question_ids` (the questions of one attempt, in
    its order) only those are scored, in that order. Pure: reads the toets, writes nothing.
    """
    stored = _stored_questions(toets)
    if question_ids is not None:
        by_id = {question[0]: question for question in stored}
        stored = [by_id[question_id] for question_id in question_ids if question_id in by_id]
    feedback = []
    for question_id, value, options in stored:
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


# --- What a result page may show ---------------------------------------------------------------

FEEDBACK_SCORE = "score"  # the score only
FEEDBACK_PER_QUESTION = "per-vraag"  # per question right/wrong, the learner's choices, explanation
FEEDBACK_KEY = "sleutel"  # all of that and the correct options


def feedback_level(toets, *, passed: bool, attempts_left: int | None) -> str:
    """How much of an attempt's feedback the learner may see now, by the toets's policy.

    The correct options only once the toets is passed or no attempt is left (never under
    "nooit"); before that, per question right/wrong and the explanation (the default) or the
    score only ("na-afloop").
    """
    policy = toets.feedback_policy
    finished = passed or attempts_left == 0
    if policy == toets.FeedbackPolicy.NEVER:
        return FEEDBACK_SCORE
    if finished:
        return FEEDBACK_KEY
    if policy == toets.FeedbackPolicy.KEY_AT_END:
        return FEEDBACK_SCORE
    return FEEDBACK_PER_QUESTION


@dataclass(frozen=True)
class ShownOption:
    text: str
    feedback: str


@dataclass(frozen=True)
class ShownQuestion:
    """One question of a result page, holding only what the feedback level allows."""

    number: int
    prompt: str
    correct: bool
    chosen: list[ShownOption]
    correct_options: list[str]
    explanation: str


def attempt_feedback(toets, attempt, *, level: str) -> list[ShownQuestion]:
    """The questions of a stored attempt as asked (its own draw and order) with the learner's
    choices and, when `level` allows, the explanation and the correct options.

    Built here rather than in the template, so a template cannot show what the level hides.
    Attempts stored before layouts were kept fall back to the questions they answered.
    """
    if level == FEEDBACK_SCORE:
        return []
    layout = attempt.question_order or [
        {"id": question_id, "options": []} for question_id in attempt.answers
    ]
    result = score_submission(
        toets, attempt.answers, question_ids=[entry["id"] for entry in layout]
    )
    by_id = result.feedback
    shown = []
    for entry in layout:
        question = by_id.get(entry["id"])
        if question is None:  # removed from the toets since
            continue
        order = {option_id: index for index, option_id in enumerate(entry["options"])}
        options = sorted(question.options, key=lambda option: order.get(option.id, len(order)))
        shown.append(
            ShownQuestion(
                number=len(shown) + 1,
                prompt=question.prompt,
                correct=question.correct,
                chosen=[
                    ShownOption(text=option.text, feedback=option.feedback)
                    for option in options
                    if option.chosen
                ],
                correct_options=[option.text for option in options if option.is_correct]
                if level == FEEDBACK_KEY
                else [],
                explanation=question.explanation,
            )
        )
    return shown
