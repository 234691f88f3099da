-- RFC 8628 §3.5: when a device last asked for its token and how long it must wait between polls (raised by
-- "slow_down"). Written apart from the row version: a poll never makes the user's approval conflict.
ALTER TABLE token_authorization ADD COLUMN device_polled_at timestamp with time zone;
ALTER TABLE token_authorization ADD COLUMN device_poll_interval integer;
