"""``make docker-test``: build the image, run it, and ask it /health and a GraphQL query.

Skips (exit 0, saying why) where no Docker daemon answers: ``docker info`` fails."""

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


def daemon_available() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


def get(url: str, body: bytes | None = None) -> tuple[int, bytes]:
    headers = {"content-type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


def main() -> int:
    if not daemon_available():
        print("docker-test: skipped: no Docker daemon here (`docker info` fails)")
        return 0
    docker("build", "--tag", IMAGE, ".")
    container = docker("run", "--detach", "--publish", "127.0.0.1::8000", IMAGE, capture=True)
    try:
        address = docker("port", container, "8000/tcp", capture=True).splitlines()[0]
        base = f"http://{address}"
        deadline = time.monotonic() + 60
        while True:  # migrations run first: wait for /health
            try:
                status, body = get(f"{base}/health")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                print(docker("logs", container, capture=True), file=sys.stderr)
                print("docker-test: FAILED: /health did not answer within 60 s", file=sys.stderr)
                return 1
            time.sleep(1)
        status, body = get(f"{base}/graphql", json.dumps({"query": "{ __typename }"}).encode())
        answer = json.loads(body)
        if status != 200 or answer != {"data": {"__typename": "Query"}}:
            print(f"docker-test: FAILED: GraphQL answered {status} {answer}", file=sys.stderr)
            return 1
        print(f"docker-test: ok: {IMAGE} answers /health and GraphQL")
        return 0
    finally:
        docker("rm", "--force", container, capture=True)


if __name__ == "__main__":
    raise SystemExit(main())
