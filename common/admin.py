"""Small pieces of the Wagtail admin shared by every app's viewsets."""

from django.db import models
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import InspectView


def yes_no(value) -> str:
    return _("Có") if value else _("Không")


class YesNoColumn(Column):
    """A yes/no column in Vietnamese (Wagtail's BooleanColumn titles its icons with the
    Python words "True"/"False", which no catalogue translates)."""

    def get_value(self, instance):
        return yes_no(super().get_value(instance))


class YesNoInspectView(InspectView):
    """The snippet inspect view, with yes/no fields shown as "Có"/"Không"."""

    def get_field_display_value(self, field_name, field):
        if isinstance(field, models.BooleanField):
            return yes_no(getattr(self.object, field_name))
        return super().get_field_display_value(field_name, field)
