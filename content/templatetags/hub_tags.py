"""The breadcrumb of a lesson or e-lecture: links back to its subject and grade hubs.

``{% material_hubs page as hubs %}`` gives ``hubs.subject`` (the live ``SubjectPage`` of the
page's subject) and ``hubs.grade`` (the live ``GradePage`` of its grade under that hub),
each None when ``hubs_sync`` has made no such hub (the breadcrumb then shows plain text).
"""

from dataclasses import dataclass

from django import template

from content.models import GradePage, SubjectPage

register = template.Library()


@dataclass(frozen=True)
class MaterialHubs:
    subject: SubjectPage | None
    grade: GradePage | None


@register.simple_tag
def material_hubs(page) -> MaterialHubs:
    if not page.subject_id:
        return MaterialHubs(subject=None, grade=None)
    subject_hub = SubjectPage.objects.live().filter(subject_id=page.subject_id).first()
    grade_hub = None
    if subject_hub is not None and page.grade:
        grade_hub = GradePage.objects.live().child_of(subject_hub).filter(grade=page.grade).first()
    return MaterialHubs(subject=subject_hub, grade=grade_hub)
