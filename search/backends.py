"""The site's search backend: Wagtail's database backend (SQLite FTS5,
PostgreSQL full-text search), with SQLite's ranking done in one pass.

modelsearch's SQLite backend finds the matching pages with the FTS5 match and
then scores each of them with a correlated subquery that runs the whole match
again, so a search that matches n pages costs n full-text matches: 85 to
150 ms of SQLite for "food bank" and 620 ms or more for a neighbourhood's
name at demo scale 40, growing with the site. Here the FTS table is joined
to the pages instead, so the match runs once and each matching page is
scored by ``bm25()`` in the same pass (1 and 9 ms). The rank expression,
the match and the order (best score, then newest id) are modelsearch's own,
so the results and their order are the same (tests/test_search_ranking.py).

Set as ``WAGTAILSEARCH_BACKENDS["default"]`` in the settings; on any other
database this is the stock database backend.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 (the name modelsearch looks up)
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if type(backend) is not SQLiteSearchBackend:  # no FTS5: the fallback backend
        return backend
    from .sqlite_ranking import OnePassSQLiteSearchBackend

    return OnePassSQLiteSearchBackend(params)
