"""Which languages a user may translate into: the locales whose tree they may edit."""

from wagtail.models import Locale, Page

from home.sites import locale_roots


def translatable_locales(user):
    """Locales whose home page (the root of the locale's tree) ``user`` can
    edit: all of them for moderators and administrators, one for a
    translator of one language."""
    homes = locale_roots().select_related("locale")
    ids = [home.locale_id for home in homes if home.permissions_for_user(user).can_edit()]
    return Locale.objects.filter(pk__in=ids)


def can_publish_all(user, translations):
    """True when ``user`` may publish every target of ``translations``."""
    for translation in translations:
        try:
            target = translation.get_target_instance()
        except Exception:  # noqa: BLE001 - not created yet: judge by the source
            target = translation.source.get_source_instance()
        if isinstance(target, Page):
            if not target.permissions_for_user(user).can_publish():
                return False
        elif not user.is_superuser:
            return False
    return True
