"""The search engine: a registry of searchable sources, their stored documents, ranking.

Ranking is a fixed order, the same on PostgreSQL and SQLite: all the words in the title, then in
the lead, then in the body, each with a bonus when the words stand next to each other (a
phrase); then newer first. As bits: title phrase 32, title 16, lead phrase 8, lead 4, body
phrase 2, body 1.

On PostgreSQL the cost of ranking does not grow with the number of matches: the candidates are
the CANDIDATES newest rows whose title has every word (a GIN index on a title-only vector) and
the CANDIDATES newest rows that have every word anywhere (GIN on the weighted vector, or a walk
down the publication-date index for words found almost everywhere). Only those are scored.
A match older than both cuts is not offered; the page then says the list was cut.
"""

import difflib
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import add

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    SearchVectorField,
    TrigramSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Case, F, Func, IntegerField, Q, Value, When

from chaudoc.search.text import document_line, plain_text, query_words, tsquery, words

LANGUAGES = ("vi", "en")
CANDIDATES = 300  # per candidate query on PostgreSQL: at most 2 × this many rows are scored
SQLITE_CANDIDATES = 1000
FIELD_BITS = ((16, "A"), (4, "B"), (1, "C"))  # title, lead, body; a phrase doubles the bit


@dataclass(frozen=True)
class SearchFilter:
    lookup: str  # e.g. "category" or "ward"
    form_field: object  # a callable returning the form field


@dataclass(frozen=True)
class SearchSource:
    """One kind of thing readers can find. Register it once; the model inherits Searchable."""

    key: str
    model: type
    queryset: object  # callable: the app's public rule, e.g. Article.objects.published
    label: str
    result_template: str
    fields: tuple = ("title", "lead", "body")  # translated text fields: title, lead, rich body
    filters: dict = field(default_factory=dict)  # filter name -> SearchFilter
    related: tuple = ()
    date_field: str = "published_at"

    def document(self, obj, language):
        """The stored search text: one line each of title, lead and body words."""
        lines = []
        for name in self.fields:
            value = getattr(obj, f"{name}_{language}", None) or getattr(obj, f"{name}_vi", "")
            lines.append(document_line(plain_text(value) if name == self.fields[-1] else value))
        return "\n".join(lines)

    def display_text(self, obj):
        """Lead and body in the reader's language, for the result's snippet."""
        return f"{getattr(obj, self.fields[1]) or ''} {plain_text(getattr(obj, self.fields[2]))}"

    def public(self, filters=None, language=None):
        """The public queryset in the reader's language (chaudoc.publishing.states's for_language)
        narrowed by the reader's filters; None if a filter does not apply."""
        qs = self.queryset().for_portal().for_language(language)  # the request's portal only
        for name, value in (filters or {}).items():
            if value in (None, ""):
                continue
            if name == "date_from":
                qs = qs.filter(**{f"{self.date_field}__gte": value})
            elif name == "date_to":
                qs = qs.filter(**{f"{self.date_field}__lt": value})
            elif name in self.filters:
                qs = qs.filter(**{self.filters[name].lookup: value})
            else:
                return None
        return qs


_registry = {}


def register(source):
    _registry[source.key] = source
    return source


def sources():
    return list(_registry.values())


def source_for_model(model):
    return next((s for s in _registry.values() if issubclass(model, s.model)), None)


class Searchable(models.Model):
    """Stored search documents of a model, kept current on save.

    search_text_<lang>: the folded words of title, lead and body, one line each (SQLite matches
    on it; PostgreSQL builds its vectors from it). search_vector_<lang>: weighted tsvector
    (title A, lead B, body C). search_title_<lang>: the title alone, for title candidates.
    """

    search_text_vi = models.TextField(editable=False, default="")
    search_text_en = models.TextField(editable=False, default="")
    search_vector_vi = SearchVectorField(null=True, editable=False)
    search_vector_en = SearchVectorField(null=True, editable=False)
    search_title_vi = SearchVectorField(null=True, editable=False)
    search_title_en = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        source = source_for_model(type(self))
        update_fields = kwargs.get("update_fields")
        reindex = source is not None and (
            update_fields is None or any(f.split("_")[0] in source.fields for f in update_fields)
        )
        if reindex:
            fill_documents(self, source)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *document_fields()}
        super().save(*args, **kwargs)
        if reindex:
            queryset = type(self)._default_manager.filter(pk=self.pk)
            refresh_vectors(queryset)
            if source.queryset().filter(pk=self.pk).exists():
                add_words(getattr(self, f"search_text_{lang}") for lang in LANGUAGES)


def search_indexes(prefix):
    """The GIN indexes of a Searchable model, for its Meta.indexes."""
    from chaudoc.search.indexes import PostgresGinIndex

    return [
        PostgresGinIndex(fields=[f"search_{kind}_{lang}"], name=f"{prefix}_s{kind[0]}_{lang}")
        for kind in ("vector", "title")
        for lang in LANGUAGES
    ]


def document_fields():
    return [f"search_text_{lang}" for lang in LANGUAGES]


def stored_search_fields():
    """Every stored search column: lists and pages never need to load them."""
    return [
        *document_fields(),
        *(f"search_{kind}_{lang}" for kind in ("vector", "title") for lang in LANGUAGES),
    ]


def fill_documents(obj, source=None):
    """Set the stored search texts of `obj` (before save, or before a bulk_create)."""
    source = source or source_for_model(type(obj))
    for lang in LANGUAGES:
        setattr(obj, f"search_text_{lang}", source.document(obj, lang))


def _line(column, n):
    return Func(
        F(column), Value("\n"), Value(n), function="split_part", output_field=models.TextField()
    )


def refresh_vectors(queryset):
    """Rebuild the PostgreSQL vectors of `queryset` from its stored texts, in one UPDATE."""
    if connections[queryset.db].vendor != "postgresql":
        return 0
    values = {}
    for lang in LANGUAGES:
        text = f"search_text_{lang}"
        values[f"search_vector_{lang}"] = reduce(
            add,
            [
                SearchVector(_line(text, n), config="simple", weight=weight)
                for n, (_, weight) in enumerate(FIELD_BITS, start=1)
            ],
        )
        values[f"search_title_{lang}"] = SearchVector(_line(text, 1), config="simple")
    return queryset.update(**values)


def reindex(queryset, batch_size=1000):
    """Recompute stored texts and vectors of every row of `queryset` (rows written in bulk)."""
    source = source_for_model(queryset.model)
    done = 0
    pks = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        rows = list(queryset.model._default_manager.filter(pk__in=pks[start : start + batch_size]))
        for obj in rows:
            fill_documents(obj, source)
        queryset.model._default_manager.bulk_update(rows, document_fields())
        done += len(rows)
    refresh_vectors(queryset.model._default_manager.filter(pk__in=pks))
    return done


def lexicon_words(texts):
    """Words worth suggesting: with a letter, 2 to 40 characters (no bare numbers)."""
    found = set()
    for text in texts:
        found.update(w for w in (text or "").split() if len(w) > 1 and not w.isdigit())
    return found


def add_words(texts):
    from chaudoc.search.models import SearchWord

    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in sorted(lexicon_words(texts))], ignore_conflicts=True
    )


def rebuild_lexicon():
    """The suggestion words from what readers can see now."""
    from chaudoc.search.models import SearchWord

    found = set()
    for source in sources():
        texts = source.queryset().values_list(*document_fields())
        for row in texts.iterator(chunk_size=2000):
            found |= lexicon_words(row)
    SearchWord.objects.all().delete()
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(found)], batch_size=5000)
    return len(found)


# Searching ---------------------------------------------------------------------------------


@dataclass
class Hit:
    source: SearchSource
    pk: int
    score: int
    date: datetime
    obj: object = None
    title: str = ""
    snippet: str = ""


@dataclass
class Results:
    words: list
    hits: list
    truncated: bool = False
    suggestion: str = ""

    def __len__(self):
        return len(self.hits)


def _query(text):
    return SearchQuery(text, search_type="raw", config="simple")


def _score_terms(words):
    for bit, weight in FIELD_BITS:
        yield tsquery(words, "&", weight), bit
        if len(words) > 1:
            yield tsquery(words, "<->", weight), bit * 2


def _score_expression(vector, words):
    return reduce(
        add,
        [
            Case(
                When(**{vector: _query(q)}, then=Value(bit)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for q, bit in _score_terms(words)
        ],
    )


def _postgres_candidates(queries, words, lang):
    """Scored candidates of every source in one query: per source, the newest CANDIDATES title
    matches UNION ALL the newest CANDIDATES matches anywhere. Scores are computed only for those
    rows, so the cost does not grow with the number of matches (nor the queries with the
    number of sources). `queries` is [(source, public queryset)]; yields (source, rows, cut)."""
    every = _query(tsquery(words))
    parts = []
    for key, (source, qs) in enumerate(queries):
        newest = qs.order_by(f"-{source.date_field}", "-pk").annotate(
            score=_score_expression(f"search_vector_{lang}", words)
        )
        parts += [
            newest.filter(**{f"search_{field}_{lang}": every})
            .annotate(part=Value(n), source_key=Value(key))
            .values_list("pk", "score", source.date_field, "part", "source_key")[:CANDIDATES]
            for n, field in enumerate(("title", "vector"))
        ]
    rows = list(parts[0].union(*parts[1:], all=True))
    for key, (source, _qs) in enumerate(queries):
        mine = [row for row in rows if row[4] == key]
        counts = [sum(1 for row in mine if row[3] == n) for n in (0, 1)]
        # Every title match outranks every other match (bit 16 > 8 + 4 + 2 + 1): when the
        # title candidates fill the list, the others could not reach it.
        truncated = max(counts) >= CANDIDATES
        unique = {pk: (pk, score, date) for pk, score, date, _part, _key in mine}
        yield source, list(unique.values()), truncated


def python_score(text, words):
    """The same ranking as _score_expression, on a stored search text (SQLite)."""
    score = 0
    phrase = f" {' '.join(words)} "
    for line, (bit, _) in zip(text.split("\n"), FIELD_BITS, strict=False):
        if all(f" {w} " in line for w in words):
            score += bit
            if len(words) > 1 and phrase in line:
                score += bit * 2
    return score


def _sqlite_candidates(qs, source, words, lang):
    text = f"search_text_{lang}"
    for word in words:
        qs = qs.filter(**{f"{text}__contains": f" {word} "})
    rows = list(
        qs.order_by(f"-{source.date_field}", "-pk").values_list("pk", text, source.date_field)[
            :SQLITE_CANDIDATES
        ]
    )
    return (
        [(pk, python_score(doc, words), date) for pk, doc, date in rows],
        len(rows) >= SQLITE_CANDIDATES,
    )


def _find(words, lang, filters):
    hits, truncated, on_postgres = [], False, []
    for source in sources():
        qs = source.public(filters, lang)
        if qs is None:
            continue
        if connections[qs.db].vendor == "postgresql":
            on_postgres.append((source, qs))  # searched together, below
            continue
        rows, cut = _sqlite_candidates(qs, source, words, lang)
        truncated |= cut
        hits += [Hit(source, pk, score, date) for pk, score, date in rows]
    if on_postgres:
        for source, rows, cut in _postgres_candidates(on_postgres, words, lang):
            truncated |= cut
            hits += [Hit(source, pk, score, date) for pk, score, date in rows]
    hits.sort(key=lambda h: (h.score, h.date, h.pk), reverse=True)
    return hits, truncated


def search(raw_query, language="vi", filters=None):
    """Ranked hits for what the reader typed (any text at all), in `language`."""
    words = query_words(raw_query)
    lang = language if language in LANGUAGES else LANGUAGES[0]
    if not words:
        return Results(words=[], hits=[])
    hits, truncated = _find(words, lang, filters)
    suggestion = "" if hits else suggest(words, lang, filters)
    return Results(words=words, hits=hits, truncated=truncated, suggestion=suggestion)


def _closest(words, using):
    """{word: the closest known word or None} for unknown words, in one query on PostgreSQL."""
    from chaudoc.search.models import SearchWord

    known = SearchWord.objects.using(using)
    if connections[using].vendor == "postgresql":
        per_word = [
            known.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word), asked=Value(word))
            .order_by("-similarity", "word")
            .values_list("asked", "word")[:1]
            for word in words
        ]
        return dict(per_word[0].union(*per_word[1:], all=True))
    vocabulary = list(known.values_list("word", flat=True))
    return {
        word: next(iter(difflib.get_close_matches(word, vocabulary, 1, 0.75)), None)
        for word in words
    }


def _finds_any(words, lang, filters):
    for source in sources():
        qs = source.public(filters, lang)
        if qs is None:
            continue
        if connections[qs.db].vendor == "postgresql":
            found = qs.filter(**{f"search_vector_{lang}": _query(tsquery(words))})
        else:
            found = qs.filter(*[Q(**{f"search_text_{lang}__contains": f" {w} "}) for w in words])
        if found.exists():
            return True
    return False


def suggest(words, lang, filters=None):
    """'Did you mean': each unknown word replaced by the closest known one, if that finds.

    A known word is its own closest match (similarity 1), so one query answers both."""
    from chaudoc.search.models import SearchWord

    closest = _closest(words, SearchWord.objects.db)
    fixed = [closest.get(w) for w in words]
    if fixed == words or None in fixed or not _finds_any(fixed, lang, filters):
        return ""
    return " ".join(fixed)


def attach(hits, terms):
    """Load the objects of one page of hits (through each source's public rule) and snippets,
    in one query whatever the number of sources on the page (see load_together)."""
    from chaudoc.search.text import highlight, snippet

    by_source = {}
    for hit in hits:
        by_source.setdefault(hit.source.key, []).append(hit)
    groups = list(by_source.values())
    loaded = load_together(
        [
            group[0]
            .source.queryset()
            .select_related(*group[0].source.related)
            .defer(*stored_search_fields())
            .filter(pk__in=[h.pk for h in group])
            for group in groups
        ]
    )
    for group, objects in zip(groups, loaded, strict=True):
        source = group[0].source
        for hit in group:
            hit.obj = objects.get(hit.pk)
            if hit.obj is not None:
                hit.title = highlight(str(getattr(hit.obj, source.fields[0])), terms)
                hit.snippet = snippet(source.display_text(hit.obj), terms)
    return [h for h in hits if h.obj is not None]


def load_together(querysets):
    """[{pk: object}] of each queryset, in a single query on PostgreSQL (one each elsewhere).

    The querysets' own SQL side by side, FULL JOIN ... ON false: a row carries the columns of
    one queryset (the others' are NULL), told apart by a marker column. Django's own row
    handling (converters, select_related, deferred fields) then builds the objects from those
    columns, so they are exactly what iterating each queryset would give."""
    querysets = [qs.order_by() for qs in querysets]
    loaded = [{} for _ in querysets]
    db = querysets[0].db if querysets else None
    if (
        len(querysets) < 2
        or any(qs.db != db for qs in querysets)
        or connections[db].vendor != "postgresql"
    ):
        return [{obj.pk: obj for obj in qs} for qs in querysets]
    parts, params, compilers = [], [], {}
    for n, qs in enumerate(querysets):
        compiler = qs.query.get_compiler(using=db)
        try:
            sql, part_params = compiler.as_sql()
        except EmptyResultSet:
            continue  # nothing to load (pk__in=[] and the like)
        compilers[n] = compiler
        parts.append(f'(SELECT 1 AS "_part{n}", q.* FROM ({sql}) AS q) AS s{n}')
        params += part_params
    if not parts:
        return loaded
    with connections[db].cursor() as cursor:
        joined = "".join(f" FULL JOIN {part} ON false" for part in parts[1:])
        cursor.execute(f"SELECT * FROM {parts[0]}{joined}", params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    for n, compiler in compilers.items():
        start = names.index(f"_part{n}") + 1
        mine = [row[start : start + compiler.col_count] for row in rows if row[start - 1]]
        loaded[n] = {obj.pk: obj for obj in _from_rows(querysets[n], compiler, mine)}
    return loaded


def _from_rows(queryset, compiler, rows):
    """The objects of `queryset` built from rows already fetched with `compiler`'s SQL: the
    queryset's own iterable runs with a compiler that hands back those rows."""
    compiler.execute_sql = lambda *args, **kwargs: [rows]
    queryset = queryset.all()
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return list(queryset)


__all__ = ["Searchable", "SearchSource", "SearchFilter", "register", "search", "words"]
