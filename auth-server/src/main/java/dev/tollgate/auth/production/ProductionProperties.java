package dev.tollgate.auth.production;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether the production start-up checks apply, and the one exception they allow (see {@link ProductionMode}).
 *
 * @param production              unset: on whenever the database is PostgreSQL; {@code true} turns the checks on for
 *                                any database; {@code false} turns them off, for a throwaway database only (tests,
 *                                benchmarks)
 * @param allowHttpLoopbackIssuer accept an {@code http://localhost} or {@code http://127.0.0.1} issuer in production
 *                                (a machine-local test)
 */
@ConfigurationProperties("tollgate")
public record ProductionProperties(Boolean production, @DefaultValue("false") boolean allowHttpLoopbackIssuer) {
}
