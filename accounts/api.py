"""JSON API for rosters (django-ninja), deciding access with the same ``accounts.permissions``."""

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from accounts import selectors

router = Router(auth=django_auth, tags=["lms"])


class ClassOut(Schema):
    id: int
    name: str
    grade: int
    school: str = Field(alias="school.name")
    school_year: str = Field(alias="school_year.name")


class StudentOut(Schema):
    id: int
    full_name: str
    student_id: str | None
    date_of_birth: dt.date | None


@router.get("/classes", response=list[ClassOut])
@paginate(LimitOffsetPagination)
def list_classes(request):
    return selectors.class_list(user=request.user)


@router.get("/classes/{class_id}/students", response=list[StudentOut])
@paginate(LimitOffsetPagination)
def class_students(request, class_id: int):
    school_class = selectors.roster_class(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404
    return selectors.class_students(user=request.user, school_class=school_class)
