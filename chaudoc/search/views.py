from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from chaudoc.search import querylog
from chaudoc.search.engine import attach, search, toned_suggestions
from chaudoc.search.forms import SearchForm

PAGE_SIZE = 10


def search_view(request):
    """/tim-kiem/?q=...: ranked published content in the reader's language. Never an error."""
    form = SearchForm(request.GET, request=request)
    form.is_valid()  # invalid filters are shown on the form and left out of the search
    query = form.cleaned_data.get("q", "")
    filters = form.filters()
    results = search(query, language=get_language(), filters=filters)
    page = Paginator(results.hits, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = attach(page.object_list, results.words)
    if request.GET.get("page", "1") == "1" and not filters:  # once per search, not per page
        querylog.record(results.query, len(results.hits))
    context = {
        "form": form,
        "query": query,
        "results": results,
        "toned": toned_suggestions(results.query, page.object_list),
        "page_obj": page,
        "hits": page.object_list,
        "filtered": bool(filters),
    }
    return render(request, "chaudoc/search.html", context)
