package dev.tollgate.auth.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.events.*}: the audit trail in the database (README "Audit trail"). Events older than
 * {@code retention} are deleted. Events wait in a queue of at most {@code queueCapacity} until the writer inserts
 * them, every {@code flushInterval} or sooner when a batch is full; a full queue drops events (with a warning and the
 * metric {@code tollgate.audit.events.dropped}) rather than hold up a request.
 */
@ConfigurationProperties("tollgate.events")
public record AuditTrailProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("250ms") Duration flushInterval) {
}
