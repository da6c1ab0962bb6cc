"""Entering a fixture's marks through the service, as a teacher would."""

from decimal import Decimal

from lms.gradebook import services

D = Decimal


def enter(user, school_class, subject, term, marks: dict):
    """``marks``: student → list of the term's values in column order (tx…, gk, ck);
    strings "Đ"/"CĐ" for a subject assessed by comment."""
    rules = services.class_rules(school_class)
    columns = rules.columns(subject, school_class.grade)
    entries = {}
    for student, values in marks.items():
        assert len(values) == len(columns), (subject.code, columns, values)
        for column, value in zip(columns, values, strict=True):
            if isinstance(value, str) and value in ("Đ", "CĐ"):
                value = value == "Đ"
            elif value is not None:
                value = D(str(value))
            entries[(student.pk, column)] = value
    return services.marks_save(
        user=user, school_class=school_class, subject=subject, term=term, entries=entries
    )
