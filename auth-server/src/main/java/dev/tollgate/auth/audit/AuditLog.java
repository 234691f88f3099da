package dev.tollgate.auth.audit;

import java.time.Clock;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.stereotype.Component;

/**
 * Records security events: in the audit trail (table {@code security_event}, written by {@link AuditTrailWriter}
 * without holding up the caller) and in the logger {@code tollgate.audit}: one line {@code event=TYPE key=value ...}
 * per event at the type's level (values escaped and quoted by {@link LogValues}, so a caller's value cannot add a
 * line or a pair), with the same pairs attached as key-value pairs so that structured log formats (for example
 * {@code logging.structured.format.console=ecs}) turn them into fields.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("tollgate.audit");

    private final AuditTrailWriter trail;

    private final Clock clock;

    public AuditLog(AuditTrailWriter trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    public void record(SecurityEvent event) {
        trail.submit(RecordedEvent.of(event, clock.instant()));
        if (log.isEnabledForLevel(event.type().level())) {
            LoggingEventBuilder entry = log.atLevel(event.type().level()).addKeyValue("event", event.type().name());
            event.details().forEach(entry::addKeyValue);
            entry.log(line(event));
        }
    }

    private static String line(SecurityEvent event) {
        String details = event.details().entrySet().stream()
                .map(detail -> detail.getKey() + "=" + LogValues.field(detail.getValue()))
                .collect(Collectors.joining(" "));
        return details.isEmpty() ? "event=" + event.type() : "event=" + event.type() + " " + details;
    }
}
