"""The residents' forms: a question, a comment on a draft, a status look-up.

Every form has the honeypot field `website` (hidden from people by CSS and from assistive
technology by aria-hidden; a bot that fills it is refused as if the form were wrong) and, once
the address has sent enough (participation.abuse), the challenge: the picture's text, or the
answer to the text question (for those who cannot see the picture)."""

import re

from captcha.helpers import captcha_image_url
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.search.text import clean_query
from participation import abuse
from participation.models import Comment, Question

PHONE = re.compile(r"^\+?[0-9 .\-]{8,15}$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(value):
    """A resident's text as it is stored: plain text (escaped where shown), without control
    characters or NUL bytes, and trimmed."""
    return CONTROL.sub("", value or "").strip()


class PlainCharField(forms.CharField):
    def to_python(self, value):
        return plain(super().to_python(value))


class ChallengeForm(forms.Form):
    """The honeypot, and the challenge when `challenge` is True."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    captcha_key = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha_text_key = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        required=False,
        max_length=32,
        label=_("Characters in the picture"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    captcha_text_answer = forms.CharField(
        required=False,
        max_length=8,
        label=_("Or answer in digits"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args, challenge=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.picture_url = self.audio_url = self.challenge_words = None
        if challenge and not self.is_bound:
            self._new_challenge()  # a bound form keeps the posted one until it is shown again

    def _new_challenge(self):
        picture, text_key, words = abuse.new_challenge()
        # A fresh challenge each time the form is shown: the old ones are spent or expire.
        self.data = self.data.copy() if self.is_bound else self.data
        if self.is_bound:
            self.data["captcha_key"], self.data["captcha_text_key"] = picture, text_key
            self.data["captcha_answer"] = self.data["captcha_text_answer"] = ""
        self.initial.update(captcha_key=picture, captcha_text_key=text_key)
        self.picture_url = captcha_image_url(picture)
        self.audio_url = reverse("captcha-audio", args=[picture])
        self.challenge_words = words

    def full_clean(self):
        # Read the answers before the form is shown again with a new challenge.
        self._answers = (
            (self.data.get("captcha_key"), self.data.get("captcha_answer")),
            (self.data.get("captcha_text_key"), self.data.get("captcha_text_answer")),
        )
        super().full_clean()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("The form could not be sent. Please try again."))
        if self.challenge and not any(abuse.passes(key, ans) for key, ans in self._answers):
            self.add_error(
                "captcha_answer",
                _("The answer to the check is not right. Please try the new one below."),
            )
        return cleaned

    def renew_challenge(self):
        if self.challenge:
            self._new_challenge()


class ContactFields(forms.Form):
    name = PlainCharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = PlainCharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        help_text=_("An e-mail address or a phone number is needed to answer you."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the portal keeps my name and contact details to answer me, as the "
            "privacy notice says."
        ),
        error_messages={"required": _("Your consent is needed to send the form.")},
    )

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Enter a phone number of 8 to 15 digits."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.errors.get("email"):
            self.add_error("email", _("Enter an e-mail address or a phone number."))
        return cleaned


class QuestionForm(ContactFields, ChallengeForm):
    ward = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Ward or commune"), empty_label=_("(none)")
    )
    topic = forms.ModelChoiceField(queryset=None, label=_("Field"), empty_label=None)
    title = PlainCharField(label=_("Title"), max_length=200)
    question = PlainCharField(label=_("Your question"), max_length=5000, widget=forms.Textarea)
    may_publish = forms.BooleanField(
        required=False,
        label=_(
            "The question and its answer may be published on the portal (your name and "
            "contact details never are)."
        ),
    )

    field_order = [
        "name",
        "email",
        "phone",
        "ward",
        "topic",
        "title",
        "question",
        "may_publish",
        "consent",
    ]

    def __init__(self, *args, topics, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.fields["ward"].queryset = wards

    def build(self, portal):
        data = self.cleaned_data
        return Question(
            portal=portal,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            ward=data["ward"],
            topic=data["topic"],
            title=data["title"],
            question=data["question"],
            may_publish=data["may_publish"],
        )


class CommentForm(ContactFields, ChallengeForm):
    body = PlainCharField(label=_("Your comment"), max_length=10000, widget=forms.Textarea)
    may_publish = forms.BooleanField(
        required=False,
        initial=True,
        label=_("My comment may be shown on this page (my contact details never are)."),
    )

    field_order = ["name", "email", "phone", "body", "may_publish", "consent"]

    def build(self, consultation):
        data = self.cleaned_data
        return Comment(
            consultation=consultation,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            body=data["body"],
            may_publish=data["may_publish"],
        )


class LookupForm(ChallengeForm):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
    contact = forms.CharField(
        label=_("The e-mail address or phone number you gave"), max_length=254
    )

    field_order = ["code", "contact"]

    def clean_code(self):
        return clean_query(self.cleaned_data["code"]).strip().upper()

    def clean_contact(self):
        return plain(self.cleaned_data["contact"])
