"""Moodle XML (moved from ``formats/moodle_xml.py`` unchanged; the next commit splits it)."""

from question_bank.formats.moodle_xml.reader import (
    DESCRIPTION_MESSAGE,
    apply_hoclieu_tags,
    export_moodle_xml,
    fraction_percent,
    join_true_false_feedback,
    marker,
    moodle_grade_allowed,
    parse_moodle_xml,
    plain_to_html,
    read_hoclieu_tags,
    split_category_path,
    text_in_format,
    wrong_answers_warning,
)

__all__ = [
    "DESCRIPTION_MESSAGE",
    "apply_hoclieu_tags",
    "export_moodle_xml",
    "fraction_percent",
    "join_true_false_feedback",
    "marker",
    "moodle_grade_allowed",
    "parse_moodle_xml",
    "plain_to_html",
    "read_hoclieu_tags",
    "split_category_path",
    "text_in_format",
    "wrong_answers_warning",
]
