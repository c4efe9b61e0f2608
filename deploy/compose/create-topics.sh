#!/usr/bin/env bash
# Creates Clearwatch's topics on the compose broker (one partition each, one replica): the same
# names and compaction as deploy/kubernetes/kafka/topics.yaml. Idempotent.
set -euo pipefail
bootstrap="$1"
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$1" --partitions 1 --replication-factor 1 --config "cleanup.policy=$2"
}
for topic in ledger-entries bank-payouts gps-pings alerts feed-rejects notify-dead-letters; do
  create "$topic" delete
done
for topic in ref-deaths ref-officials ref-vehicles ref-dispatches ref-zones ref-calendar notify-ledger; do
  create "$topic" compact
done
