package dev.tollgate.auth.authorization;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code tollgate.cleanup.*}: how often expired and revoked authorizations are deleted, and how many per statement. */
@ConfigurationProperties("tollgate.cleanup")
public record CleanupProperties(
        @DefaultValue("10m") Duration interval,
        @DefaultValue("500") int batchSize) {

    /**
     * {@link #interval} for {@code @Scheduled} (an annotation takes no record): read from this record's bean when the
     * job is scheduled.
     */
    public static final String INTERVAL =
            "#{beanFactory.getBean(T(dev.tollgate.auth.authorization.CleanupProperties)).interval()}";
}
