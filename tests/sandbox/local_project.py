"""A local Python project that pip builds into a wheel with no package index: a PEP 517
backend inside the project, with no build requirements, whose wheel installs a console
script ``NAME`` (with ``-`` for ``_``) running ``MODULE.main``. The tests never leave
the machine. ``before_build`` is Python run at the start of ``build_wheel`` (in the
build's process, with its environment), e.g. to fail or to record what it was given.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

_BACKEND = '''
import base64, hashlib, json, os, zipfile

NAME, VERSION = {module!r}, "1.0"


def _line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{{name}},sha256={{digest}},{{len(data)}}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
{before_build}
    info = f"{{NAME}}-{{VERSION}}.dist-info"
    script = NAME.replace("_", "-")
    files = {{
        f"{{NAME}}.py": open(f"{{NAME}}.py", "rb").read(),
        f"{{info}}/METADATA": f"Metadata-Version: 2.1\\nName: {{script}}\\nVersion: 1.0\\n".encode(),
        f"{{info}}/WHEEL": b"Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\n"
                         b"Tag: py3-none-any\\n",
        f"{{info}}/entry_points.txt":
            f"[console_scripts]\\n{{script}} = {{NAME}}:main\\n".encode(),
    }}
    lines = [_line(name, data) for name, data in files.items()] + [f"{{info}}/RECORD,,"]
    files[f"{{info}}/RECORD"] = ("\\n".join(lines) + "\\n").encode()
    wheel = f"{{NAME}}-{{VERSION}}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return wheel
'''


def make_local_project(folder: Path, module: str, main_body: str,
                       before_build: str = "pass") -> Path:
    """Write the project into ``folder``: ``module.py`` whose ``main()`` is
    ``main_body`` (one line of Python), and the backend."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(textwrap.dedent("""\
        [build-system]
        requires = []
        build-backend = "backend"
        backend-path = ["."]
        """))
    (folder / "backend.py").write_text(_BACKEND.format(
        module=module, before_build=textwrap.indent(before_build, "    ")))
    (folder / f"{module}.py").write_text(f"def main():\n    {main_body}\n")
    return folder
