"""Imports go one way: the project shell may import the apps, the apps import the shared rooms
of chaudoc/, and the rooms import no app; and no module of the project imports itself back
through others. Imports inside functions count too, so none can hide a cycle (only those in an
AppConfig.ready() are left out: they run once every module is loaded)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "news",
    "gallery",
    "weather",
    "readaloud",
    "about",
    "documents",
    "schedule",
    "participation",
)
PACKAGES = ("chaudoc", *APPS)
# The project shell: what puts the apps together (root URLs, settings, WSGI/ASGI, the demo).
SHELL = (
    "chaudoc.urls",
    "chaudoc.settings.",  # the package's modules: base and the profiles
    "chaudoc.wsgi",
    "chaudoc.asgi",
    "chaudoc.demo",
    "chaudoc.management.commands.load_demo",
)


def modules(root):
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[0] not in PACKAGES or "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _in_ready(tree):
    """Import nodes inside a ready() method (AppConfig): allowed to come late."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "ready":
            skipped |= {id(n) for n in ast.walk(node)}
    return skipped


def imports(name, path, known):
    """The project modules `name` imports, anywhere in it but an AppConfig.ready()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped, found = _in_ready(tree), set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph(root=ROOT):
    known = modules(root)
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(edges):
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.add(other)
                if other == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in edges:
        if node not in index:
            visit(node)
    return groups


def rooms_importing_apps(edges):
    def shell(name):
        return any(name == s or name.startswith(s.rstrip(".") + ".") for s in SHELL)

    return {
        name: sorted(t for t in targets if t.split(".")[0] in APPS)
        for name, targets in edges.items()
        if name.startswith("chaudoc")
        and not shell(name)
        and any(t.split(".")[0] in APPS for t in targets)
    }


def test_the_project_has_no_import_cycle():
    assert cycles(graph()) == []


def test_no_shared_room_imports_an_app():
    assert rooms_importing_apps(graph()) == {}


def test_the_checks_find_a_cycle_and_a_room_importing_an_app(tmp_path):
    (tmp_path / "chaudoc").mkdir()
    (tmp_path / "news").mkdir()
    (tmp_path / "chaudoc" / "__init__.py").write_text("")
    (tmp_path / "news" / "__init__.py").write_text("")
    (tmp_path / "chaudoc" / "a.py").write_text("def f():\n    from chaudoc import b\n")
    (tmp_path / "chaudoc" / "b.py").write_text("from .a import f\nfrom news.models import X\n")
    (tmp_path / "news" / "models.py").write_text("X = 1\n")
    (tmp_path / "news" / "apps.py").write_text(
        "class C:\n    def ready(self):\n        from chaudoc import b\n"
    )
    edges = graph(tmp_path)
    assert cycles(edges) == [["chaudoc.a", "chaudoc.b"]]
    assert rooms_importing_apps(edges) == {"chaudoc.b": ["news.models"]}
    assert edges["news.apps"] == set()  # ready() may import late


def test_tests_mirror_the_rooms():
    """Each room of chaudoc/ has its folder of tests, tests/chaudoc/<room>/."""
    django_places = {"management", "migrations", "templatetags", "formats", "__pycache__"}
    rooms = {
        p.name
        for p in (ROOT / "chaudoc").iterdir()
        if (p / "__init__.py").exists() and p.name not in django_places
    }
    missing = {room for room in rooms if not (ROOT / "tests" / "chaudoc" / room).is_dir()}
    assert rooms and not missing, missing
