from django import template

from ..alerts import alerts_for

register = template.Library()


@register.inclusion_tag("moderation/includes/alert_banners.html", takes_context=True)
def alert_banners(context):
    """The alerts showing now that this reader has not dismissed (at most one
    query, and none while the list is cached)."""
    request = context.get("request")
    return {
        "alerts": alerts_for(request),
        "current_path": request.get_full_path() if request else "/",
    }


@register.inclusion_tag("moderation/includes/who_runs_the_site.html", takes_context=True)
def who_runs_the_site(context, page=None):
    """On the "About this site" page (SiteSettings.about_page): who runs the
    site, from the settings, so a handover updates it without editing pages."""
    site_settings = context["settings"]["home"]["SiteSettings"]
    show = page is None or (page.pk and page.pk == site_settings.about_page_id)
    return {"site_settings": site_settings, "show": show}
