"""Images for sandboxes: a named image (pulled only when allowed), a Dockerfile build, or a
base image plus install steps, the last two cached under a tag derived from a content
hash so they are built once and reused by every later run and every xdist worker.

Builds hold a lock per tag on this machine, so two workers never build the same image
at once: the second waits, then finds it on its engine or, when it runs on another
engine of ``--testronaut-docker-hosts`` (a peer), copies it from there (docker save
into docker load) rather than building it again."""

from __future__ import annotations

import hashlib
import io
import logging
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import filelock
from filelock import FileLock

from ..errors import EngineUnavailable, ImageError, InstallError
from . import labels as L
from .config import SandboxConfig, base_image_tag
from .container import KEEPALIVE
from .execution import exec_with_timeout
from .install import InstallPlan, hash_tree, plan_step

Progress = Callable[[str], None]
PlanHook = Callable[[str, Path], "InstallPlan | None"]
LOCK_DIR = Path(tempfile.gettempdir()) / "testronaut-locks"
INSTALL_TIMEOUT = 1800.0


def _lock(name: str) -> FileLock:
    LOCK_DIR.mkdir(parents=True, exist_ok=True)
    safe = hashlib.sha256(name.encode()).hexdigest()[:24]
    return FileLock(str(LOCK_DIR / f"{safe}.lock"))


def _quiet(message: str) -> None:
    pass


class ImageResolver:
    """Turns a :class:`SandboxConfig` into the id of an image that exists locally."""

    def __init__(self, client: Any, run_id: str, progress: Progress | None = None,
                 plan_hook: PlanHook | None = None, *, host: str | None = None,
                 peers: Sequence[str] = (), pull: bool = False) -> None:
        self.client = client
        self.pull = pull  # pull a missing named image (else refuse it at once)
        self.host = host  # the address of the engine (None: DOCKER_HOST)
        self.peers = tuple(peers)  # the run's other engines, which may have the image
        self._engine_id: str | None = None
        self.run_id = run_id
        self.progress = progress or _quiet
        self.plan_hook = plan_hook
        self._resolved: dict[tuple[Any, ...], str] = {}
        self._failed: dict[tuple[Any, ...], ImageError | InstallError] = {}

    def resolve(self, config: SandboxConfig) -> str:
        key = (config.image, config.dockerfile, config.context, config.install, config.base_dir)
        if key in self._failed:
            raise self._failed[key]  # once per session: no pull or build retried per test
        try:
            return self._resolve(key, config)
        except (ImageError, InstallError) as exc:
            self._failed[key] = exc
            raise

    def _resolve(self, key: tuple[Any, ...], config: SandboxConfig) -> str:
        if key not in self._resolved:
            base_dir = Path(config.base_dir or ".").resolve()
            if config.dockerfile:
                image = self._dockerfile(base_dir / config.dockerfile,
                                         base_dir / config.context if config.context else None)
            else:
                image = self.ensure(config.image)
            if config.install:
                image = self._installed(image, config.install, base_dir)
            self._resolved[key] = image
        return self._resolved[key]

    def _existing(self, ref: str) -> str | None:
        """The id of ``ref`` when this engine has it."""
        import docker.errors

        try:
            return str(self.client.images.get(ref).id)
        except docker.errors.ImageNotFound:
            return None

    # --- named images --------------------------------------------------------------
    def ensure(self, ref: str) -> str:
        """The id of ``ref``: here already, copied from a peer engine that has it, built
        (the base image), or pulled when :attr:`pull` allows; else an :class:`ImageError`
        saying how to build or load it."""
        import docker.errors

        cached = self._existing(ref)
        if cached:
            return cached
        if ref == base_image_tag():
            # The first run of a new user: no registry needed, build it from Debian packages.
            return self._cached(ref, f"building the base image {ref} from Debian packages "
                                     "(once per machine, a few minutes)",
                                lambda: self._build_base_image(ref))
        with _lock(f"pull:{ref}"):
            # Another worker may have pulled it meanwhile, or another engine of the run
            # may have it.
            cached = self._existing(ref) or self._from_peers(ref)
            if cached:
                return cached
            if not self.pull:
                raise ImageError(self._missing(ref))
            self.progress(f"pulling image {ref}")
            try:
                # docker-py splits registry ports, tags and digests itself ("latest" if none)
                return str(self.client.images.pull(ref).id)
            except docker.errors.APIError as exc:
                raise ImageError(
                    f"image {ref!r} is not on this Docker engine and pulling it failed: "
                    f"{exc.explanation or exc}. Check the name, your registry login and "
                    f"network, or build or load it locally; choose another with "
                    "--testronaut-image, the ini key testronaut_image or the marker's image=."
                ) from None

    def _missing(self, ref: str) -> str:
        """Why a named image that is not here is refused, and what to do about it."""
        where = f" at {self.host}" if self.host else ""
        return (
            f"image {ref!r} is not on the Docker engine{where}, and testronaut does not pull "
            f"images unless asked. Build it (`docker build -t {ref} DIR`), load it "
            f"(`docker load -i FILE.tar`, from `docker save {ref}` elsewhere), choose one "
            "the engine has (--testronaut-image, the ini key testronaut_image or the "
            "marker's image=), or allow pulling it from its registry with --testronaut-pull "
            "(ini testronaut_pull, env TESTRONAUT_PULL=1).")

    def _build_base_image(self, ref: str) -> str:
        """Run the packaged ``build-base-image.sh`` (what ``testronaut base-image`` runs),
        its lines going to the progress callback as they come."""
        import os
        import subprocess
        from importlib.resources import as_file, files

        env = {**os.environ, "TESTRONAUT_BASE_IMAGE": ref}
        if self.host:
            env["DOCKER_HOST"] = self.host  # the script's `docker import` goes there
        with as_file(files("pytest_testronaut.sandbox") / "build-base-image.sh") as script:
            process = subprocess.Popen(
                ["bash", str(script), "--tag", ref], stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, text=True, env=env)
            assert process.stdout is not None
            lines: list[str] = []
            for line in process.stdout:
                lines.append(line.rstrip("\n"))
                self.progress(f"  {line.rstrip()}")
            code = process.wait()
        built = self._existing(ref)
        if code != 0 or built is None:
            raise ImageError(
                f"the base image {ref!r} is not on this Docker engine and building it from "
                f"Debian packages failed (exit {code}):\n{_tail(chr(10).join(lines))}\n"
                "It needs root (or sudo) for debootstrap and access to a Debian mirror; "
                "build it by hand with `testronaut base-image`, or choose another image with "
                "--testronaut-image.")
        return built

    # --- Dockerfile builds ---------------------------------------------------------
    def _dockerfile(self, dockerfile: Path, context: Path | None) -> str:
        if not dockerfile.is_file():
            raise ImageError(f"Dockerfile {dockerfile} does not exist")
        context = context or dockerfile.parent
        digest = hashlib.sha256(dockerfile.read_bytes() + hash_tree(context).encode())
        tag = f"testronaut-build:{digest.hexdigest()[:16]}"
        return self._cached(tag, f"building {dockerfile}",
                            lambda: self._build_dockerfile(dockerfile, context, tag))

    def _build_dockerfile(self, dockerfile: Path, context: Path, tag: str) -> str:
        import docker.errors

        try:
            image, _ = self.client.images.build(
                path=str(context), dockerfile=str(dockerfile), tag=tag, rm=True,
                forcerm=True, labels={L.MANAGED: "1", L.KIND: "dockerfile-cache"},
            )
        except docker.errors.BuildError as exc:
            log = "".join(str(chunk.get("stream", chunk.get("error", "")))
                          for chunk in exc.build_log)
            raise ImageError(f"building {dockerfile} failed: {exc.msg}\n{_tail(log)}") from None
        except docker.errors.APIError as exc:
            raise ImageError(f"building {dockerfile} failed: {exc.explanation or exc}") from None
        return str(image.id)

    def _cached(self, tag: str, what: str, build: Callable[[], str]) -> str:
        """The image ``tag``, built once (other workers wait on the lock, then reuse it,
        or copy it from the peer engine that has it)."""
        lock = _lock(tag)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            self.progress(f"waiting for another pytest process: {what} (cached as {tag})")
            lock.acquire()
        try:
            cached = self._existing(tag) or self._from_peers(tag)
            if cached:
                return cached
            self.progress(f"{what} (first time; cached as {tag})")
            return build()
        finally:
            lock.release()

    # --- other engines ------------------------------------------------------------------
    @property
    def engine_id(self) -> str:
        if self._engine_id is None:
            from .engine import engine_id

            self._engine_id = engine_id(self.client)
        return self._engine_id

    def _from_peers(self, tag: str) -> str | None:
        """The id of ``tag`` copied here from a peer engine that has it; None when none
        has it (or the copy failed: then it is built here)."""
        import docker.errors

        from .engine import connect, engine_id

        for peer in self.peers:
            try:
                source = connect(peer, timeout=60)
            except EngineUnavailable:
                continue  # that engine's own worker says so
            try:
                if engine_id(source) == self.engine_id:
                    continue  # this engine under another address
                try:
                    image = source.images.get(tag)
                except docker.errors.ImageNotFound:
                    continue
                self.progress(f"copying image {tag} from the engine at {peer}")
                try:
                    return copy_image(image, self.client, tag)
                except (docker.errors.DockerException, ImageError) as exc:
                    logging.getLogger(__name__).warning(
                        "copying %s from %s failed (%s); building it here", tag, peer, exc)
            finally:
                source.close()
        return None

    # --- install steps -----------------------------------------------------------------
    def _plan(self, step: str, base_dir: Path) -> InstallPlan:
        plan = self.plan_hook(step, base_dir) if self.plan_hook else None
        return plan or plan_step(step, base_dir)

    def _installed(self, base_image: str, steps: Sequence[str], base_dir: Path) -> str:
        plans = [self._plan(step, base_dir) for step in steps]
        digest = hashlib.sha256(base_image.encode())
        for plan in plans:
            digest.update(b"\0" + plan.cache_key.encode())
        tag = f"testronaut-install:{digest.hexdigest()[:16]}"

        def build() -> str:
            try:
                return self._build_installed(base_image, plans, tag)
            finally:
                for plan in plans:
                    for path in plan.cleanup:
                        shutil.rmtree(path, ignore_errors=True)

        return self._cached(tag, f"installing {', '.join(steps)}", build)

    def _build_installed(self, base_image: str, plans: list[InstallPlan], tag: str) -> str:
        for plan in plans:
            if plan.prepare:
                plan.prepare()
        container = self.client.containers.create(
            base_image, command=KEEPALIVE, detach=True, init=True,
            labels=L.labels(self.run_id, "install-build"), user="root",
            network_mode="bridge" if any(p.network for p in plans) else "none",
            security_opt=["no-new-privileges"],
        )
        try:
            container.start()
            api = self.client.api
            for plan in plans:
                for host_path, dest in plan.files.items():
                    _copy_in(api, container.id, Path(host_path), dest)
                for command in plan.commands:
                    self.progress(f"  $ {command}")
                    result = exec_with_timeout(api, container.id, ["/bin/sh", "-c", command],
                                               user="root", timeout=INSTALL_TIMEOUT,
                                               output_limit=1024 * 1024)
                    if result.exit_code != 0:
                        raise InstallError(
                            f"install step {plan.step!r} failed: `{command}` exited "
                            f"{result.exit_code}{' (timed out)' if result.timed_out else ''}\n"
                            f"{_tail(result.stdout + result.stderr)}"
                        )
            exec_with_timeout(api, container.id, ["rm", "-rf", "/tmp/testronaut-wheels",
                                                  "/tmp/testronaut-install"],
                              user="root", timeout=60, output_limit=4096)
            repository, _, name = tag.partition(":")
            image = container.commit(repository=repository, tag=name, conf={
                "Labels": {L.MANAGED: "1", L.KIND: "install-cache"},
            })
            return str(image.id)
        finally:
            container.remove(force=True, v=True)


def copy_image(image: Any, target: Any, ref: str) -> str:
    """Stream ``image`` (of another engine's client) into the engine of ``target`` as
    ``docker save | docker load`` does, without holding it in memory; its id there."""
    target.images.load(image.save(chunk_size=1 << 20, named=ref))
    try:
        return str(target.images.get(ref).id)
    except Exception as exc:
        raise ImageError(f"the engine did not keep {ref!r} after loading it: {exc}") from None


def _copy_in(api: Any, container_id: str, source: Path, dest: str) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        tar.add(str(source), arcname=source.name)
    result = exec_with_timeout(
        api, container_id, ["/bin/sh", "-c", 'mkdir -p -- "$1" && tar -x -o -f - -C "$1"',
                                 "copy_in", dest],
        stdin=buffer.getvalue(), user="root", timeout=300, output_limit=65536,
    )
    if result.exit_code != 0:
        raise InstallError(f"copying {source} into the build container failed: {result.stderr}")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
