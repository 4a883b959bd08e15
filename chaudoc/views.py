from django.shortcuts import render

from news import selectors as news


def home(request):
    featured = news.featured_article()
    context = {
        "featured": featured,
        "latest": news.latest_articles(limit=8, exclude=featured),
        "category_blocks": news.home_category_blocks(),
    }
    return render(request, "chaudoc/home.html", context)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a RequestContext so a broken database or context processor cannot recurse.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
