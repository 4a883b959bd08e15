"""The rating form's target: a plain POST from any page, cached or not (no CSRF token, no
cookie, nothing per reader in the page), answered with a short thank-you page."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from chaudoc.ratings import limits, registry
from chaudoc.ratings.models import Rating, Reason


def _target(request):
    """The public object rated, of the request's portal, or None."""
    label, _sep, pk = (request.POST.get("target") or "").rpartition(":")
    model = registry.model_for(label)
    if model is None or not pk.isdigit() or len(pk) > 18:
        return None, None
    obj = model._default_manager.filter(pk=int(pk), portal=request.portal.pk).first()
    if obj is None or not obj.is_public():
        return None, None
    return f"{label}:{pk}", obj


@csrf_exempt  # anonymous and harmless: a forged vote is one vote, limited like any other
@never_cache
@require_POST
def rate(request):
    target, obj = _target(request)
    helpful = request.POST.get("helpful")
    reason = request.POST.get("reason") or ""
    if obj is None or helpful not in ("yes", "no") or reason not in ("", *Reason.values):
        return render(request, "chaudoc/rating_thanks.html", {"invalid": True}, status=400)
    counted = limits.first_vote_today(request, target)
    if counted:
        Rating.objects.create(
            portal_id=request.portal.pk,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            helpful=helpful == "yes",
            reason=reason,
        )
    return render(request, "chaudoc/rating_thanks.html", {"obj": obj, "counted": counted})
