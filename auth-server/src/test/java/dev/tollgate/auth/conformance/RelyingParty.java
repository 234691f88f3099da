package dev.tollgate.auth.conformance;

import java.io.IOException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;

import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.SignedTokens;

/**
 * The client side of the OpenID Foundation's conformance tests, as they drive an OP: authentication requests with
 * a fresh {@code state}, {@code nonce} and PKCE pair and whatever OIDC Core 3.1.2.1 parameters a test adds, a user
 * who signs in and approves when (and only when) a page asks, and the checks every module makes on the ID token.
 */
final class RelyingParty {

    static final Client CLIENT = Client.DEMO_WEB;

    static final String POST_LOGOUT_REDIRECT_URI = "http://localhost:8081/";

    private final OAuthHttp http;

    RelyingParty(OAuthHttp http) {
        this.http = http;
    }

    /** An authentication request of {@link #CLIENT} for {@code openid profile}, plus {@code extra} name/value pairs. */
    AuthenticationRequest request(String... extra) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", CLIENT.id());
        parameters.put("redirect_uri", CLIENT.redirectUri());
        parameters.put("scope", "openid profile");
        parameters.put("state", UUID.randomUUID().toString());
        parameters.put("nonce", UUID.randomUUID().toString());
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                parameters.remove(extra[i]);
            }
            else {
                parameters.put(extra[i], extra[i + 1]);
            }
        }
        return new AuthenticationRequest(parameters, Pkce.create());
    }

    /** The page an authorization request shows, before anything is typed or clicked (null if it went straight back). */
    HtmlPage open(Browser browser, AuthenticationRequest request) throws IOException {
        Page page = browser.open(request.path());
        return page instanceof HtmlPage html && browser.callback() == null ? html : null;
    }

    /** Signs in on {@code page} if it is the login page and approves if consent is asked; the callback's parameters. */
    Map<String, String> finish(Browser browser, HtmlPage page, String username, String password) throws IOException {
        HtmlPage current = page;
        if (current != null && current.getElementById("login-form") != null) {
            Page next = browser.signIn(current, username, password);
            current = next instanceof HtmlPage html && browser.callback() == null ? html : null;
        }
        if (current != null && current.getElementById("approve") != null) {
            browser.click(current, "approve");
        }
        return browser.callbackParameters();
    }

    /** A whole authorization: the request, sign-in and consent as far as asked, and the code redeemed. */
    Tokens signIn(Browser browser, String username, String password, String... extra) throws IOException {
        AuthenticationRequest request = request(extra);
        Map<String, String> callback = finish(browser, open(browser, request), username, password);
        return redeem(request, callback);
    }

    Tokens redeem(AuthenticationRequest request, Map<String, String> callback) {
        if (!request.state().equals(callback.get("state")) || callback.get("code") == null) {
            throw new AssertionError("no code came back for state " + request.state() + ": " + callback);
        }
        Reply reply = http.post("/oauth2/token", CLIENT.id(), CLIENT.secret(), Map.of(
                "grant_type", "authorization_code", "code", callback.get("code"),
                "redirect_uri", CLIENT.redirectUri(), "code_verifier", request.pkce().verifier()));
        if (reply.status() != 200) {
            throw new AssertionError("the code was refused: " + reply);
        }
        return new Tokens(reply, idToken(reply.field("id_token")));
    }

    Tokens refresh(Tokens tokens) {
        Reply reply = http.post("/oauth2/token", CLIENT.id(), CLIENT.secret(), Map.of(
                "grant_type", "refresh_token", "refresh_token", tokens.reply().field("refresh_token")));
        if (reply.status() != 200) {
            throw new AssertionError("the refresh token was refused: " + reply);
        }
        return new Tokens(reply, idToken(reply.field("id_token")));
    }

    /** The claims of an ID token whose signature checks out against the OP's JWKS. */
    JWTClaimsSet idToken(String idToken) {
        if (idToken == null) {
            throw new AssertionError("no ID token");
        }
        try {
            return SignedTokens.verified(idToken, http).getJWTClaimsSet();
        }
        catch (ParseException malformed) {
            throw new AssertionError(malformed);
        }
    }

    static String logoutPath(String... parameters) {
        UriComponentsBuilder logout = UriComponentsBuilder.fromPath("/connect/logout");
        for (int i = 0; i < parameters.length; i += 2) {
            logout.queryParam(parameters[i], parameters[i + 1]);
        }
        return logout.encode().build().toUriString();
    }

    record AuthenticationRequest(Map<String, String> parameters, Pkce pkce) {

        String state() {
            return parameters.get("state");
        }

        String nonce() {
            return parameters.get("nonce");
        }

        /** The parameters as the form of an authorization request sent by POST (OIDC Core 3.1.2.1). */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>(parameters);
            form.put("code_challenge", pkce.challenge());
            form.put("code_challenge_method", "S256");
            return form;
        }

        String path() {
            UriComponentsBuilder path = UriComponentsBuilder.fromPath("/oauth2/authorize");
            form().forEach(path::queryParam);
            return path.encode().build().toUriString();
        }
    }

    record Tokens(Reply reply, JWTClaimsSet idToken) {

        String idTokenValue() {
            return reply.field("id_token");
        }

        String sid() {
            return (String) idToken.getClaim("sid");
        }

        long authTime() {
            Object authTime = idToken.getClaim("auth_time");
            if (authTime == null) {
                throw new AssertionError("the ID token has no auth_time: " + idToken);
            }
            return authTime instanceof java.util.Date date ? date.getTime() / 1000 : ((Number) authTime).longValue();
        }
    }
}
