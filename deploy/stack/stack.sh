#!/usr/bin/env bash
# Starts or stops the whole SchemaTrace stack in the background.
#
#   deploy/stack/stack.sh up      Kafka (Docker compose when a Docker engine answers, else the
#                                 native launcher), then every service; returns once all report
#                                 healthy on /health.
#   deploy/stack/stack.sh down    stops what `up` started, and nothing else.
#   deploy/stack/stack.sh status  shows each service's health.
#
# PostgreSQL and Redis come from DATABASE_URL / REDIS_URL or their default local ports.
set -euo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
RUN_DIR=$ROOT/.run/stack
SERVICES=(gateway ingestion parser projector worker)
declare -A PORTS=([gateway]=8000 [ingestion]=8001 [parser]=8002 [projector]=8003 [worker]=8004)
HEALTH_TIMEOUT=${STACK_HEALTH_TIMEOUT:-90}

log() { printf 'stack: %s\n' "$*"; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

docker_answers() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

healthy() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/health"; }

wait_healthy() {
  local service=$1 port=$2 deadline=$((SECONDS + HEALTH_TIMEOUT))
  until healthy "$port"; do
    if ! alive "$RUN_DIR/$service.pid"; then
      tail -n 20 "$RUN_DIR/$service.log" >&2 || true
      die "$service exited during start (log: $RUN_DIR/$service.log)"
    fi
    ((SECONDS < deadline)) || die "$service not healthy after ${HEALTH_TIMEOUT}s (log: $RUN_DIR/$service.log)"
    sleep 0.5
  done
}

up() {
  mkdir -p "$RUN_DIR"
  if docker_answers && [[ -z ${STACK_NATIVE:-} ]]; then
    log "Docker engine found: docker compose up"
    (cd "$ROOT" && docker compose up -d --build --wait)
    touch "$RUN_DIR/compose.started"
    return
  fi
  if [[ -z ${KAFKA_BROKERS:-} ]]; then
    if ! "$ROOT/deploy/kafka/kafka.sh" status >/dev/null 2>&1; then
      "$ROOT/deploy/kafka/kafka.sh" start
      touch "$RUN_DIR/kafka.started"
    fi
    KAFKA_BROKERS=$("$ROOT/deploy/kafka/kafka.sh" bootstrap)
    export KAFKA_BROKERS
  fi
  (cd "$ROOT" && npm run --silent build)
  (cd "$ROOT" && npm run --silent db:migrate)
  for service in "${SERVICES[@]}"; do
    if alive "$RUN_DIR/$service.pid"; then
      log "$service already running (pid $(cat "$RUN_DIR/$service.pid"))"
      continue
    fi
    # setsid: the service outlives this script and gets its own process group.
    PORT=${PORTS[$service]} DATABASE_MIGRATE=false setsid node "$ROOT/dist/apps/$service/src/main.js" \
      >"$RUN_DIR/$service.log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/$service.pid"
  done
  for service in "${SERVICES[@]}"; do
    wait_healthy "$service" "${PORTS[$service]}"
    log "$service healthy on http://127.0.0.1:${PORTS[$service]}"
  done
  log "up: API at http://127.0.0.1:8000 (logs in $RUN_DIR)"
}

down() {
  if [[ -f $RUN_DIR/compose.started ]]; then
    (cd "$ROOT" && docker compose down)
    rm -f "$RUN_DIR/compose.started"
  fi
  for service in "${SERVICES[@]}"; do
    local pid_file=$RUN_DIR/$service.pid
    if alive "$pid_file"; then
      kill -TERM "$(cat "$pid_file")"
      for _ in $(seq 1 60); do alive "$pid_file" || break; sleep 0.25; done
      if alive "$pid_file"; then kill -KILL "$(cat "$pid_file")"; fi
      log "$service stopped"
    fi
    rm -f "$pid_file"
  done
  if [[ -f $RUN_DIR/kafka.started ]]; then
    "$ROOT/deploy/kafka/kafka.sh" stop
    rm -f "$RUN_DIR/kafka.started"
  fi
}

status() {
  local code=0
  for service in "${SERVICES[@]}"; do
    if healthy "${PORTS[$service]}"; then log "$service: healthy"; else log "$service: down"; code=3; fi
  done
  return $code
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: $0 {up|down|status}" ;;
esac
