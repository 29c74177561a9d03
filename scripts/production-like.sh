# Sourced by scripts/bench.sh and scripts/soak.sh: a throwaway PostgreSQL with the demo, the
# production settings and gunicorn, as they measure them.
#   free_port                        prints a free TCP port on loopback
#   start_production_like DIR        cluster in DIR/data on a free port ($pg_port), DATABASE_URL,
#                                    DEBUG=false and the rest, migrate, demo, collectstatic
#   session EMAIL                    prints a signed-in session cookie for the user
#   start_gunicorn PORT [ARGS…]      gunicorn on 127.0.0.1:PORT ($gunicorn_pid is its master),
#                                    returns once the sign-in page answers
#   stop_gunicorn                    stops it and waits

free_port() {
  uv run --frozen python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_production_like() {
  local dir=$1
  pg_port=$(free_port)
  scripts/pg.sh start "$dir/data" "$pg_port" --fast
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/kredsraad"
  export DEBUG=false SECRET_KEY="bench-only-$(head -c 32 /dev/urandom | base64)" ALLOWED_HOSTS=127.0.0.1
  export SECURE_SSL_REDIRECT=false STATIC_ROOT="$dir/static"
  uv run --frozen kredsraad migrate --noinput --verbosity 0
  uv run --frozen kredsraad demo --quiet
  uv run --frozen kredsraad collectstatic --noinput --verbosity 0
}

# A logged-in session cookie for the user, without going through the login form.
session() {
  EMAIL="$1" uv run --frozen kredsraad shell -v 0 -c '
import os
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.sessions.backends.db import SessionStore
from kredsraad.accounts.models import User
user = User.objects.get(email=os.environ["EMAIL"])
# The backend that finds users in this code: a session naming one not in its settings is
# signed out (an older revision, for make bench BASELINE, gets its own cookie).
backend = next(
    path for path in settings.AUTHENTICATION_BACKENDS
    if getattr(load_backend(path), "get_user", None) and load_backend(path).get_user(user.pk)
)
s = SessionStore()
s[SESSION_KEY] = str(user.pk)
s[BACKEND_SESSION_KEY] = backend
s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s.create()
print(f"{settings.SESSION_COOKIE_NAME}={s.session_key}")
'
}

gunicorn_pid=""
start_gunicorn() {
  local port=$1; shift
  # No control socket: it lives in the user's home, and two servers side by side would share it.
  uv run --frozen gunicorn kredsraad.config.wsgi --bind "127.0.0.1:$port" --workers "${WEB_CONCURRENCY:-2}" \
    --log-level warning --no-control-socket "$@" &
  gunicorn_pid=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/konto/log-ind/" && return 0; sleep 0.2; done
  echo "gunicorn svarede ikke på port $port" >&2
  return 1
}

stop_gunicorn() {
  if [ -n "$gunicorn_pid" ]; then
    kill "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
    gunicorn_pid=""
  fi
}
