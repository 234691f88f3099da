package dev.tollgate.auth.authorization;

import java.time.Duration;
import java.time.Instant;

/**
 * The polling of the device authorization grant (RFC 8628 §3.5): when a device last asked for its token with a
 * device code, and the interval it must keep, which grows each time it asks too early.
 */
public interface DevicePolls {

    /**
     * Records a poll with {@code deviceCode} at {@code now}. A poll less than the current interval after the previous
     * one (or after the code was issued, for the first) raises the interval by {@code increment}.
     *
     * @param initialInterval the interval before any "slow_down"
     * @return true if the poll came too early (answer "slow_down"); false for an unknown device code
     */
    boolean tooEarly(String deviceCode, Instant now, Duration initialInterval, Duration increment);
}
