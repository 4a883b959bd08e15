"""The residents' pages: questions and answers, the question form and its status page, drafts
open for comments, and the privacy notice."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from chaudoc.pagecache.tags import listing
from chaudoc.wards.models import Ward
from participation import abuse, flow
from participation.forms import CommentForm, LookupForm, QuestionForm
from participation.models import Comment, Consultation, Question, Topic

PAGE_SIZE = 20


def _topics(request):
    return list(Topic.objects.filter(portal=request.portal))


def question_list(request, slug=None):
    """Published questions and answers, newest first; one field's if `slug` is given."""
    topics = _topics(request)
    topic = None
    if slug is not None:
        topic = next((t for t in topics if t.slug == slug), None)
        if topic is None:
            raise Http404
    questions = (
        Question.objects.public()
        .for_portal()
        .select_related("topic")
        .only("code", "title", "published_at", "topic__name", "topic__name_en", "topic__slug")
        .order_by("-published_at", "-id")
    )
    if topic is not None:
        questions = questions.filter(topic=topic)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "questions": page.object_list, "topics": topics, "topic": topic}
    return render(request, "participation/question_list.html", context)


def question_detail(request, code):
    question = get_object_or_404(
        Question.objects.public()
        .for_portal()
        .select_related("topic", "ward")
        .defer(*Question.CONTACT_FIELDS),
        code=code.upper(),
    )
    events = [
        e for e in question.events.all() if e.stage not in (Question.Stage.REVIEW,)
    ]  # dates only, never who
    return render(
        request, "participation/question_detail.html", {"question": question, "events": events}
    )


def _limited(request, allowance, template, context):
    when = date_format(allowance.retry_at, "H:i")
    minutes = max(1, int((allowance.retry_at - timezone.now()).total_seconds() // 60) + 1)
    context["limited"] = ngettext(
        "Too many forms were sent from your connection. Please try again after %(when)s "
        "(in about %(minutes)d minute).",
        "Too many forms were sent from your connection. Please try again after %(when)s "
        "(in about %(minutes)d minutes).",
        minutes,
    ) % {"when": when, "minutes": minutes}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def submission(request, kind, make_form, store, template, context):
    """The one path of every residents' form: limit, honeypot, challenge, then store in one
    transaction, or nothing at all."""
    allowance = abuse.allowance(request, kind)
    context["working_days"] = settings.ANSWER_WORKING_DAYS
    context["audio_enabled"] = bool(settings.CAPTCHA_FLITE_PATH)
    if request.method != "POST":
        context["form"] = make_form(None, allowance.needs_challenge)
        return render(request, template, context)
    form = make_form(request.POST, allowance.needs_challenge)
    context["form"] = form
    if allowance.exhausted:
        form.renew_challenge()
        return _limited(request, allowance, template, context)
    if not form.is_valid():
        form.renew_challenge()
        return render(request, template, context, status=400)
    if not abuse.reserve(request, kind):
        return _limited(request, abuse.allowance(request, kind), template, context)
    try:
        with transaction.atomic():
            return store(form)
    except Exception:
        abuse.release(request, kind)
        raise


@never_cache
def ask(request):
    def make_form(data, challenge):
        return QuestionForm(
            data,
            challenge=challenge,
            topics=Topic.objects.filter(portal=request.portal),
            wards=Ward.objects.filter(portal=request.portal, is_active=True),
        )

    def store(form):
        question = flow.receive(form.build(request.portal))
        return render(request, "participation/question_sent.html", {"question": question})

    return submission(request, "sent", make_form, store, "participation/ask.html", {})


@never_cache
def status(request):
    """A question's status, by its code and the e-mail address or phone number given."""

    def make_form(data, challenge):
        return LookupForm(data, challenge=challenge)

    def store(form):
        code, contact = form.cleaned_data["code"], form.cleaned_data["contact"]
        question = (
            Question.objects.filter(code=code, anonymised_at__isnull=True)
            .filter(Q(email__iexact=contact) | Q(phone=contact) if contact else Q(pk=None))
            .select_related("topic")
            .first()
        )
        again = abuse.allowance(request, "lookup").needs_challenge
        context = {"form": make_form(None, again), "looked_up": True, "question": question}
        if question is not None:
            context["events"] = [
                e for e in question.events.all() if e.stage != Question.Stage.REVIEW
            ]
        return render(request, "participation/status.html", context)

    return submission(request, "lookup", make_form, store, "participation/status.html", {})


def consultation_list(request):
    consultations = (
        Consultation.objects.public()
        .for_portal()
        .select_related("office")
        .defer("body")
        .annotate(comment_count=Count("comments", filter=Q(comments__state=Comment.State.APPROVED)))
        .order_by("-opens_at", "-id")
    )
    page = Paginator(consultations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/consultation_list.html",
        {"page_obj": page, "consultations": page.object_list, "now": timezone.now()},
    )


def _consultation(request, slug):
    """The draft with its two counts in the same query: comments received so far, and those
    shown (the list's page count, so the paginator runs no COUNT of its own)."""
    shown = Q(comments__state=Comment.State.APPROVED, comments__may_publish=True)
    return get_object_or_404(
        Consultation.objects.public()
        .for_portal()
        .select_related("office")
        .annotate(received_count=Count("comments"), shown_count=Count("comments", filter=shown)),
        slug=slug,
    )


@never_cache
def consultation_detail(request, slug):
    consultation = _consultation(request, slug)
    with listing(Comment):
        comments = Comment.objects.filter(
            consultation=consultation, state=Comment.State.APPROVED, may_publish=True
        ).only("body", "created_at", "consultation_id")
        paginator = Paginator(comments.order_by("created_at", "id"), PAGE_SIZE)
        paginator.count = consultation.shown_count  # counted with the draft
        page = paginator.get_page(request.GET.get("page"))
    context = {
        "consultation": consultation,
        "files": list(consultation.files.all()),
        "page_obj": page,
        "comments": page.object_list,
        "is_open": consultation.is_open(),
    }
    if not context["is_open"]:
        if request.method == "POST":
            context["closed_notice"] = True
        return render(request, "participation/consultation_detail.html", context)

    def make_form(data, challenge):
        return CommentForm(data, challenge=challenge)

    def store(form):
        form.build(consultation).save()
        context["sent"] = True
        context["form"] = None
        return render(request, "participation/consultation_detail.html", context)

    return submission(
        request, "sent", make_form, store, "participation/consultation_detail.html", context
    )


def privacy(request):
    return render(
        request,
        "participation/privacy.html",
        {"retention_days": settings.PARTICIPATION_RETENTION_DAYS},
    )
