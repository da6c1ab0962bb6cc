"""Subject and grade hubs generated from the curriculum tree (the site's skeleton)."""

from django.db.models import Count

from content.models import GradePage, HomePage, SubjectPage
from curriculum.models import Subject


def hubs_sync() -> list[SubjectPage]:
    """Subject and grade hubs generated from the curriculum tree.

    Under the home page, one published ``SubjectPage`` per subject that has topics, and
    under it one ``GradePage`` per grade of that subject's topics. Idempotent: hubs are
    matched by subject and by grade, existing ones are left as they are.
    """
    home = HomePage.objects.first()
    if home is None:
        return []
    hubs = []
    for subject in Subject.objects.annotate(n=Count("topics")).filter(n__gt=0):
        hub = SubjectPage.objects.filter(subject=subject).first()
        if hub is None:
            hub = SubjectPage(
                title=subject.name,
                slug=subject.code,
                subject=subject,
                intro=f"<p>Học liệu môn {subject.name} theo Chương trình GDPT 2018: bài học, "
                "bài giảng điện tử và tài nguyên thư viện cho từng khối lớp.</p>",
            )
            home.add_child(instance=hub)
            hub.save_revision().publish()
        grades = sorted(set(subject.topics.values_list("grade", flat=True)))
        for grade in grades:
            if not GradePage.objects.child_of(hub).filter(grade=grade).exists():
                page = GradePage(title=f"{subject.name} {grade}", slug=f"lop-{grade}", grade=grade)
                hub.add_child(instance=page)
                page.save_revision().publish()
        hubs.append(hub)
    return hubs
