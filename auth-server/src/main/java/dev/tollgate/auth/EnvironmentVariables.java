package dev.tollgate.auth;

import java.util.Map;

import dev.tollgate.config.PublishedEnvironmentVariables;

import static java.util.Map.entry;

/**
 * The environment variables of the README's configuration table, each with the {@code tollgate.*} property it
 * sets. The defaults live in the properties records of the features ({@link AuthServerProperties},
 * {@code keys.KeyProperties}, {@code ratelimit.RateLimitProperties}, ...) only; the {@code demo} and
 * {@code demo-upstream} profile files set values of their own, which a variable that is set overrides.
 */
class EnvironmentVariables extends PublishedEnvironmentVariables {

    static final Map<String, String> PROPERTIES = Map.ofEntries(
            entry("AUTH_ISSUER", "tollgate.issuer"),
            entry("API_AUDIENCE", "tollgate.api.audience"),
            entry("ACCESS_TOKEN_TTL", "tollgate.token.access-token-ttl"),
            entry("REFRESH_TOKEN_IDLE_TIMEOUT", "tollgate.token.refresh-token-idle-timeout"),
            entry("REFRESH_TOKEN_ABSOLUTE_LIFETIME", "tollgate.token.refresh-token-absolute-lifetime"),
            entry("AUTHORIZATION_CODE_TTL", "tollgate.token.authorization-code-ttl"),
            entry("REGISTRATION_ALLOW_ADMIN_SCOPES_FOR_SERVICES", "tollgate.registration.allow-admin-scopes-for-services"),
            entry("SERVER_THREADS_PER_CORE", "tollgate.server.threads-per-core"),
            entry("JOB_LOCK_AT_MOST_FOR", "tollgate.jobs.lock-at-most-for"),
            entry("CLEANUP_INTERVAL", "tollgate.cleanup.interval"),
            entry("CLEANUP_BATCH_SIZE", "tollgate.cleanup.batch-size"),
            entry("SESSION_EXPIRY_SWEEP_INTERVAL", "tollgate.session-expiry.sweep-interval"),
            entry("SESSION_EXPIRY_BATCH_SIZE", "tollgate.session-expiry.batch-size"),
            entry("EVENTS_RETENTION", "tollgate.events.retention"),
            entry("EVENTS_QUEUE_CAPACITY", "tollgate.events.queue-capacity"),
            entry("EVENTS_FLUSH_INTERVAL", "tollgate.events.flush-interval"),
            entry("TOLLGATE_KEY_ENCRYPTION_SECRET", "tollgate.keys.encryption-secret"),
            entry("KEY_ROTATION_INTERVAL", "tollgate.keys.rotation-interval"),
            entry("KEY_CHECK_INTERVAL", "tollgate.keys.check-interval"),
            entry("SIGNING_KEY_ALGORITHM", "tollgate.keys.algorithm"),
            entry("CLIENT_CACHE_TTL", "tollgate.clients.cache-ttl"),
            entry("NATIVE_CRYPTO_PROVIDER", "tollgate.crypto.native-provider"),
            entry("CORS_ALLOWED_ORIGINS", "tollgate.cors.allowed-origins"),
            entry("METRICS_USERNAME", "tollgate.metrics.username"),
            entry("METRICS_PASSWORD", "tollgate.metrics.password"),
            entry("METRICS_CLIENT_LABEL", "tollgate.metrics.client-label"),
            entry("TOLLGATE_PRODUCTION", "tollgate.production"),
            entry("TOLLGATE_ALLOW_HTTP_LOOPBACK_ISSUER", "tollgate.allow-http-loopback-issuer"),
            entry("LOGIN_MAX_FAILURES_PER_ACCOUNT", "tollgate.login.max-failures-per-account"),
            entry("LOGIN_MAX_FAILURES_PER_ADDRESS", "tollgate.login.max-failures-per-address"),
            entry("LOGIN_LOCKOUT", "tollgate.login.lockout"),
            entry("LOGIN_MAX_LOCKOUT", "tollgate.login.max-lockout"),
            entry("LOGIN_FORGET_AFTER", "tollgate.login.forget-after"),
            entry("MFA_REQUIRED_ROLES", "tollgate.mfa.required-roles"),
            entry("SCIM_MAX_RESULTS", "tollgate.scim.max-results"),
            entry("ADMIN_CONSOLE_FRESH_SIGN_IN", "tollgate.admin-console.fresh-sign-in"),
            entry("ACCOUNT_FRESH_SIGN_IN", "tollgate.account.fresh-sign-in"),
            entry("RATE_LIMIT_ENABLED", "tollgate.rate-limit.enabled"),
            entry("RATE_LIMIT_PERIOD", "tollgate.rate-limit.period"),
            entry("RATE_LIMIT_PER_ADDRESS", "tollgate.rate-limit.per-address"),
            entry("RATE_LIMIT_PER_CLIENT", "tollgate.rate-limit.per-client"),
            entry("RATE_LIMIT_INTROSPECTION_PER_CLIENT", "tollgate.rate-limit.introspection-per-client"),
            entry("RATE_LIMIT_LOGIN_PER_ADDRESS", "tollgate.rate-limit.login-per-address"),
            entry("RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS", "tollgate.rate-limit.password-reset-per-address"),
            entry("RATE_LIMIT_SIGN_UPS_PER_ADDRESS", "tollgate.rate-limit.sign-ups-per-address"),
            entry("RATE_LIMIT_USER_CODE_GUESSES_PER_ADDRESS", "tollgate.rate-limit.user-code-guesses-per-address"),
            entry("RATE_LIMIT_USER_CODE_GUESSES_PER_SESSION", "tollgate.rate-limit.user-code-guesses-per-session"),
            entry("TOLLGATE_SELF_REGISTRATION", "tollgate.registration.enabled"),
            entry("EMAIL_VERIFICATION_LINK_VALIDITY", "tollgate.email-verification.link-validity"),
            entry("PASSWORD_RESET_LINK_VALIDITY", "tollgate.password-reset.link-validity"),
            entry("PASSWORD_RESET_MAILS_PER_USER", "tollgate.password-reset.mails-per-user"),
            entry("RATE_LIMIT_SYNC_INTERVAL", "tollgate.rate-limit.sync-interval"),
            entry("PASSWORD_BCRYPT_STRENGTH", "tollgate.password.bcrypt-strength"),
            entry("MAIL_FROM", "tollgate.mail.from"),
            entry("MAIL_RETRY_DELAY", "tollgate.mail.retry-delay"),
            entry("MAIL_MAX_RETRY_DELAY", "tollgate.mail.max-retry-delay"),
            entry("MAIL_GIVE_UP_AFTER", "tollgate.mail.give-up-after"),
            entry("MAIL_SWEEP_INTERVAL", "tollgate.mail.sweep-interval"),
            entry("MAIL_LEASE", "tollgate.mail.lease"),
            entry("BACKCHANNEL_LOGOUT_TIMEOUT", "tollgate.backchannel-logout.timeout"),
            entry("BACKCHANNEL_LOGOUT_TOKEN_LIFETIME", "tollgate.backchannel-logout.token-lifetime"),
            entry("BACKCHANNEL_LOGOUT_RETRY_DELAY", "tollgate.backchannel-logout.retry-delay"),
            entry("BACKCHANNEL_LOGOUT_MAX_ATTEMPTS", "tollgate.backchannel-logout.max-attempts"),
            entry("BACKCHANNEL_LOGOUT_SWEEP_INTERVAL", "tollgate.backchannel-logout.sweep-interval"),
            entry("BACKCHANNEL_LOGOUT_LEASE", "tollgate.backchannel-logout.lease"),
            entry("SIGNALS_TIMEOUT", "tollgate.signals.timeout"),
            entry("SIGNALS_RETRY_DELAY", "tollgate.signals.retry-delay"),
            entry("SIGNALS_MAX_ATTEMPTS", "tollgate.signals.max-attempts"),
            entry("SIGNALS_SWEEP_INTERVAL", "tollgate.signals.sweep-interval"),
            entry("SIGNALS_LEASE", "tollgate.signals.lease"),
            entry("SIGNALS_HTTP_ON_LOOPBACK", "tollgate.signals.http-on-loopback"),
            entry("SIGNALS_MAX_POLL_EVENTS", "tollgate.signals.max-poll-events"),
            entry("SIGNALS_MAX_STREAMS_PER_CLIENT", "tollgate.signals.max-streams-per-client"),
            entry("SIGNALS_RETENTION", "tollgate.signals.retention"),
            entry("TOLLGATE_BOOTSTRAP_ADMIN_USERNAME", "tollgate.bootstrap-admin.username"),
            entry("TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD", "tollgate.bootstrap-admin.password"),
            // the social login presets: a provider without a client id is off
            entry("GOOGLE_CLIENT_ID", "tollgate.federation.providers.google.client-id"),
            entry("GOOGLE_CLIENT_SECRET", "tollgate.federation.providers.google.client-secret"),
            entry("GITHUB_CLIENT_ID", "tollgate.federation.providers.github.client-id"),
            entry("GITHUB_CLIENT_SECRET", "tollgate.federation.providers.github.client-secret"),
            entry("OIDC_NAME", "tollgate.federation.providers.oidc.name"),
            entry("OIDC_ISSUER_URI", "tollgate.federation.providers.oidc.issuer-uri"),
            entry("OIDC_CLIENT_ID", "tollgate.federation.providers.oidc.client-id"),
            entry("OIDC_CLIENT_SECRET", "tollgate.federation.providers.oidc.client-secret"),
            entry("OIDC_REQUIRE_VERIFIED_EMAIL", "tollgate.federation.providers.oidc.require-verified-email"),
            // the demo profiles (application-demo.yml, application-demo-upstream.yml)
            entry("DEMO_WEB_REDIRECT_URIS", "tollgate.demo.web-redirect-uris"),
            entry("DEMO_WEB_POST_LOGOUT_URIS", "tollgate.demo.web-post-logout-redirect-uris"),
            entry("DEMO_WEB_BACKCHANNEL_LOGOUT_URI", "tollgate.demo.web-back-channel-logout-uri"),
            entry("DEMO_API_DOCS_REDIRECT_URIS", "tollgate.demo.api-docs-redirect-uris"),
            entry("DEMO_UPSTREAM_ISSUER", "tollgate.federation.providers.upstream.issuer-uri"),
            entry("DEMO_UPSTREAM_REDIRECT_URIS", "tollgate.demo-upstream.redirect-uris"));

    EnvironmentVariables() {
        super(PROPERTIES);
    }
}
