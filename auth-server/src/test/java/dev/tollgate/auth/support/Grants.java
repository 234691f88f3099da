package dev.tollgate.auth.support;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.htmlunit.html.HtmlPage;

import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * A user grant as a client application obtains it: the user signs in and approves in a {@link Browser}, the
 * client exchanges the code and refreshes, authenticated as a confidential client (demo-web, client_secret_basic)
 * or identified as a public one (demo-cli, client_id only).
 */
public final class Grants {

    private final OAuthHttp http;

    public Grants(OAuthHttp http) {
        this.http = http;
    }

    public record Client(String id, String secret, String redirectUri) {

        public static final Client DEMO_WEB = new Client("demo-web", "demo-web-secret",
                AuthServerTest.DEMO_WEB_REDIRECT_URI);

        public static final Client DEMO_CLI = new Client("demo-cli", null, "http://127.0.0.1:53999/callback");

        /** The built-in client of every profile: {@code openid tollgate.admin}, no consent page. */
        public static final Client ADMIN_CLI = new Client("tollgate-admin-cli", null,
                "http://127.0.0.1:53998/callback");

        public boolean isPublic() {
            return secret == null;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The code the browser brings back after the user signs in (if needed) and approves (if asked). */
    public Code authorize(Browser browser, Client client, String username, String password, String scope)
            throws IOException {
        Pkce pkce = Pkce.create();
        HtmlPage page = browser.open(Browser.authorizePath(client.id(), client.redirectUri(), scope, "st", pkce));
        if (page.getElementById("login-form") != null) {
            page = browser.signIn(page, username, password);
        }
        if (browser.callback() == null) {
            browser.click(page, "approve");
        }
        return new Code(client, browser.callbackParameters().get("code"), pkce);
    }

    /** Signs in as alice in a browser of its own and exchanges the code: a fresh token response. */
    public Reply aliceTokens(Client client, String scope) throws IOException {
        try (Browser browser = new Browser(http.baseUrl())) {
            return exchange(authorize(browser, client, "alice", "alice-password", scope));
        }
    }

    public Reply exchange(Code code) {
        return tokenRequest(code.client(), Map.of("grant_type", "authorization_code", "code", code.value(),
                "redirect_uri", code.client().redirectUri(), "code_verifier", code.pkce().verifier()));
    }

    public Reply refresh(Client client, String refreshToken) {
        return tokenRequest(client, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** RFC 7009 revocation by a confidential client. */
    public Reply revoke(Client client, String token) {
        return http.post("/oauth2/revoke", client.id(), client.secret(), Map.of("token", token));
    }

    public boolean isActive(String token) {
        return "true".equals(http.introspect(token).field("active"));
    }

    private Reply tokenRequest(Client client, Map<String, String> form) {
        if (client.isPublic()) {
            Map<String, String> withClientId = new HashMap<>(form);
            withClientId.put("client_id", client.id());
            return http.post("/oauth2/token", withClientId);
        }
        return http.post("/oauth2/token", client.id(), client.secret(), form);
    }

    public record Code(Client client, String value, Pkce pkce) {
    }
}
