#!/usr/bin/env bash
# `make run`: migrate, create the demo user, then serve on HOST:PORT. "Running at" is
# printed only once the server answers; a port in use fails with a sentence, not a
# success message. Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
say() { printf 'run: %s\n' "$*" >&2; }

# Fail before migrating when the port is taken (the usual case: another `make run`).
"$PY" - "$HOST" "$PORT" <<'PYEOF'
import socket, sys
host, port = sys.argv[1].strip("[]"), int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
with socket.socket(family) as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError as error:
        sys.exit(f"run: cannot listen on {sys.argv[1]}:{port} ({error.strerror}). "
                 f"Stop what is using it, or choose another port: make run PORT={port + 1}")
PYEOF

"$PY" manage.py migrate --noinput
"$PY" manage.py load_demo

"$PY" -m config.serve -b "$HOST" -p "$PORT" config.asgi:application &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; exit 0' INT TERM

case "$HOST" in 0.0.0.0|::|"[::]") PROBE=127.0.0.1 ;; *) PROBE="$HOST" ;; esac
[[ "$PROBE" == *:* && "$PROBE" != \[* ]] && PROBE="[$PROBE]"
for _ in $(seq 1 300); do
  if ! kill -0 "$SERVER" 2>/dev/null; then
    wait "$SERVER" || true
    say "the server stopped before it answered (see the messages above)."
    exit 1
  fi
  if "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
      "http://$PROBE:$PORT/healthz" 2>/dev/null; then
    echo
    echo "  Jobtrail is running at http://$HOST:$PORT/"
    echo "  Demo login: ${DEMO_USER_EMAIL:-demo@example.com} / ${DEMO_USER_PASSWORD:-jobtrail-demo}"
    echo "  Ctrl-C stops it."
    echo
    wait "$SERVER"
    exit $?
  fi
  sleep 0.2
done
say "the server did not answer on http://$PROBE:$PORT/healthz within a minute; stopping it."
kill -TERM "$SERVER" 2>/dev/null || true
exit 1
