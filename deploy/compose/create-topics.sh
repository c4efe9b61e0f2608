#!/usr/bin/env bash
# Creates Clearwatch's topics on the compose broker (one partition each, one replica): the same
# names and compaction as deploy/kubernetes/kafka/topics.yaml. Idempotent.
set -euo pipefail
bootstrap="$1"
create() {
  local topic="$1"; shift
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions 1 --replication-factor 1 "$@"
}
# Alerts carry the broker's append time, from which readers measure publication to delivery.
create alerts --config cleanup.policy=delete --config message.timestamp.type=LogAppendTime
for topic in ledger-entries bank-payouts gps-pings feed-rejects notify-dead-letters; do
  create "$topic" --config cleanup.policy=delete
done
for topic in ref-deaths ref-officials ref-vehicles ref-dispatches ref-zones ref-calendar notify-ledger; do
  create "$topic" --config cleanup.policy=compact
done
