package dev.tollgate.api.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code signalsReceiver} in {@code /actuator/health/signals}: whether the receiver is subscribed, whether SETs are pushed or polled, and its
 * lag (seconds since it last knew it had every event). {@code UP} within {@code max-lag}; {@code UNKNOWN} above it
 * or before the first subscription (the receiver cannot be sure revocations reach it), which leaves the overall
 * health as it is: an auth server that is down must not take every API out of service.
 */
class SignalsHealthIndicator implements HealthIndicator {

    private final SignalsReceiver receiver;
    private final DenyList denyList;
    private final Clock clock;

    SignalsHealthIndicator(SignalsReceiver receiver, DenyList denyList, Clock clock) {
        this.receiver = receiver;
        this.denyList = denyList;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (!receiver.settings().enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        Duration lag = receiver.lag(clock.instant());
        boolean subscribed = receiver.streamId() != null;
        Health.Builder health = subscribed && lag.compareTo(receiver.settings().maxLag()) <= 0
                ? Health.up() : Health.unknown();
        health.withDetail("enabled", true)
                .withDetail("subscribed", subscribed)
                .withDetail("delivery", receiver.polling() ? "poll" : "push")
                .withDetail("lagSeconds", lag.toMillis() / 1000.0)
                .withDetail("maxLagSeconds", receiver.settings().maxLag().toSeconds())
                .withDetail("denyListEntries", denyList.size());
        Instant inSyncAt = receiver.inSyncAt();
        if (inSyncAt != null) {
            health.withDetail("inSyncAt", inSyncAt.toString());
        }
        Instant refusedBefore = denyList.refusingIssuedBefore();
        if (refusedBefore != null) {
            health.withDetail("refusingJwtsIssuedBefore", refusedBefore.toString());
        }
        return health.build();
    }
}
