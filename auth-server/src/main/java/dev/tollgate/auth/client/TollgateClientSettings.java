package dev.tollgate.auth.client;

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
     * Clients with this setting {@code true} may impersonate in token exchange (RFC 8693 §1.1): without an
     * {@code actor_token} they get a user's token with no {@code act} claim naming them. Off unless an operator sets it.
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
