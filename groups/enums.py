"""Names for the states of groups, shared by models, filters, the demo and
public submissions without importing the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    CHARITY = "charity", _("Registered charity")
    COMMUNITY = "community", _("Community group")
    INFORMAL = "informal", _("Informal group")
