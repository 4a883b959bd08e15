from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from news.selectors import home_news


def home(request):
    return render(request, "chaudoc/home.html", {"news": home_news()})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a RequestContext so a broken database or context processor cannot recurse.
    return HttpResponseServerError(loader.get_template("500.html").render())
