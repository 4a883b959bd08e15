"""The search engine: a registry of searchable sources, their stored documents, ranking.

Ranking is a fixed order, the same on PostgreSQL and SQLite, in two tiers. When a word was
typed with tone marks, documents that hold every word as typed (exact: chaudoc.search.text)
come first (EXACT_TIER added to their score), then those that match only with the marks
folded; a word typed without marks matches both alike. Within a tier: all the words in the
title, then in the lead, then in the body, each with a bonus when the words stand next to each
other (a phrase); then newer first. As bits: title phrase 32, title 16, lead phrase 8, lead 4,
body phrase 2, body 1. An abbreviation or common form in the table (chaudoc.abbreviations)
finds its other forms as if they had been typed ("UBND" = "Ủy ban nhân dân").

On PostgreSQL the cost of ranking does not grow with the number of matches: the candidates are
the CANDIDATES newest rows that have every word anywhere (GIN on the weighted vector, or a walk
down the publication-date index for words found almost everywhere) and, when that cut is full
and not only title matches, the CANDIDATES newest rows whose title has every word (a walk down
the date index when many recent titles have them, else a GIN index on a title-only vector);
when a word carries tone marks, the same cuts again for exact matches (so "hồ" is not crowded
out by the many "hộ"). Only those are scored. A match older than every cut is not offered; the
page then says the list was cut.
"""

import difflib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache, reduce
from operator import add

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVectorField,
    TrigramSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, Value, When

from chaudoc.abbreviations.table import search_pairs
from chaudoc.search.text import (
    EXACT,
    FOLDED,
    Query,
    Term,
    document_text,
    document_tokens,
    matches,
    parse_query,
    plain_text,
    query_tsquery,
    tokens,
    tsvector_literal,
    words,
)

LANGUAGES = ("vi", "en")
CANDIDATES = 300  # per candidate query on PostgreSQL: at most 2 × this many rows are scored
SQLITE_CANDIDATES = 1000
FIELD_BITS = ((16, "A"), (4, "B"), (1, "C"))  # title, lead, body; a phrase doubles the bit
EXACT_TIER = 64  # above every sum of FIELD_BITS and their phrase bonuses (63)


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
        """The stored search text: one line each of title, lead and body words, folded, then
        the same three lines of exact words (chaudoc.search.text.document_text)."""
        texts = []
        for name in self.fields:
            value = getattr(obj, f"{name}_{language}", None) or getattr(obj, f"{name}_vi", "")
            texts.append(plain_text(value) if name == self.fields[-1] else value)
        return document_text(texts)

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

    search_text_<lang>: the folded words of title, lead and body, one line each, then their
    exact words, one line each (SQLite matches on it; PostgreSQL's vectors are made from the
    same words). search_vector_<lang>: weighted tsvector (title A, lead B, body C) holding both
    forms of each word at one position. search_title_<lang>: the title alone, for title
    candidates.
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
            fill_documents(self, source, using=kwargs.get("using"))
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *stored_search_fields()}
        super().save(*args, **kwargs)
        if reindex and source.queryset().filter(pk=self.pk).exists():
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


def fill_documents(obj, source=None, using=None):
    """Set the stored search texts of `obj`, and its vectors on PostgreSQL (before save, or
    before a bulk_create)."""
    source = source or source_for_model(type(obj))
    using = using or router.db_for_write(type(obj), instance=obj)
    for lang in LANGUAGES:
        setattr(obj, f"search_text_{lang}", source.document(obj, lang))
    if connections[using].vendor == "postgresql":
        for name, value in vectors(obj).items():
            setattr(obj, name, value)


def vectors(obj):
    """{vector field: tsvector literal} made from `obj`'s stored search texts."""
    values = {}
    for lang in LANGUAGES:
        fields = document_tokens(getattr(obj, f"search_text_{lang}"))
        values[f"search_vector_{lang}"] = tsvector_literal(fields, [w for _, w in FIELD_BITS])
        values[f"search_title_{lang}"] = tsvector_literal(fields[:1])
    return values


def vector_fields():
    return [f"search_{kind}_{lang}" for kind in ("vector", "title") for lang in LANGUAGES]


def refresh_vectors(queryset, batch_size=1000):
    """Rebuild the PostgreSQL vectors of `queryset` from its stored texts (rows written in
    bulk, or by a migration's historical model)."""
    if connections[queryset.db].vendor != "postgresql":
        return 0
    done = 0
    rows = queryset.only("pk", *document_fields()).order_by("pk")
    batch = []
    for obj in rows.iterator(chunk_size=batch_size):
        for name, value in vectors(obj).items():
            setattr(obj, name, value)
        batch.append(obj)
        if len(batch) >= batch_size:
            done += queryset.model._default_manager.db_manager(queryset.db).bulk_update(
                batch, vector_fields()
            )
            batch = []
    if batch:
        done += queryset.model._default_manager.db_manager(queryset.db).bulk_update(
            batch, vector_fields()
        )
    return done


def reindex(queryset, batch_size=1000):
    """Recompute stored texts and vectors of every row of `queryset` (rows written in bulk)."""
    source = source_for_model(queryset.model)
    done = 0
    pks = list(queryset.values_list("pk", flat=True))
    manager = queryset.model._default_manager.db_manager(queryset.db)
    for start in range(0, len(pks), batch_size):
        rows = list(manager.filter(pk__in=pks[start : start + batch_size]))
        for obj in rows:
            fill_documents(obj, source, using=queryset.db)
        fields = document_fields()
        if connections[queryset.db].vendor == "postgresql":
            fields += vector_fields()
        manager.bulk_update(rows, fields)
        done += len(rows)
    return done


def lexicon_words(texts):
    """Words worth suggesting: folded, with a letter, 2 to 40 characters (no bare numbers)."""
    found = set()
    for text in texts:
        for line in document_tokens(text):
            found.update(f for f, _e in line if len(f) > 1 and not f.isdigit())
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
    query: Query = None

    def __len__(self):
        return len(self.hits)


def expansions():
    """{folded word sequence: [the other forms it stands for]} from the abbreviation table."""
    return _expansions(tuple(search_pairs()))


@lru_cache(maxsize=4)
def _expansions(pairs):
    table = {}
    for short, full in pairs:
        one, other = tuple(words(short)), tuple(words(full))
        if one and other and one != other:
            table.setdefault(one, set()).add(other)
            table.setdefault(other, set()).add(one)
    return {key: sorted(forms) for key, forms in table.items()}


def parse(raw_query):
    """The Query of what the reader typed, widened by the abbreviation table."""
    return parse_query(raw_query, expansions())


def as_query(query):
    """A Query from a Query, a raw query string or a list of (folded) words."""
    if isinstance(query, Query):
        return query
    if isinstance(query, str):
        return parse(query)
    return Query(tuple(((Term(w, w),),) for w in query))


def _query(text):
    return SearchQuery(text, search_type="raw", config="simple")


def _score_terms(query, tier):
    for bit, weight in FIELD_BITS:
        yield query_tsquery(query, tier, weight=weight), bit
        if query.phrase:
            yield query_tsquery(query, tier, phrase=True, weight=weight), bit * 2


def _bits(vector, query, tier):
    return reduce(
        add,
        [
            Case(
                When(**{vector: _query(q)}, then=Value(bit)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for q, bit in _score_terms(query, tier)
        ],
    )


def _score_expression(vector, query):
    """The score in SQL: the exact tier's bits (plus EXACT_TIER) for an exact match of a query
    typed with marks, otherwise the folded bits; one branch is computed per row."""
    folded = _bits(vector, query, FOLDED)
    if not query.marked:
        return folded
    return Case(
        When(
            **{vector: _query(query_tsquery(query, EXACT))},
            then=_bits(vector, query, EXACT) + Value(EXACT_TIER),
        ),
        default=folded,
        output_field=IntegerField(),
    )


def _matches_unindexed(column, tsquery):
    """`column @@ tsquery` as the function behind the operator: the same test, but one the
    planner cannot answer from the GIN index, so that it walks another index (the date)."""
    return Func(F(column), _query(tsquery), function="ts_match_vq", output_field=BooleanField())


def _in_title(score):
    """Whether a candidate row has the words in its title, from the bits of its score's tier:
    conservative (an exact match of a marked query shows its exact bits, so a folded cut may
    count one of its title matches as not one, never the reverse)."""
    bits = score - EXACT_TIER if score >= EXACT_TIER else score
    return bits >= FIELD_BITS[0][0]


def _title_cut(newest, tier, query, lang, titles_in_cut):
    """A tier's newest CANDIDATES title matches, read the cheap way for what the cut anywhere
    showed (`titles_in_cut` of its CANDIDATES rows have the words in their title):

    - when at least a third do, a walk down the publication-date index, which stops after
      CANDIDATES title matches: about three times the rows that cut read;
    - otherwise the title-only GIN index, whose cost is the number of title matches (few).

    The planner cannot choose between the two itself: it multiplies the words' frequencies as
    if they were independent. Measured at 50,000 documents whose summaries say "ngân sách"
    (7,142 title matches): it expected 1,027, took the GIN index and sorted every match (27 ms
    on a quiet machine), where the walk takes 8 ms."""
    tsquery = query_tsquery(query, tier)
    title = f"search_title_{lang}"
    if titles_in_cut >= max(1, CANDIDATES // 3):
        return newest.filter(_matches_unindexed(title, tsquery))
    return newest.filter(**{title: _query(tsquery)})


def _union(parts):
    """The rows of every (queryset, part, source key) in one UNION ALL query."""
    columns = [
        # Django's own values_list, not django-modeltranslation's (which orders the columns
        # as a set of names does): every part of the UNION has its columns in this order,
        # whichever manager its model has (questions have none of its).
        models.QuerySet.values_list(
            part.annotate(part=Value(n), source_key=Value(key)),
            "pk",
            "score",
            date_field,
            "part",
            "source_key",
        )[:CANDIDATES]
        for part, n, key, date_field in parts
    ]
    if not columns:
        return []
    return list(columns[0].union(*columns[1:], all=True))


def _postgres_candidates(queries, query, lang):
    """Scored candidates of every source in at most two queries: first, per source, the newest
    CANDIDATES matches anywhere (for a query typed with marks, exact and folded); then, only
    where that cut is full and not all title matches, the newest CANDIDATES title matches
    (every title match outranks every other match of its tier, so those older than the cut
    must not be crowded out). Scores are computed only for those rows, so the cost does not
    grow with the number of matches (nor the queries with the number of sources). A cut that
    is not full holds every match: then its title cut is not run. `queries` is
    [(source, public queryset)]; yields (source, rows, cut)."""
    tiers = (EXACT, FOLDED) if query.marked else (FOLDED,)
    newest = {}
    anywhere = []
    for key, (source, qs) in enumerate(queries):
        newest[key] = qs.order_by(f"-{source.date_field}", "-pk").annotate(
            score=_score_expression(f"search_vector_{lang}", query)
        )
        for n, tier in enumerate(tiers):
            matching = {f"search_vector_{lang}": _query(query_tsquery(query, tier))}
            anywhere.append((newest[key].filter(**matching), n, key, source.date_field))
    first = _union(anywhere)
    cuts = {}  # (source key, tier number) -> rows
    for row in first:
        cuts.setdefault((row[4], row[3]), []).append(row)
    titles = []
    for key, (source, _qs) in enumerate(queries):
        exact_full = query.marked and len(cuts.get((key, 0), [])) >= CANDIDATES
        for n, tier in enumerate(tiers):
            if tier == FOLDED and exact_full:
                # CANDIDATES exact matches outrank every folded one, and the list is cut
                # anyway: the folded matches are not offered (nor their title cut read).
                cuts.pop((key, n), None)
                continue
            rows = cuts.get((key, n), [])
            in_title = sum(1 for row in rows if _in_title(row[1]))
            if len(rows) >= CANDIDATES and in_title < len(rows):
                part = _title_cut(newest[key], tier, query, lang, in_title)
                titles.append((part, len(tiers) + n, key, source.date_field))
    for row in _union(titles):
        cuts.setdefault((row[4], row[3]), []).append(row)
    for key, (source, _qs) in enumerate(queries):
        mine = [row for (k, _n), rows in cuts.items() if k == key for row in rows]
        counts = [len(rows) for (k, _n), rows in cuts.items() if k == key]
        # When a cut is full, what it left out could have reached the list.
        truncated = max(counts, default=0) >= CANDIDATES
        unique = {pk: (pk, score, date) for pk, score, date, _part, _key in mine}
        yield source, list(unique.values()), truncated


def _python_bits(fields, query, tier):
    score = 0
    for line, (bit, _) in zip(fields, FIELD_BITS, strict=False):
        if matches(line, query, tier):
            score += bit
            if query.phrase and matches(line, query, tier, phrase=True):
                score += bit * 2
    return score


def python_score(text, query):
    """The same ranking as _score_expression, on a stored search text (SQLite). `query`: a
    Query, what the reader typed, or a list of folded words."""
    query = as_query(query)
    fields = document_tokens(text)
    if query.marked and matches([t for line in fields for t in line], query, EXACT):
        return EXACT_TIER + _python_bits(fields, query, EXACT)
    return _python_bits(fields, query, FOLDED)


def _like_filter(query, text):
    """A superset of the matches in SQL (each word of some form somewhere); Python decides."""
    condition = Q()
    for slot in query.slots:
        either = Q()
        for alternative in slot:
            every = Q()
            for term in alternative:
                every &= Q(**{f"{text}__contains": f" {term.folded} "})
            either |= every
        condition &= either
    return condition


def _sqlite_candidates(qs, source, query, lang):
    text = f"search_text_{lang}"
    rows = list(
        qs.filter(_like_filter(query, text))
        .order_by(f"-{source.date_field}", "-pk")
        .values_list("pk", text, source.date_field)[:SQLITE_CANDIDATES]
    )
    found = [
        (pk, python_score(doc, query), date)
        for pk, doc, date in rows
        if matches([t for line in document_tokens(doc) for t in line], query)
    ]
    return found, len(rows) >= SQLITE_CANDIDATES


def _find(query, lang, filters):
    hits, truncated, on_postgres = [], False, []
    for source in sources():
        qs = source.public(filters, lang)
        if qs is None:
            continue
        if connections[qs.db].vendor == "postgresql":
            on_postgres.append((source, qs))  # searched together, below
            continue
        rows, cut = _sqlite_candidates(qs, source, query, lang)
        truncated |= cut
        hits += [Hit(source, pk, score, date) for pk, score, date in rows]
    if on_postgres:
        for source, rows, cut in _postgres_candidates(on_postgres, query, lang):
            truncated |= cut
            hits += [Hit(source, pk, score, date) for pk, score, date in rows]
    hits.sort(key=lambda h: (h.score, h.date, h.pk), reverse=True)
    return hits, truncated


def search(raw_query, language="vi", filters=None):
    """Ranked hits for what the reader typed (any text at all), in `language`."""
    return search_query(parse(raw_query), language, filters)


def search_query(query, language="vi", filters=None):
    """Ranked hits for a parsed Query (chaudoc.search.text.parse_query)."""
    lang = language if language in LANGUAGES else LANGUAGES[0]
    if not query:
        return Results(words=[], hits=[], query=query)
    hits, truncated = _find(query, lang, filters)
    suggestion = "" if hits else suggest(query.words, lang, filters)
    return Results(
        words=query.words, hits=hits, truncated=truncated, suggestion=suggestion, query=query
    )


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
    query = as_query(words)
    for source in sources():
        qs = source.public(filters, lang)
        if qs is None:
            continue
        if connections[qs.db].vendor == "postgresql":
            found = qs.filter(**{f"search_vector_{lang}": _query(query_tsquery(query))})
        else:
            found = qs.filter(_like_filter(query, f"search_text_{lang}"))
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


def toned_suggestions(query, hits, limit=3):
    """'Did you mean' with tone marks, from the page of results already loaded (no query):
    for a word typed without marks (or with marks the results do not hold), the spellings
    with marks that the results' text uses, most frequent first. [] when nothing to offer."""
    if not query or not hits:
        return []
    seen = {}  # folded -> Counter of exact forms, keeping the first surface spelling
    wanted = {term.folded for term in query.typed}
    for hit in hits:
        title = getattr(hit.obj, hit.source.fields[0], "")
        text = f"{title} {hit.source.display_text(hit.obj)}"
        for folded, exact in tokens(text):
            if folded in wanted:
                seen.setdefault(folded, Counter())[exact] += 1
    choices = []
    for term in query.typed:
        forms = seen.get(term.folded, Counter())
        if term.marked and term.exact in forms:
            choices.append([term.exact])
            continue
        toned = [form for form, _n in forms.most_common() if form != term.folded]
        choices.append(toned or [term.exact])
    if all(len(c) == 1 and c[0] == t.exact for c, t in zip(choices, query.typed, strict=True)):
        return []
    first = " ".join(c[0] for c in choices)
    out = [first]
    if len(query.typed) == 1:
        out += choices[0][1:limit]
    return [s for s in out if s != " ".join(t.exact for t in query.typed)][:limit]


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
    columns, so they are exactly what iterating each queryset would give.

    Through the compiler's undocumented API; kept for the query it saves, not for CPU: a search
    page listing articles and albums costs 21.5 ms of CPU with it and 22.3 ms without (4 %,
    bench/private_apis.py, 2026-12-01), but 6 queries instead of 7, and the search page's
    budget of 6 (README) holds only with it."""
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
