package dev.tollgate.auth.audit;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.stereotype.Component;

/**
 * Writes security events to the logger {@code tollgate.audit}: one line {@code event=TYPE key=value ...} per
 * event (values escaped and quoted by {@link LogValues}, so a caller's value cannot add a line or a pair), with the
 * same pairs attached as key-value pairs so that structured log formats (for example
 * {@code logging.structured.format.console=ecs}) turn them into fields.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("tollgate.audit");

    public void record(SecurityEvent event) {
        LoggingEventBuilder entry = log.atLevel(event.type().level()).addKeyValue("event", event.type().name());
        event.details().forEach(entry::addKeyValue);
        entry.log(line(event));
    }

    private static String line(SecurityEvent event) {
        String details = event.details().entrySet().stream()
                .map(detail -> detail.getKey() + "=" + LogValues.field(detail.getValue()))
                .collect(Collectors.joining(" "));
        return details.isEmpty() ? "event=" + event.type() : "event=" + event.type() + " " + details;
    }
}
