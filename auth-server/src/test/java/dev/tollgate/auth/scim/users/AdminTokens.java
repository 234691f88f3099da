package dev.tollgate.auth.scim.users;

import dev.tollgate.auth.support.OAuthHttp;

/** An access token with scope tollgate.admin, as the automation client demo-admin gets one. */
public final class AdminTokens {

    private AdminTokens() {
    }

    public static String of(OAuthHttp http) {
        return http.clientCredentials("demo-admin", "demo-admin-secret", "tollgate.admin").field("access_token");
    }
}
