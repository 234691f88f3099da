package dev.tollgate.auth.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.session-expiry.*}: how often expired sign-in sessions are ended ({@link ExpiredSessions}), and how
 * many in one transaction. The idle time itself is {@code server.servlet.session.timeout}.
 *
 * @param sweepInterval how often one instance looks for expired sessions; a client learns of an expiry this much
 *        later at most (plus its delivery)
 * @param batchSize sessions ended per transaction, so that a sweep never holds many rows at once
 */
@ConfigurationProperties("tollgate.session-expiry")
public record SessionExpiryProperties(
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("100") int batchSize) {

    /**
     * {@link #sweepInterval} for {@code @Scheduled} (an annotation takes no record): read from this record's bean when
     * the job is scheduled.
     */
    static final String SWEEP_INTERVAL =
            "#{beanFactory.getBean(T(dev.tollgate.auth.session.SessionExpiryProperties)).sweepInterval()}";
}
