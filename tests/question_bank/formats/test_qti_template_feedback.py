"""QTI 2.1 items built here: an item with template variables (``templateDeclaration`` /
``templateProcessing``) is refused with its name; feedback QTI shows only on a wrong answer
is never glued to the right option's feedback — it becomes the wrong options' feedback (or
general feedback for an item without options), as the item's outcome conditions say."""

from question_bank.formats import qti
from question_bank.formats.base import QType

from .test_qti import decl, item

CHOICES = (
    '<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">'
    '<simpleChoice identifier="A">2</simpleChoice>'
    '<simpleChoice identifier="B">3</simpleChoice>'
    '<simpleChoice identifier="C">5</simpleChoice>'
    "</choiceInteraction>"
)
FEEDBACK_DECL = (
    '<outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier"/>'
)
RIGHT_WRONG = (
    "<responseProcessing><responseCondition>"
    '<responseIf><match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>'
    '<setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>'
    '<setOutcomeValue identifier="FEEDBACK"><baseValue baseType="identifier">correct</baseValue>'
    "</setOutcomeValue></responseIf>"
    '<responseElse><setOutcomeValue identifier="FEEDBACK">'
    '<baseValue baseType="identifier">incorrect</baseValue></setOutcomeValue></responseElse>'
    "</responseCondition></responseProcessing>"
)


def modal(ident: str, text: str, show: str = "show") -> str:
    return (
        f'<modalFeedback outcomeIdentifier="FEEDBACK" identifier="{ident}" showHide="{show}">'
        f"<p>{text}</p></modalFeedback>"
    )


def only(result):
    assert result.errors == []
    (q,) = result.questions
    return q


def test_template_item_is_refused_by_name():
    template = '<templateDeclaration identifier="a" cardinality="single" baseType="integer"/>'
    processing = (
        '<templateProcessing><setTemplateValue identifier="a"><randomInteger min="1" max="9"/>'
        "</setTemplateValue></templateProcessing>"
    )
    body = '<p>Tính <printedVariable identifier="a"/> + 1</p>' + CHOICES
    for decls, extra in ((template, ""), ("", processing), (template, processing)):
        data = item(body, decl("RESPONSE", "single", "identifier", "A") + decls, extra=extra,
                    title="Cộng ngẫu nhiên")  # fmt: skip
        result = qti.parse(data, filename="q.xml")
        assert result.questions == []
        (problem,) = result.errors
        assert "Cộng ngẫu nhiên" in problem.where
        assert problem.message == "câu hỏi có mẫu sinh số (template) chưa được hỗ trợ"


def test_wrong_answer_feedback_goes_to_the_wrong_options():
    extra = (
        RIGHT_WRONG + modal("correct", "Chính xác") + modal("incorrect", "Chưa đúng, 2 là số chẵn")
    )
    data = item("<p>Số chẵn?</p>" + CHOICES, decl("RESPONSE", "single", "identifier", "A")
                + FEEDBACK_DECL, extra=extra)  # fmt: skip
    q = only(qti.parse(data, filename="q.xml"))
    assert [c.feedback for c in q.choices] == [
        "<p>Chính xác</p>", "<p>Chưa đúng, 2 là số chẵn</p>", "<p>Chưa đúng, 2 là số chẵn</p>",
    ]  # fmt: skip
    assert q.general_feedback == ""


def test_feedback_hidden_on_the_right_option_is_not_glued_to_it():
    """``showHide="hide"`` named after the key: shown whenever the key was *not* chosen."""
    extra = modal("A", "Sai rồi: đáp án là 2", show="hide") + modal("B", "3 là số lẻ")
    data = item("<p>Số chẵn?</p>" + CHOICES, decl("RESPONSE", "single", "identifier", "A")
                + FEEDBACK_DECL, extra=extra)  # fmt: skip
    q = only(qti.parse(data, filename="q.xml"))
    right, three, five = q.choices
    assert right.correct and right.feedback == ""
    assert three.feedback == "<p>Sai rồi: đáp án là 2</p><p>3 là số lẻ</p>"
    assert five.feedback == "<p>Sai rồi: đáp án là 2</p>"


def test_feedback_inline_with_an_outcome_condition():
    """feedbackInline after the interaction, and one inside the right option that is shown
    only when the answer is wrong."""
    choices = CHOICES.replace(
        '<simpleChoice identifier="A">2</simpleChoice>',
        '<simpleChoice identifier="A">2<feedbackInline outcomeIdentifier="FEEDBACK" '
        'identifier="incorrect" showHide="show">Xem lại định nghĩa số chẵn</feedbackInline>'
        "</simpleChoice>",
    )
    body = (
        "<p>Số chẵn?</p>" + choices + '<p><feedbackInline outcomeIdentifier="FEEDBACK" '
        'identifier="correct" showHide="show">Giỏi lắm</feedbackInline></p>'
    )
    data = item(body, decl("RESPONSE", "single", "identifier", "A") + FEEDBACK_DECL,
                extra=RIGHT_WRONG)  # fmt: skip
    q = only(qti.parse(data, filename="q.xml"))
    assert "Giỏi lắm" not in q.stem and "Xem lại" not in q.stem
    assert [c.feedback for c in q.choices] == [
        "Giỏi lắm", "Xem lại định nghĩa số chẵn", "Xem lại định nghĩa số chẵn",
    ]  # fmt: skip


def test_wrong_answer_feedback_of_a_typed_answer_is_general_and_noted():
    body = '<p>Thủ đô? <textEntryInteraction responseIdentifier="RESPONSE"/></p>'
    extra = RIGHT_WRONG + modal("incorrect", "Thủ đô là Hà Nội")
    data = item(body, decl("RESPONSE", "single", "string", "Hà Nội") + FEEDBACK_DECL, extra=extra)
    result = qti.parse(data, filename="q.xml")
    q = only(result)
    assert q.qtype == QType.SHORT_TEXT
    assert q.general_feedback == "<p>Thủ đô là Hà Nội</p>"
    assert any("khi trả lời sai" in note for note in q.needs_review)
