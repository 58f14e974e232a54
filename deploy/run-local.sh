#!/usr/bin/env bash
# bash deploy/run-local.sh REPLICAS PORT
#
# REPLICAS kpmap processes (`streamlit run app.py`, each on a free loopback port) behind nginx on
# 127.0.0.1:PORT, with the same load-balancer configuration as compose.yaml
# (deploy/nginx/kpmap.conf.template). Runs in the foreground; Ctrl-C or SIGTERM stops everything.
# Prints one line per replica ("replica N pid PID port PORT") and then "serving URL".
# nginx comes from Debian's packages: installed here when missing and run as root, otherwise named.
set -euo pipefail

usage() { echo "usage: bash deploy/run-local.sh REPLICAS PORT   (REPLICAS 1..8, PORT 1024..65535)" >&2; exit 2; }
[ "$#" -eq 2 ] || usage
replicas=$1
port=$2
[[ "$replicas" =~ ^[1-8]$ ]] || usage
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=.venv/bin/python
[ -x "$python" ] || python=python3

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing nginx (Debian's nginx-light) ..." >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null
    else
        echo "nginx is missing: install Debian's nginx-light (as root: apt-get install nginx-light)" >&2
        exit 3
    fi
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d "${TMPDIR:-/tmp}/kpmap-local-XXXXXX")
children=()
stop() {
    trap - EXIT INT TERM
    for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Free loopback ports for the replicas, PORT itself excluded.
mapfile -t ports < <("$python" - "$replicas" "$port" <<'PY'
import socket, sys
count, taken = int(sys.argv[1]), int(sys.argv[2])
found, held = [], []
while len(found) < count:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    held.append(sock)
    if sock.getsockname()[1] != taken:
        found.append(sock.getsockname()[1])
print("\n".join(map(str, found)))
PY
)

upstreams=""
for i in $(seq 1 "$replicas"); do
    app_port=${ports[$((i - 1))]}
    "$python" -m streamlit run app.py --server.port "$app_port" --server.address 127.0.0.1 \
        --server.headless true >"$work/replica-$i.log" 2>&1 &
    children+=("$!")
    echo "replica $i pid $! port $app_port"
    upstreams+="server 127.0.0.1:$app_port weight=20 max_fails=1 fail_timeout=5s; "
done

# Every replica answers its health check before the load balancer takes visitors (at most 120 s).
for i in $(seq 1 "$replicas"); do
    app_port=${ports[$((i - 1))]}
    for _ in $(seq 1 600); do
        "$python" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
            "http://127.0.0.1:$app_port/_stcore/health" 2>/dev/null && break
        kill -0 "${children[$((i - 1))]}" 2>/dev/null || { echo "replica $i exited:" >&2; tail -5 "$work/replica-$i.log" >&2; exit 1; }
        sleep 0.2
    done
done

mkdir -p "$work/nginx"
sed -e "s|\${KPMAP_LISTEN}|127.0.0.1:$port|" -e "s|\${KPMAP_UPSTREAMS}|$upstreams|" \
    deploy/nginx/kpmap.conf.template >"$work/nginx/kpmap.conf"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/nginx/kpmap.conf;
}
CONF
"$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g "daemon off;" &
nginx_pid=$!
children+=("$nginx_pid")
for _ in $(seq 1 100); do
    "$python" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "http://127.0.0.1:$port/_stcore/health" 2>/dev/null && break
    kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx exited" >&2; exit 1; }
    sleep 0.1
done
echo "serving http://127.0.0.1:$port with $replicas replica(s); Ctrl-C stops all"
# In the foreground until nginx ends or a signal arrives; a replica that dies leaves the others serving.
wait "$nginx_pid"
