package dev.tollgate.auth.signals;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.signals.*}: how Security Event Tokens reach the receivers of Shared Signals streams (README "Shared
 * Signals").
 *
 * @param timeout how long one push may take, connecting and answering together
 * @param retryDelay the wait after the first failed push; each further failure doubles it
 * @param maxAttempts pushes tried for one SET before it is given up (audited)
 * @param sweepInterval how often every instance looks for due pushes besides the wake-up after each commit
 * @param lease how long an instance holds a SET it is pushing before another instance may take it over; longer than
 *        the timeout, so that a slow receiver does not get a SET twice
 * @param httpOnLoopback whether a push {@code endpoint_url} may be plain http when its host is a loopback address
 *        (the demo profile); otherwise only https is accepted
 * @param maxPollEvents the most SETs one poll answers with (RFC 8936 §2.4 {@code maxEvents} may ask for fewer)
 * @param maxStreamsPerClient the most streams one client may have: every event is signed once per stream, in the
 *        request that caused it
 * @param retention how long a SET waits for its receiver (a poll stream nobody polls, a paused stream) before it is
 *        dropped; a receiver that was away longer must assume it missed events
 */
@ConfigurationProperties("tollgate.signals")
public record SignalsProperties(
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("10s") Duration sweepInterval,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("false") boolean httpOnLoopback,
        @DefaultValue("100") int maxPollEvents,
        @DefaultValue("20") int maxStreamsPerClient,
        @DefaultValue("1d") Duration retention) {
}
