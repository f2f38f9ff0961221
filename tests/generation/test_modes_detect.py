"""Modes read from real help texts (saved in ``data/modes``): a section of modes
(cpio), mode verbs without a section (xz, bzip2, an encoder's ``--decode``), a usage
line's required alternative of options taking the archive (Python's zipfile and
tarfile), an operand whose choices are modes (cramjam-cli), and tools with none
(infocmp's ``-c  list common capabilities`` is a listing, not a mode)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import Command, Option
from pytest_testronaut.generation.modes import Mode, detect_modes, role_of

DATA = Path(__file__).parent / "data" / "modes"


def _modes(name: str) -> list[Mode]:
    text = (DATA / f"{name}.txt").read_text()
    command = parse_help(text, name=name, path=[name])
    return detect_modes(text, command)


def _roles(modes: list[Mode]) -> dict[str, str]:
    return {" ".join(m.words): m.role for m in modes}


def test_a_section_of_modes_gives_each_its_role() -> None:
    modes = _modes("cpio")
    assert _roles(modes) == {"--extract": "extract", "--create": "produce", "--list": "list"}
    assert all(m.explicit for m in modes)  # named by the "Main operation mode:" section
    # options of the sections after it are modifiers, not modes
    assert not {"-c", "--format", "--verbose"} & {f for m in modes for f in m.flags}


@pytest.mark.parametrize("name", ["xz", "bzip2"])
def test_compressors_modes_come_from_their_verbs(name: str) -> None:
    roles = _roles(_modes(name))
    assert roles["--decompress"] == "extract" and roles["--test"] == "test"
    assert roles["--compress"] == "produce"
    assert not [w for w in roles if w.lstrip("-")[:1].isdigit()]  # ``-0 ... -9``: levels


def test_xz_list_mode() -> None:
    assert _roles(_modes("xz"))["--list"] == "list"


@pytest.mark.parametrize("name", ["base58", "basenc"])
def test_an_encoder_decodes_beside_its_default_mode(name: str) -> None:
    modes = _modes(name)
    assert _roles(modes) == {"--decode": "extract"}
    assert not modes[0].explicit  # only its verb says so: the bare command encodes


@pytest.mark.parametrize("name", ["pyzipfile", "pytarfile"])
def test_a_usage_alternative_names_modes_that_take_the_archive(name: str) -> None:
    modes = _modes(name)
    assert _roles(modes) == {"--list": "list", "--extract": "extract",
                             "--create": "produce", "--test": "test"}
    assert all(m.explicit and not m.operand for m in modes)


def test_an_operand_whose_choices_are_modes() -> None:
    modes = _modes("cramjam-cli-zstd")
    assert _roles(modes) == {"compress": "produce", "decompress": "extract"}
    assert all(m.operand for m in modes)


def test_listings_alone_are_no_modes() -> None:
    assert _modes("infocmp") == []


def test_a_must_specify_sentence_names_the_modes_in_a_bundle() -> None:
    text = ("Usage: packer [OPTION...] [FILE]...\n"
            "You must specify one of the '-cxt' options.\n\n"
            "  -c, --create    create a new archive\n"
            "  -x, --extract   extract files from an archive\n"
            "  -t, --list      list the contents of an archive\n"
            "  -v, --verbose   verbosely list files processed\n")
    command = Command(name="packer", path=["packer"], options=[
        Option(flags=["-c", "--create"], description="create a new archive"),
        Option(flags=["-x", "--extract"], description="extract files from an archive"),
        Option(flags=["-t", "--list"], description="list the contents of an archive"),
        Option(flags=["-v", "--verbose"], description="verbosely list files processed"),
    ])
    modes = detect_modes(text, command)
    assert _roles(modes) == {"--create": "produce", "--extract": "extract", "--list": "list"}
    assert all(m.explicit for m in modes)


@pytest.mark.parametrize(("text", "role"), [
    ("force decompression", "extract"), ("force compression", "produce"),
    ("test compressed file integrity", "test"), ("Print a table of contents", "list"),
    ("decode data", "extract"), ("Create the archive (run in copy-out mode)", "produce"),
    ("keep (don't delete) input files", None),
])
def test_the_first_mode_verb_decides_the_role(text: str, role: str | None) -> None:
    assert role_of(text) == role
