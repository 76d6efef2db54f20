"""SQLite FTS5 search ranked in one pass (see search/backends.py for why).

Imported only on SQLite with FTS5: modelsearch defines its FTS model there only.
"""

from django.db.models import F, FloatField
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class OnePassRanking:
    """A query compiler mixin: a search ordered by relevance joins the FTS
    table (and its index entries) to the searched rows, so the FTS5 match runs
    once and ``bm25()`` scores each row in it. Anything else (unordered,
    negated, match-all searches) is modelsearch's."""

    def search(self, config, start, stop, score_field=None):
        normalized = normalize(self.query)
        if not self.order_by_relevance or isinstance(normalized, (MatchAll, Not)):
            return super().search(config, start, stop, score_field=score_field)
        score_field = score_field or "_score"
        fts = SQLiteFTSIndexEntry._meta.db_table
        entry = IndexEntry._meta.db_table
        model = self.queryset.model
        content_types = list(get_descendants_content_types_pks(model))
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS,
            self.build_search_query(normalized, config=config),
        )
        # modelsearch's rank expression, its boosts read from the joined entry
        # (bm25() itself reads the FTS row of the match).
        vectors = [
            (
                vector,
                RawSQL(
                    f'"{entry}"."{boost.name.removeprefix("index_entry__")}"',
                    (),
                    output_field=FloatField(),
                )
                if isinstance(boost, F)
                else boost,
            )
            for vector, boost in self.get_search_vectors()
        ]
        rank = self._build_rank_expression(vectors, config)
        queryset = (
            self.queryset.extra(
                tables=[entry, fts],
                where=[
                    f'"{fts}"."rowid" = "{entry}"."id"',
                    # Not cast to text: compared as a number, the searched
                    # row is found by its primary key for each match.
                    f'"{entry}"."object_id" = "{model._meta.db_table}"."{model._meta.pk.column}"',
                    f'"{entry}"."content_type_id" IN ({", ".join(["%s"] * len(content_types))})',
                ],
                params=content_types,
            )
            .filter(match)
            .annotate(**{score_field: rank})
            .order_by(score_field, "-pk")
        )
        return queryset[start:stop]


class OnePassSearchQueryCompiler(OnePassRanking, SQLiteSearchQueryCompiler):
    pass


class OnePassAutocompleteQueryCompiler(OnePassRanking, SQLiteAutocompleteQueryCompiler):
    pass


class OnePassSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = OnePassSearchQueryCompiler
    autocomplete_query_compiler_class = OnePassAutocompleteQueryCompiler
