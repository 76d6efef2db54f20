"""One check in front of every admin view of one page: untranslated copies
(aliases) of pages a user may not read stay closed (translations/permissions.py,
``may_open_copy``).

Wagtail's page views (edit, preview, view draft, revisions, history, copy,
move, workflow), the explorer and the chooser of a page's children, and
wagtail-localize's "translate this page" all name the page in their address
(``page_id``, ``parent_page_id``, or ``pk`` in the admin API); checking it here,
after the address is resolved and before any of them runs, covers them all,
and every view added later, without a hook per view.
"""

from django.core.exceptions import PermissionDenied

from .permissions import may_open_copy

#: The names admin views give the page they are about.
PAGE_ARGUMENTS = ("page_id", "parent_page_id")
#: Admin views whose ``pk`` is a page (the admin API behind the explorer menu).
PAGE_PK_NAMESPACES = ("wagtailadmin_api",)


class CopiesOfClosedPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # the admin sends them to log in; the site has no page ids
        page_id = next((view_kwargs[name] for name in PAGE_ARGUMENTS if name in view_kwargs), None)
        match = request.resolver_match
        if page_id is None and "pk" in view_kwargs and match is not None:
            if any(namespace in PAGE_PK_NAMESPACES for namespace in match.namespaces):
                page_id = view_kwargs["pk"]
        if page_id is None:
            return None
        try:
            page_id = int(page_id)
        except (TypeError, ValueError):
            return None  # not a page's id: the view answers (404)
        if not may_open_copy(user, page_id):
            raise PermissionDenied
        return None
