"""Have your say's filters, declared once (home/listing.py): ?topic= and ?area=
on the index; an unknown value is left out and said so, never an error. This
module never imports participation.models (the models import it)."""

from django.utils.translation import gettext_lazy as _

from home.listing import Facet, Filters
from home.models import Area, Topic

QUESTIONS = Filters(
    Facet("topic", _("Topic"), choices=Topic, widget="select", lookup="topics__slug", many=True),
    Facet("area", _("Area"), choices=Area, widget="select", lookup="areas__slug", many=True),
    id_prefix="questions",
)
