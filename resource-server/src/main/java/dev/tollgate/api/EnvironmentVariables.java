package dev.tollgate.api;

import java.util.Map;

import dev.tollgate.config.PublishedEnvironmentVariables;

import static java.util.Map.entry;

/**
 * The environment variables of the README's configuration table, each with the {@code tollgate.*} property of
 * {@link ApiProperties} it sets; the defaults live in {@link ApiProperties} only.
 */
class EnvironmentVariables extends PublishedEnvironmentVariables {

    static final Map<String, String> PROPERTIES = Map.ofEntries(
            entry("AUTH_ISSUER", "tollgate.issuer"),
            entry("API_AUDIENCE", "tollgate.api.audience"),
            entry("API_CLOCK_SKEW", "tollgate.api.clock-skew"),
            entry("INTROSPECTION_CLIENT_ID", "tollgate.api.introspection.client-id"),
            entry("INTROSPECTION_CLIENT_SECRET", "tollgate.api.introspection.client-secret"),
            entry("INTROSPECTION_CACHE_TTL", "tollgate.api.introspection.cache-ttl"),
            entry("INTROSPECTION_INACTIVE_CACHE_TTL", "tollgate.api.introspection.inactive-cache-ttl"),
            entry("INTROSPECTION_UNKNOWN_TOKENS_PER_ADDRESS", "tollgate.api.introspection.unknown-tokens-per-address"),
            entry("INTROSPECTION_UNKNOWN_TOKENS_PERIOD", "tollgate.api.introspection.unknown-tokens-period"),
            entry("API_CORS_ALLOWED_ORIGINS", "tollgate.api.cors.allowed-origins"),
            entry("USERS_LAST_SEEN_INTERVAL", "tollgate.api.users.last-seen-interval"),
            entry("API_MAX_REQUEST_BODY", "tollgate.api.max-request-body"),
            entry("API_VERIFIED_JWT_CACHE_TTL", "tollgate.api.verified-jwt-cache-ttl"),
            entry("SIGNALS_CLIENT_ID", "tollgate.api.signals.client-id"),
            entry("SIGNALS_CLIENT_SECRET", "tollgate.api.signals.client-secret"),
            entry("RECEIVER_URL", "tollgate.api.signals.receiver-url"),
            entry("SIGNALS_VERIFICATION_INTERVAL", "tollgate.api.signals.verification-interval"),
            entry("SIGNALS_POLL_INTERVAL", "tollgate.api.signals.poll-interval"),
            entry("SIGNALS_MAX_LAG", "tollgate.api.signals.max-lag"),
            entry("SIGNALS_FAIL_CLOSED", "tollgate.api.signals.fail-closed"),
            entry("SIGNALS_DENY_LIST_TTL", "tollgate.api.signals.deny-list-ttl"));

    EnvironmentVariables() {
        super(PROPERTIES);
    }
}
