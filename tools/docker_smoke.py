"""``make docker-test``: build the image, run it, and ask it /ready, /health and a GraphQL query.

Skips (exit 0, saying why) where no Docker daemon answers: no ``docker`` command, or
``docker info`` fails (no daemon, or ``DOCKER_HOST`` unreachable)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.request

IMAGE = "sportello:docker-test"


def docker(*args: str, capture: bool = False) -> str:
    done = subprocess.run(["docker", *args], check=True, text=True, capture_output=capture)
    return done.stdout.strip() if capture else ""


def no_daemon() -> str | None:
    """Why no Docker daemon can be used here; None when one answers."""
    if shutil.which("docker") is None:
        return "the docker command is not installed"
    try:
        info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return "no Docker daemon answered `docker info` within 30 s"
    if info.returncode != 0:
        lines = [line for line in info.stderr.splitlines() if line.strip()]
        detail = f" ({lines[-1].strip()})" if lines else ""
        return f"no Docker daemon is reachable: `docker info` failed{detail}"
    return None


def get(url: str, body: bytes | None = None) -> tuple[int, bytes]:
    headers = {"content-type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


def main() -> int:
    reason = no_daemon()
    if reason is not None:
        print(f"docker-test: SKIPPED: {reason}; the image was neither built nor run")
        return 0
    docker("build", "--tag", IMAGE, ".")
    container = docker("run", "--detach", "--publish", "127.0.0.1::8000", IMAGE, capture=True)
    try:
        address = docker("port", container, "8000/tcp", capture=True).splitlines()[0]
        base = f"http://{address}"
        deadline = time.monotonic() + 60
        while True:  # migrations run first: wait until /ready (migrated and started)
            try:
                status, body = get(f"{base}/ready")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                print(docker("logs", container, capture=True), file=sys.stderr)
                print("docker-test: FAILED: /ready did not answer 200 within 60 s", file=sys.stderr)
                return 1
            time.sleep(1)
        status, body = get(f"{base}/health")
        if status != 200:
            print(f"docker-test: FAILED: /health answered {status}", file=sys.stderr)
            return 1
        status, body = get(f"{base}/graphql", json.dumps({"query": "{ __typename }"}).encode())
        answer = json.loads(body)
        if status != 200 or answer != {"data": {"__typename": "Query"}}:
            print(f"docker-test: FAILED: GraphQL answered {status} {answer}", file=sys.stderr)
            return 1
        print(f"docker-test: ok: {IMAGE} answers /ready, /health and GraphQL")
        return 0
    finally:
        docker("rm", "--force", container, capture=True)


if __name__ == "__main__":
    raise SystemExit(main())
