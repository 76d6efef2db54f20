"""The apps' layers (docs/architecture.md): an app imports only from its own
layer or the layers below it, never from above, at module level or inside a
function; the apps' imports have no cycle; data migrations use only the
historical models they are given.

Walks every Python file of the project's apps with ``ast``, so an import that
is only reached at run time counts too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. An app may import from its own layer and every layer below.
LAYERS = [
    ("base", ["home"]),
    ("groups", ["groups"]),
    ("content", ["events", "news"]),
    ("composing", ["search", "moderation", "translations", "participation"]),
    ("project", ["noticeboard"]),
    # Running on several servers: probes, logs, the scheduler (docs/operations.md).
    ("operations", ["operations"]),
    ("demo", ["demo"]),
]
LAYER_OF = {app: number for number, (_name, apps) in enumerate(LAYERS) for app in apps}


def imported_modules(source):
    """(line, dotted name) of every absolute import in ``source``, wherever it is."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.lineno, node.module


def project_files():
    for app in LAYER_OF:
        folder = ROOT / app
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
            yield app, path


def cross_app_imports():
    """(importing app, imported app, file, line) for every import between two apps."""
    for app, path in project_files():
        for line, module in imported_modules(path.read_text(encoding="utf-8")):
            target = module.split(".")[0]
            if target in LAYER_OF and target != app:
                yield app, target, path.relative_to(ROOT), line


def upward(imports):
    return [
        f"{path}:{line}: {app} ({LAYERS[LAYER_OF[app]][0]}) imports {target} "
        f"({LAYERS[LAYER_OF[target]][0]})"
        for app, target, path, line in imports
        if LAYER_OF[target] > LAYER_OF[app]
    ]


def test_every_app_of_the_project_is_in_the_table():
    apps = {
        path.parent.name for path in ROOT.glob("*/apps.py") if not path.parent.name.startswith(".")
    }
    assert apps <= set(LAYER_OF), f"add {sorted(apps - set(LAYER_OF))} to LAYERS"


def test_no_import_runs_up_the_layers():
    problems = upward(cross_app_imports())
    assert not problems, "Imports up the layers:\n" + "\n".join(problems)


def test_the_apps_imports_have_no_cycle():
    graph = {}
    for app, target, _path, _line in cross_app_imports():
        graph.setdefault(app, set()).add(target)

    def reaches(start, goal, seen):
        for step in graph.get(start, ()):
            if step == goal or (step not in seen and reaches(step, goal, seen | {step})):
                return True
        return False

    cycles = sorted(app for app in graph if reaches(app, app, {app}))
    assert not cycles, f"apps that import themselves through others: {cycles}"


def test_nothing_imports_the_demo():
    importers = {app for app, target, _path, _line in cross_app_imports() if target == "demo"}
    assert not importers


def test_home_imports_no_other_app_of_the_project():
    assert not [target for app, target, *_ in cross_app_imports() if app == "home"]


@pytest.mark.parametrize(
    "source",
    [
        "from events.models import EventPage\n",
        "import events.models\n",
        "def later():\n    from events import queries\n",
        "class A:\n    def m(self):\n        import events\n",
    ],
)
def test_the_check_finds_an_upward_import_wherever_it_is(source):
    imports = [
        ("groups", module.split(".")[0], Path("groups/example.py"), line)
        for line, module in imported_modules(source)
    ]
    assert upward(imports) == [
        f"groups/example.py:{imports[0][3]}: groups (groups) imports events (content)"
    ]


def data_migrations():
    for _app, path in project_files():
        if path.parent.name == "migrations" and "RunPython" in path.read_text(encoding="utf-8"):
            yield path


@pytest.mark.parametrize("path", list(data_migrations()), ids=lambda path: path.name)
def test_data_migrations_freeze_their_data(path):
    """A data migration must mean the same forever: no live code of the project
    (which changes) and no settings (which differ between sites); only
    ``apps.get_model`` and literals."""
    source = path.read_text(encoding="utf-8")
    problems = [
        f"line {line}: imports {module}"
        for line, module in imported_modules(source)
        if module.split(".")[0] in LAYER_OF or module == "django.conf"
    ]
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)
