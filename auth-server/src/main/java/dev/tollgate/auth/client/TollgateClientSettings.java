package dev.tollgate.auth.client;

import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Tollgate's own per-client settings, stored with Spring Authorization Server's client settings. */
public final class TollgateClientSettings {

    /** Clients with this setting {@code true} may call the introspection endpoint. */
    public static final String INTROSPECTION_ALLOWED = "settings.client.tollgate.introspection-allowed";

    /**
     * Clients with this setting {@code true} came with Tollgate (the demo clients, ...) rather than being registered
     * at run time; their ids are few and fixed, so the metrics may name them.
     */
    public static final String BUILT_IN = "settings.client.tollgate.built-in";

    /**
     * Clients with this setting {@code true} get a code only for authorization requests they pushed first (RFC 9126
     * section 6, client metadata {@code require_pushed_authorization_requests}). Not under {@code tollgate.}: it is
     * client metadata, replaced with the rest of it.
     */
    public static final String REQUIRE_PUSHED_AUTHORIZATION_REQUESTS =
            "settings.client.require-pushed-authorization-requests";

    /**
     * Where the client receives logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.2, client metadata
     * {@code backchannel_logout_uri}); clients without one get none. Client metadata, replaced with the rest of it.
     */
    public static final String BACKCHANNEL_LOGOUT_URI = "settings.client.backchannel-logout-uri";

    /**
     * Client metadata {@code backchannel_logout_session_required} (Back-Channel Logout 1.0 §2.2): the client needs a
     * {@code sid} in logout tokens, which Tollgate always sends.
     */
    public static final String BACKCHANNEL_LOGOUT_SESSION_REQUIRED = "settings.client.backchannel-logout-session-required";

    /**
     * Clients with this setting {@code true} always use DPoP (RFC 9449 §5.2, client metadata
     * {@code dpop_bound_access_tokens}): a token request without a proof is refused. Client metadata, replaced with
     * the rest of it.
     */
    public static final String DPOP_BOUND_ACCESS_TOKENS = "settings.client.dpop-bound-access-tokens";

    /**
     * Clients with this setting {@code true} may impersonate in token exchange (RFC 8693 §1.1): without an
     * {@code actor_token} they get a user's token with no {@code act} claim naming them. Off unless an administrator
     * sets it (client metadata {@code token_exchange_impersonation}, in the admin API only).
     */
    public static final String TOKEN_EXCHANGE_IMPERSONATION = "settings.client.tollgate.token-exchange-impersonation";

    /**
     * Clients with this setting {@code true} get codes only for users signed in with two factors, as if every request
     * asked for {@code acr_values=urn:tollgate:mfa}.
     */
    public static final String REQUIRE_MFA = "settings.client.tollgate.require-mfa";

    /**
     * A grant type no endpoint accepts, for clients that only introspect: a registered client needs at least one
     * grant type, and this one lets them obtain no token at all.
     */
    public static final AuthorizationGrantType INTROSPECTION_ONLY =
            new AuthorizationGrantType("urn:tollgate:grant-type:introspection-only");

    private TollgateClientSettings() {
    }

    public static boolean isBuiltIn(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(BUILT_IN));
    }

    public static boolean requiresPushedRequests(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(REQUIRE_PUSHED_AUTHORIZATION_REQUESTS));
    }

    public static boolean requiresDPoP(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(DPOP_BOUND_ACCESS_TOKENS));
    }

    public static Optional<String> backChannelLogoutUri(RegisteredClient client) {
        return Optional.ofNullable(client.getClientSettings().<String>getSetting(BACKCHANNEL_LOGOUT_URI));
    }

    /**
     * Clients with this setting {@code true} registered themselves (RFC 7591, with a registrar's initial access
     * token) rather than being registered by an administrator: the URLs they name that Tollgate calls must point at
     * the public internet ({@link PublicHosts}).
     */
    public static final String SELF_REGISTERED = "settings.client.tollgate.self-registered";

    public static boolean selfRegistered(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(SELF_REGISTERED));
    }

    public static boolean mayImpersonate(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(TOKEN_EXCHANGE_IMPERSONATION));
    }

    public static boolean requiresMfa(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(REQUIRE_MFA));
    }

    public static boolean mayIntrospect(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(INTROSPECTION_ALLOWED));
    }
}
