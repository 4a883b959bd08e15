"""The translation catalogues are complete: every string the code and templates mark for
translation is in locale/vi and locale/en, translated and not fuzzy.

makemessages (GNU xgettext, installed by scripts/ensure-test-tools) runs on a copy of the
project, so the real catalogues are never touched by the test.
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.utils import is_ignored_path

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _ in settings.LANGUAGES]
DOMAINS = ["django", "djangojs"]
# One worker runs this module, so its costly module-scoped fixture runs once (--dist loadgroup).
pytestmark = pytest.mark.xdist_group(__name__)
# What makemessages must not read: installed packages, collected or generated files, tests.
IGNORE = [".venv", "node_modules", "staticfiles", "media", "tests", "test-artifacts", "bench"]


def _catalogue(locale_dir, language, domain):
    path = Path(locale_dir) / language / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def _ids(catalogue):
    return {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete} if catalogue else set()


# Strings planted in the copy only: if makemessages did not report them, the check is blind.
PROBES = {
    "django": (
        # In a room named like an ignored top-level folder (chaudoc/media/, ./media).
        "chaudoc/media/catalogue_probe.html",
        '{% load i18n %}{% translate "Catalogue probe string" %}',
    ),
    "djangojs": ("static/js/catalogue_probe.js", 'gettext("Catalogue probe string");'),
}
PROBE = (None, "Catalogue probe string")


def _top_level_and_compiled(directory, names):
    """copytree's filter: the ignored folders at the top only (chaudoc/media is code, ./media
    is uploads), and compiled catalogues anywhere."""
    top = Path(directory) == ROOT
    return [n for n in names if n.endswith(".mo") or (top and n in [".git", *IGNORE])]


def _makefile_ignores():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^MAKEMESSAGES_IGNORE :=(.*?)(?<!\\)\n", text, re.M | re.S).group(1)
    return re.findall(r"--ignore=(\S+)", block)


def test_make_catalogues_reads_every_folder_of_code_and_templates():
    """`make catalogues` skips only what IGNORE names, at the top: a pattern that also matched
    a room (say "media" and chaudoc/media/) would drop its strings from the catalogues."""
    patterns = _makefile_ignores()
    assert {p.removeprefix("./") for p in patterns} >= set(IGNORE) - {"tests", "bench"}
    skipped = []
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if (
            not path.is_dir()
            or relative.parts[0] in [".git", *IGNORE]
            or relative.parts[0][0] == "."
        ):
            continue
        if any(f.suffix in {".py", ".html", ".txt", ".js"} for f in path.iterdir()):
            if is_ignored_path(f"./{relative}", patterns):
                skipped.append(str(relative))
    assert not skipped, f"make catalogues would skip {skipped}"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues as `makemessages` would leave them, built in a copy of the project."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext) is missing: scripts/ensure-test-tools installs it.")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path_factory.mktemp("project") / "src"
    shutil.copytree(ROOT, copy, ignore=_top_level_and_compiled)
    for name, text in PROBES.values():
        (copy / name).write_text(text, encoding="utf-8")
    here = Path.cwd()
    old_paths = settings.LOCALE_PATHS
    try:
        os.chdir(copy)  # makemessages reads the current directory
        settings.LOCALE_PATHS = [copy / "locale"]
        for domain in DOMAINS:
            call_command(
                "makemessages",
                locale=LANGUAGES,
                domain=domain,
                no_obsolete=True,
                ignore_patterns=[],  # nothing makemessages must skip was copied
                verbosity=0,
            )
    finally:
        os.chdir(here)
        settings.LOCALE_PATHS = old_paths
    return copy / "locale"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_makemessages_finds_no_string_missing_from_the_catalogues(extracted, language, domain):
    found = _ids(_catalogue(extracted, language, domain))
    kept = _ids(_catalogue(ROOT / "locale", language, domain))
    assert PROBE in found - kept, "the planted probe string was not reported"
    missing = sorted(msgid for _, msgid in found - kept - {PROBE})
    assert not missing, f"{language}/{domain}.po lacks (run `make catalogues`): {missing}"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_is_translated_and_not_fuzzy(language, domain):
    catalogue = _catalogue(ROOT / "locale", language, domain)
    if catalogue is None:  # no script has strings yet: then makemessages writes no djangojs.po
        assert domain == "djangojs", f"locale/{language}/LC_MESSAGES/{domain}.po is missing"
        return
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"{language}/{domain}.po: untranslated {untranslated}"
    assert not fuzzy, f"{language}/{domain}.po: fuzzy {fuzzy}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_english_catalogue_repeats_each_english_msgid(domain):
    """msgids are English: the English translation is the msgid itself."""
    catalogue = _catalogue(ROOT / "locale", "en", domain) or []
    wrong = [
        e.msgid for e in catalogue if not e.obsolete and not e.msgid_plural and e.msgstr != e.msgid
    ]
    assert not wrong, wrong
