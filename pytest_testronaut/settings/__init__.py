"""Every testronaut setting, resolved in one place.

Each setting has a command-line option ``--testronaut-NAME``, an ini key
``testronaut_NAME`` and an environment variable ``TESTRONAUT_NAME``, all from one entry
of the table :data:`SPECS` (:mod:`.table`; the values' parsers in :mod:`.parsers`).
:func:`resolve` (:mod:`.sources`) reads all of them once per session into a frozen
:class:`Settings` (:mod:`.resolved`): the command line, then the ini file, then the
environment, then the default. A marker or a plan sits between the command line and
the ini file for the sandbox settings it names (the session applies that, see
``Settings.from_cli``). :func:`llm_config` and :func:`agent_from_settings`
(:mod:`.llm_setup`) turn settings into the LLM layer's config and agent.
"""

from .llm_setup import agent_from_settings, llm_config
from .parsers import BASELINE_MEASURES, MAX_RECORD_RUNS
from .resolved import Settings
from .sources import add_options, from_environ, resolve
from .table import DEFAULT_IMAGE, INCONCLUSIVE_POLICIES, ISOLATIONS, LLM_TASKS, SPECS, Spec

__all__ = [
    "BASELINE_MEASURES",
    "DEFAULT_IMAGE",
    "INCONCLUSIVE_POLICIES",
    "ISOLATIONS",
    "LLM_TASKS",
    "MAX_RECORD_RUNS",
    "SPECS",
    "Settings",
    "Spec",
    "add_options",
    "agent_from_settings",
    "from_environ",
    "llm_config",
    "resolve",
]
