#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the sweep tests (tests/QatHost.Host.Tests/Sweeps).
#   tests/Slurm/cluster.sh start   install slurm-wlm and munge from Debian when missing, write a minimal
#                                  slurm.conf, start munged, slurmctld and slurmd, wait until the node is idle
#   tests/Slurm/cluster.sh stop    stop the daemons this script started
#   tests/Slurm/cluster.sh status  exit 0 when the node answers, else 1
# Runs as root (CI does). One node with this machine's CPUs and memory, one partition "debug";
# proctrack/linuxproc and task/none, so no cgroups are needed. Exit code 0 only when the cluster accepts jobs;
# otherwise the last line says why.
set -euo pipefail

CONF_DIR=/etc/slurm
CONF="$CONF_DIR/slurm.conf"
STATE=/var/lib/qathost-slurm
LOGS=/var/log/qathost-slurm
MARK="# written by qathost tests/Slurm/cluster.sh"

fail() { echo "cluster.sh: $*" >&2; exit 1; }

need_root() { [ "$(id -u)" -eq 0 ] || fail "must run as root (it installs packages and starts daemons)"; }

install_packages() {
  local missing=()
  command -v slurmctld >/dev/null 2>&1 || missing+=(slurmctld)
  command -v slurmd >/dev/null 2>&1 || missing+=(slurmd)
  command -v sbatch >/dev/null 2>&1 || missing+=(slurm-client)
  command -v munged >/dev/null 2>&1 || missing+=(munge)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "cluster.sh: installing ${missing[*]} (slurm-wlm, munge) from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq >"$LOGS/apt.log" 2>&1 || fail "apt-get update failed (see $LOGS/apt.log)"
  # policy-rc.d 101: the packages must not try to start services through an init system that may not exist.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created_policy=1; fi
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq slurm-wlm munge >>"$LOGS/apt.log" 2>&1 || { [ $created_policy -eq 1 ] && rm -f "$policy"; fail "apt-get install slurm-wlm munge failed (see $LOGS/apt.log)"; }
  [ $created_policy -eq 1 ] && rm -f "$policy"
  command -v slurmctld >/dev/null 2>&1 || fail "slurmctld missing after installing slurm-wlm"
}

write_config() {
  if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
    fail "$CONF exists and was not written by this script; not touching a real cluster's configuration"
  fi
  local host cpus mem
  host=$(hostname -s)
  cpus=$(nproc --all)
  mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  mkdir -p "$CONF_DIR" "$STATE/ctld" "$STATE/d"
  cat >"$CONF" <<CONF
$MARK
ClusterName=qathost
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
MaxArraySize=10001
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

start_munge() {
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    if command -v mungekey >/dev/null 2>&1; then mungekey --create --keyfile=/etc/munge/munge.key --force >/dev/null
    else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
  fi
  local user=root
  id munge >/dev/null 2>&1 && user=munge
  chown "$user" /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  chown "$user" /run/munge /var/lib/munge /var/log/munge /etc/munge
  chmod 700 /etc/munge; chmod 755 /run/munge
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then return 0; fi
  if [ "$user" = munge ]; then runuser -u munge -- munged >"$LOGS/munged.out" 2>&1 || fail "munged did not start: $(tail -n 1 "$LOGS/munged.out")"
  else munged --force >"$LOGS/munged.out" 2>&1 || fail "munged did not start: $(tail -n 1 "$LOGS/munged.out")"; fi
  for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "munged started but munge -n | unmunge fails (see /var/log/munge/munged.log)"
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  need_root
  mkdir -p "$LOGS"
  install_packages
  write_config
  start_munge
  running "$STATE/slurmctld.pid" || slurmctld >"$LOGS/slurmctld.out" 2>&1 || fail "slurmctld did not start: $(tail -n 2 "$LOGS/slurmctld.log" 2>/dev/null)"
  running "$STATE/slurmd.pid" || slurmd >"$LOGS/slurmd.out" 2>&1 || fail "slurmd did not start: $(tail -n 2 "$LOGS/slurmd.log" 2>/dev/null)"
  local state=""
  for _ in $(seq 1 120); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)
    case "$state" in
      idle|mixed|allocated) echo "cluster.sh: node $(hostname -s) $state"; return 0 ;;
      down*|drain*) scontrol update NodeName="$(hostname -s)" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.5
  done
  fail "node $(hostname -s) not idle after 60 s (state: ${state:-no answer}); last log lines: $(tail -n 2 "$LOGS/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
}

stop_pid() {
  local file=$1
  running "$file" || return 0
  local pid; pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  need_root
  stop_pid "$STATE/slurmd.pid"
  stop_pid "$STATE/slurmctld.pid"
  # munged is left running: other users of munge on this machine may rely on it, and it holds no state.
  echo "cluster.sh: stopped slurmd and slurmctld"
}

status() { sinfo -h -N -o '%N %T' 2>/dev/null | grep -qE ' (idle|mixed|allocated)' ; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
