#!/usr/bin/env bash
# Native single-node Apache Kafka (KRaft, combined broker+controller) for local
# development and CI, without Docker. The broker's jars come from Maven Central
# via deploy/kafka/pom.xml and are cached per Kafka version; data and logs live
# in a per-checkout state dir. See deploy/kafka/README.md.
#
# Usage: deploy/kafka/kafka.sh {start|stop|status|reset|bootstrap}
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd -P)

KAFKA_VERSION=${KAFKA_VERSION:-4.1.1}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}
KAFKA_STATE_DIR=${KAFKA_STATE_DIR:-$REPO_ROOT/.run/kafka}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-60}
KAFKA_STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}
# Extra JVM flags for the broker (e.g. -Djava.net.preferIPv4Stack=true).
KAFKA_OPTS=${KAFKA_OPTS:-}
# Extra arguments for the one-off Maven resolve, e.g.
# KAFKA_MAVEN_ARGS='-Dmaven.repo.local=/tmp/m2-cold' to bypass ~/.m2.
KAFKA_MAVEN_ARGS=${KAFKA_MAVEN_ARGS:-}

CACHE_DIR=${SCHEMATRACE_CACHE_DIR:-$HOME/.cache/schematrace}/kafka-$KAFKA_VERSION
# Relative paths would mean different places from different cwds (and break
# the pid check, which matches the config path in the JVM's command line).
[[ $KAFKA_STATE_DIR == /* ]] || KAFKA_STATE_DIR=$PWD/$KAFKA_STATE_DIR
[[ $CACHE_DIR == /* ]] || CACHE_DIR=$PWD/$CACHE_DIR
LIBS_DIR=$CACHE_DIR/libs
# Written only after a complete resolve; holds "<version> <pom.xml checksum>"
# so editing the pom (e.g. a log4j bump) triggers a fresh resolve.
LIBS_MARKER=$CACHE_DIR/.resolved

DATA_DIR=$KAFKA_STATE_DIR/data
PROPS_FILE=$KAFKA_STATE_DIR/server.properties
PID_FILE=$KAFKA_STATE_DIR/kafka.pid
LOG_FILE=$KAFKA_STATE_DIR/kafka.log

READY_LINE='Kafka Server started'
START_KIND=warm # set to cold by resolve_libs when it had to run Maven

log() { printf 'kafka: %s\n' "$*"; }
die() { printf 'kafka: error: %s\n' "$*" >&2; exit 1; }

((BASH_VERSINFO[0] >= 5)) || die "bash 5 or newer is required (this is $BASH_VERSION)"

for _v in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_START_TIMEOUT KAFKA_STOP_TIMEOUT; do
  [[ ${!_v} =~ ^[0-9]+$ ]] || die "$_v must be a number (got '${!_v}')"
done
unset _v

# Milliseconds since the epoch, without forking `date` (bash >= 5).
# EPOCHREALTIME's decimal separator follows the locale, so strip non-digits.
now_ms() {
  local us=${EPOCHREALTIME//[!0-9]/}
  echo $((us / 1000))
}

require() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH ($2)"
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  # Connecting in a child bash keeps the fd out of this shell; `timeout`
  # guards against a filtered port (loopback normally refuses immediately).
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# Print the pid from the pid file if that process is alive and is *our*
# broker (a kafka.Kafka JVM using this state dir's server.properties), so a
# recycled pid never gets reported or signalled.
running_pid() {
  local pid args
  [[ -s $PID_FILE ]] || return 1
  read -r pid <"$PID_FILE" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null) || return 1
  [[ $args == *java* && $args == *kafka.Kafka* && $args == *"$PROPS_FILE"* ]] || return 1
  echo "$pid"
}

# Serialise concurrent invocations on the same state dir (two `start`s racing
# would otherwise both launch a JVM). Uses flock(1) where available.
lock_state() {
  mkdir -p "$KAFKA_STATE_DIR"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$KAFKA_STATE_DIR/.lock"
  flock -w 120 9 || die "timed out waiting for the lock on $KAFKA_STATE_DIR"
}

pom_checksum() {
  cksum <"$SCRIPT_DIR/pom.xml" | cut -d' ' -f1
}

# (a) Materialise the runtime classpath once per Kafka version (and pom
# revision). Later starts find the marker and never invoke Maven.
resolve_libs() {
  local want
  want="$KAFKA_VERSION $(pom_checksum)"
  if [[ -f $LIBS_MARKER && $(<"$LIBS_MARKER") == "$want" ]]; then
    return 0
  fi

  require mvn "Maven is needed once to download Kafka $KAFKA_VERSION; install it or pre-populate $LIBS_DIR"
  mkdir -p "$CACHE_DIR"

  # Resolve into a scratch dir and rename it into place, so an interrupted
  # download never leaves a half-filled libs/ that looks usable.
  local tmp="$CACHE_DIR/libs.tmp.$$" mvn_log="$CACHE_DIR/resolve.log"
  local -a extra=()
  read -r -a extra <<<"$KAFKA_MAVEN_ARGS"
  rm -rf "$tmp"
  log "resolving Kafka $KAFKA_VERSION jars with Maven into $LIBS_DIR (one-off)"
  if ! mvn -q -B -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" \
      dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime \
      -Dkafka.version="$KAFKA_VERSION" "${extra[@]}" >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2
    rm -rf "$tmp"
    die "Maven could not resolve org.apache.kafka:kafka_2.13:$KAFKA_VERSION (full log: $mvn_log)"
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || die "Maven finished but no kafka_2.13 jar landed in $tmp"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  echo "$want" >"$LIBS_MARKER"
  START_KIND=cold
}

# (b) server.properties is regenerated on every start from the env settings.
write_props() {
  cat >"$PROPS_FILE" <<EOF
# Generated by deploy/kafka/kafka.sh on every start; edits are overwritten.
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
# Dynamic quorum (KIP-853): pairs with 'storage format --standalone'.
# controller.quorum.voters would conflict with --standalone.
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
log.dirs=$DATA_DIR
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After an unclean stop (kill -9, CI teardown) the restarted broker cannot
# register until its previous registration's session expires (9 s default);
# a shorter session keeps such restarts close to a normal warm start.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000
EOF
}

# A random KRaft cluster id: 16 random bytes, URL-safe base64 without padding
# (the format of org.apache.kafka.common.Uuid). Like Uuid.randomUuid(), avoid a
# leading '-' so the id cannot be mistaken for a CLI flag.
new_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $id == -* ]] || break
  done
  echo "$id"
}

# (c) Format storage once; meta.properties marks a formatted log dir.
format_storage() {
  [[ -f $DATA_DIR/meta.properties ]] && return 0
  local cluster_id out
  cluster_id=${KAFKA_CLUSTER_ID:-$(new_cluster_id)}
  mkdir -p "$DATA_DIR"
  log "formatting $DATA_DIR (cluster id $cluster_id)"
  if ! out=$(java -cp "$LIBS_DIR/*" \
      -Dlog4j2.configurationFile="$SCRIPT_DIR/log4j2.yaml" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS_FILE" --standalone 2>&1); then
    printf '%s\n' "$out" >&2
    die "storage format failed"
  fi
}

# Stop the broker whose pid is $1: SIGTERM, wait, then SIGKILL.
terminate() {
  local pid=$1 deadline
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$(($(now_ms) + KAFKA_STOP_TIMEOUT * 1000))
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now_ms) >= deadline)); then
      log "pid $pid still alive after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      # SIGKILL cannot be ignored; just give the kernel a moment to reap.
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      break
    fi
    sleep 0.2
  done
}

cmd_start() {
  local t0 pid
  t0=$(now_ms)
  require java "a Java 17+ runtime is needed to run Kafka $KAFKA_VERSION"
  lock_state

  if pid=$(running_pid); then
    log "already running at 127.0.0.1:$KAFKA_PORT (pid $pid)"
    return 0
  fi
  rm -f "$PID_FILE"

  # Fail early and clearly rather than letting the JVM die on a bind error.
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$port" && die "port $port on 127.0.0.1 is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
  done

  resolve_libs
  write_props
  format_storage

  # Keep the previous run's log for post-mortems; the readiness check below
  # must only see lines from this run.
  [[ -f $LOG_FILE ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"

  # (d) Launch detached from this shell: setsid gives it its own session (no
  # SIGHUP when the terminal/CI step ends), stdin is /dev/null, and fd 9 (the
  # state lock) is closed so the broker does not hold the lock forever.
  # The inner bash writes its own pid and then execs java, so the pid file
  # holds the JVM's pid even if setsid had to fork. It also moves into the
  # state dir, so the JVM does not pin the caller's cwd and any crash dump
  # (hs_err_pid*.log) lands next to kafka.log.
  local -a jvm_opts launcher=()
  read -r -a jvm_opts <<<"$KAFKA_HEAP_OPTS $KAFKA_OPTS"
  if command -v setsid >/dev/null 2>&1; then launcher=(setsid); else launcher=(nohup); fi
  # shellcheck disable=SC2016 # $$ and $@ are for the inner shell
  "${launcher[@]}" bash -c 'echo $$ >"$1" && cd "$2" && shift 2 && exec "$@"' \
    kafka-launcher "$PID_FILE" "$KAFKA_STATE_DIR" \
    java "${jvm_opts[@]}" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$SCRIPT_DIR/log4j2.yaml" \
    -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS_FILE" \
    </dev/null >"$LOG_FILE" 2>&1 9>&- &

  # The launcher writes the pid file within milliseconds; wait for it.
  local deadline=$(($(now_ms) + 5000))
  until [[ -s $PID_FILE ]]; do
    (($(now_ms) < deadline)) || die "launcher did not write $PID_FILE; see $LOG_FILE"
    sleep 0.05
  done
  read -r pid <"$PID_FILE"

  # (e) Ready = the PLAINTEXT port accepts connections AND the broker logged
  # its startup line (the port opens slightly before the broker is usable).
  deadline=$((t0 + KAFKA_START_TIMEOUT * 1000))
  until grep -qF "$READY_LINE" "$LOG_FILE" && port_open "$KAFKA_PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "broker exited during startup; last 30 lines of $LOG_FILE:" >&2
      tail -n 30 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      exit 1
    fi
    if (($(now_ms) >= deadline)); then
      log "not ready after ${KAFKA_START_TIMEOUT}s; last 30 lines of $LOG_FILE:" >&2
      tail -n 30 "$LOG_FILE" >&2
      # Don't leave a half-started broker behind for the next attempt.
      terminate "$pid"
      rm -f "$PID_FILE"
      exit 1
    fi
    sleep 0.1
  done

  local ms
  ms=$(($(now_ms) - t0))
  printf 'kafka: ready at 127.0.0.1:%s (pid %s, %s start, %d.%ds)\n' \
    "$KAFKA_PORT" "$pid" "$START_KIND" $((ms / 1000)) $((ms % 1000 / 100))
}

cmd_stop() {
  local pid
  lock_state
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  terminate "$pid"
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    if port_open "$KAFKA_PORT"; then
      log "running at 127.0.0.1:$KAFKA_PORT (pid $pid)"
    else
      log "running (pid $pid) but 127.0.0.1:$KAFKA_PORT is not accepting connections yet"
    fi
    return 0
  fi
  log "stopped"
  return 3
}

cmd_reset() {
  cmd_stop
  # Only the data (and logs) go; the cached jars are kept.
  rm -rf "${DATA_DIR:?}" "$LOG_FILE" "$LOG_FILE.prev"
  log "data in $DATA_DIR removed; next start formats a fresh cluster"
}

cmd_bootstrap() {
  echo "127.0.0.1:$KAFKA_PORT"
}

usage() {
  cat <<EOF
usage: ${0##*/} {start|stop|status|reset|bootstrap}

  start      start the broker in the background (no-op if already running)
  stop       stop it (SIGTERM, then SIGKILL after ${KAFKA_STOP_TIMEOUT}s)
  status     exit 0 if running, 3 if stopped
  reset      stop and delete its data (fresh cluster on next start)
  bootstrap  print the bootstrap address

env: KAFKA_PORT=$KAFKA_PORT KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT KAFKA_VERSION=$KAFKA_VERSION
     KAFKA_STATE_DIR=$KAFKA_STATE_DIR
     SCHEMATRACE_CACHE_DIR (jars cached in $CACHE_DIR)
EOF
}

main() {
  case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    bootstrap) cmd_bootstrap ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
