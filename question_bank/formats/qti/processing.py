"""Response processing written out: the outcomes, and the rules that score a response."""

from __future__ import annotations

from lxml import etree

from question_bank.formats.base import QType
from question_bank.formats.qti.spec import TEMPLATE_MAP_RESPONSE, TEMPLATE_MATCH_CORRECT, qti_el
from question_bank.numeric import dot_decimal


def write_processing(
    item: etree._Element,
    *,
    template: str,
    rules: list[etree._Element],
    feedbacks: list,
    qtype: QType,
) -> None:
    """The item's responseProcessing: a standard template when it suffices, else the rules
    (the template's scoring first) and which feedback to show."""
    if not rules and not template and not feedbacks:
        return
    if template and not feedbacks:
        qti_el("responseProcessing", item, template=template)
        return
    rp = qti_el("responseProcessing", item)
    if template == TEMPLATE_MATCH_CORRECT:
        rp.append(set_score(match_correct("RESPONSE")))
    elif template == TEMPLATE_MAP_RESPONSE:
        rp.append(set_score_map("RESPONSE"))
    for rule in rules:
        rp.append(rule)
    if feedbacks:
        value = qti_el("setOutcomeValue", rp, identifier="FEEDBACK")
        multiple = qti_el("multiple", value)
        for ident in ("SOLUTION", "GENERAL"):
            if any(f[0] == ident for f in feedbacks):
                qti_el("baseValue", multiple, ident, baseType="identifier")
        if qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE):
            qti_el("variable", multiple, identifier="RESPONSE")


def outcome(
    item: etree._Element, ident: str, cardinality: str, base_type: str, default: str | None = None
) -> None:
    declaration = qti_el(
        "outcomeDeclaration", item, identifier=ident, cardinality=cardinality, baseType=base_type
    )
    if default is not None:
        qti_el("value", qti_el("defaultValue", declaration), default)


def match_correct(ident: str) -> etree._Element:
    match = qti_el("match", None)
    qti_el("variable", match, identifier=ident)
    qti_el("correct", match, identifier=ident)
    return match


def equal(ident: str, tolerance: float) -> etree._Element:
    if tolerance:
        t = dot_decimal(tolerance)
        eq = qti_el("equal", None, toleranceMode="absolute", tolerance=f"{t} {t}")
    else:
        eq = qti_el("equal", None, toleranceMode="exact")
    qti_el("variable", eq, identifier=ident)
    qti_el("correct", eq, identifier=ident)
    return eq


def map_response(ident: str) -> etree._Element:
    return qti_el("mapResponse", None, identifier=ident)


def set_score(condition: etree._Element) -> etree._Element:
    """SCORE = 1 if the condition holds, else 0."""
    rc = qti_el("responseCondition", None)
    rif = qti_el("responseIf", rc)
    rif.append(condition)
    qti_el("baseValue", qti_el("setOutcomeValue", rif, identifier="SCORE"), "1", baseType="float")
    relse = qti_el("responseElse", rc)
    qti_el("baseValue", qti_el("setOutcomeValue", relse, identifier="SCORE"), "0", baseType="float")
    return rc


def set_score_map(ident: str) -> etree._Element:
    rc = qti_el("responseCondition", None)
    rif = qti_el("responseIf", rc)
    qti_el("variable", qti_el("isNull", rif), identifier=ident)
    qti_el("baseValue", qti_el("setOutcomeValue", rif, identifier="SCORE"), "0", baseType="float")
    relse = qti_el("responseElse", rc)
    qti_el("setOutcomeValue", relse, identifier="SCORE").append(map_response(ident))
    return rc


def add_score(expression: etree._Element) -> etree._Element:
    """SCORE = SCORE + expression."""
    value = qti_el("setOutcomeValue", None, identifier="SCORE")
    total = qti_el("sum", value)
    qti_el("variable", total, identifier="SCORE")
    total.append(expression)
    return value


def add_score_if(condition: etree._Element) -> etree._Element:
    """SCORE = SCORE + 1 if the condition holds."""
    rc = qti_el("responseCondition", None)
    rif = qti_el("responseIf", rc)
    rif.append(condition)
    rif.append(add_score(qti_el("baseValue", None, "1", baseType="float")))
    return rc
