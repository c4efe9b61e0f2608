-- The alert history: one row per alert id and kind (RAISED, UPDATED, RESOLVED of one case share
-- the alert id). Written by AlertHistoryMain from the alerts topic; never edited by hand.
CREATE TABLE alert_history (
    alert_id      text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('RAISED', 'UPDATED', 'RESOLVED')),
    model_id      text        NOT NULL,
    model_version text        NOT NULL,
    severity      text        NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    entity_type   text        NOT NULL,
    -- Already masked by the job where it is personal.
    entity_id     text        NOT NULL,
    township_code text        NOT NULL,
    village_code  text,
    title         text        NOT NULL,
    summary       text        NOT NULL,
    amount_fen    bigint,
    evidence      jsonb       NOT NULL,
    facts         jsonb       NOT NULL,
    event_time    timestamptz NOT NULL,
    detected_at   timestamptz NOT NULL,
    -- The Kafka timestamp of the alert record.
    published_at  timestamptz NOT NULL,
    written_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, kind)
);

-- "The latest alerts of a township": WHERE township_code = ... ORDER BY event_time DESC LIMIT n.
CREATE INDEX alert_history_township_latest
    ON alert_history (township_code, event_time DESC);

-- "Alerts of a model by day", the day being the local day in Asia/Shanghai. Queries must use the
-- same expression: (event_time AT TIME ZONE 'Asia/Shanghai')::date.
CREATE INDEX alert_history_model_day
    ON alert_history (model_id, ((event_time AT TIME ZONE 'Asia/Shanghai')::date));
