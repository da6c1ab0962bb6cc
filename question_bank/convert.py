"""Between the database and the portable question: snapshots, exports and imports use these."""

from dataclasses import asdict

from question_bank.formats.base import Blank, Choice, ParsedGroup, ParsedQuestion, QType
from question_bank.images import collect_assets


def _choice_dict(c) -> dict:
    return {
        "text": c.text,
        "correct": bool(c.correct),
        "fraction": float(c.fraction) if c.fraction is not None else None,
        "feedback": c.feedback,
        "fixed": bool(c.fixed),
        "match": c.match,
        "ident": c.ident,
    }


def question_snapshot(question) -> dict:
    """Everything a paper needs to show and mark this question, as plain JSON."""
    return {
        "qtype": question.qtype,
        "stem": question.stem,
        "stimulus": question.stimulus.content if question.stimulus_id else "",
        "stimulus_id": question.stimulus_id,
        "choices": [_choice_dict(c) for c in question.choices.all()],
        "numeric_answer": question.numeric_answer,
        "tolerance": question.tolerance,
        "case_sensitive": question.case_sensitive,
        "blanks": question.blanks or [],
        "solution": question.solution,
        "general_feedback": question.general_feedback,
        "marking_guide": question.marking_guide,
        "points": float(question.points) if question.points is not None else None,
        "part": question.part,
        "subject_id": question.subject_id,
        "grade": question.grade,
        "topic_id": question.topic_id,
        "outcome_id": question.outcome_id,
        "level": question.level.code if question.level_id else "",
        "difficulty": question.difficulty,
        "keep_option_order": question.keep_option_order,
        "keep_position": question.keep_position,
        "shuffle_statements": question.shuffle_statements,
        "tags": sorted(
            getattr(question, "_pending_tags", None) or (t.name for t in question.tags.all())
        ),
    }


def blanks_to_json(blanks: list[Blank]) -> list[dict]:
    return [
        {
            "kind": b.kind,
            "answers": [asdict(a) for a in b.answers],
            "points": b.points,
            "tolerance": b.tolerance,
            "case_sensitive": b.case_sensitive,
        }
        for b in blanks
    ]


def blanks_from_json(data: list[dict]) -> list[Blank]:
    return [
        Blank(
            kind=b.get("kind", "text"),
            answers=[Choice(**a) for a in b.get("answers", [])],
            points=b.get("points", 1.0),
            tolerance=b.get("tolerance", 0.0),
            case_sensitive=b.get("case_sensitive", False),
        )
        for b in data or []
    ]


def question_to_parsed(question, *, group_key: str = "") -> ParsedQuestion:
    """The live question as a portable question, its stored images back as assets."""
    assets: dict[str, bytes] = {}
    q = ParsedQuestion(
        qtype=QType(question.qtype),
        stem=collect_assets(question.stem, assets),
        choices=[
            Choice(
                text=collect_assets(c.text, assets),
                correct=c.correct,
                fraction=float(c.fraction) if c.fraction is not None else None,
                feedback=collect_assets(c.feedback, assets),
                fixed=c.fixed,
                match=collect_assets(c.match, assets),
                ident=c.ident,
            )
            for c in question.choices.all()
        ],
        numeric_answer=question.numeric_answer,
        tolerance=question.tolerance,
        case_sensitive=question.case_sensitive,
        blanks=blanks_from_json(question.blanks),
        solution=collect_assets(question.solution, assets),
        general_feedback=collect_assets(question.general_feedback, assets),
        marking_guide=collect_assets(question.marking_guide, assets),
        points=float(question.points) if question.points is not None else None,
        name=f"Q{question.pk}",
        ref=f"#{question.pk}",
        category=[question.bank.name] + ([question.topic.name] if question.topic_id else []),
        tags=sorted(t.name for t in question.tags.all()),
        level=question.level.code if question.level_id else "",
        difficulty=question.difficulty,
        part=question.part,
        group=group_key or (f"g{question.stimulus_id}" if question.stimulus_id else ""),
        keep_option_order=question.keep_option_order,
        keep_position=question.keep_position,
        shuffle_statements=question.shuffle_statements,
        needs_review=[r for r in question.needs_review.splitlines() if r.strip()],
        assets=assets,
        source_id=str(question.pk),
    )
    return q


def questions_to_parsed(questions) -> tuple[list[ParsedQuestion], list[ParsedGroup]]:
    parsed, groups, seen = [], [], set()
    for question in questions:
        parsed.append(question_to_parsed(question))
        if question.stimulus_id and question.stimulus_id not in seen:
            seen.add(question.stimulus_id)
            assets: dict[str, bytes] = {}
            groups.append(
                ParsedGroup(
                    key=f"g{question.stimulus_id}",
                    stimulus=collect_assets(question.stimulus.content, assets),
                    title=question.stimulus.title,
                    assets=assets,
                )
            )
    return parsed, groups
