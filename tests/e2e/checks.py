"""Real checkers used by the browser tests: axe-core (WCAG) and the Nu HTML Checker (vnu)."""

import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, impacts=None):
    """Run axe-core in the page with the WCAG 2.1 A/AA rules; return its violations.

    The page's context must be opened with bypass_csp=True: axe is injected as a script.
    """
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    if impacts:
        violations = [v for v in violations if v["impact"] in impacts]
    return violations


def describe(violations):
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def html_errors(documents):
    """Validate {name: html} with vnu; return {name: [messages]} for documents with errors."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for i, (name, html) in enumerate(documents.items()):
            path = Path(tmp) / f"page{i}.html"
            path.write_text(html, encoding="utf-8")
            paths[str(path)] = name
        result = subprocess.run(
            [
                "java",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--errors-only",
                "--exit-zero-always",
                *paths,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = {}
    for m in messages:
        name = paths.get(m.get("url", "").removeprefix("file:"), m.get("url"))
        errors.setdefault(name, []).append(
            f"line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()[:80]}]"
        )
    return errors
