package dev.tollgate.auth.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.jobs.*}: how long a scheduled job may hold its cluster-wide lock; if its instance dies mid-run,
 * the others wait this long.
 */
@ConfigurationProperties("tollgate.jobs")
public record ScheduledJobProperties(@DefaultValue("10m") Duration lockAtMostFor) {

    /** {@link #lockAtMostFor} for an annotation attribute: read from this record's bean when the lock is set up. */
    static final String LOCK_AT_MOST_FOR =
            "#{beanFactory.getBean(T(dev.tollgate.auth.cluster.ScheduledJobProperties)).lockAtMostFor()}";
}
