package dev.tollgate.auth.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;

/**
 * Tollgate supports neither request objects nor request URIs (OIDC Core 6): a request carrying one is refused
 * with {@code request_not_supported} / {@code request_uri_not_supported} (OIDC Core 3.1.2.6), sent back to a
 * valid redirect URI with {@code state} and {@code iss}, instead of being served as if the object were not there.
 */
@AuthServerTest
class RequestObjectsAreRefusedTest extends HttpTest {

    /** An unsigned request object asking for another redirect URI and more scopes than the plain parameters. */
    private static final String REQUEST_OBJECT = "eyJhbGciOiJub25lIn0.eyJyZWRpcmVjdF91cmkiOiJodHRwczovL2V2aWwuZXhh"
            + "bXBsZS9jYiIsInNjb3BlIjoib3BlbmlkIGJvb2tzLndyaXRlIn0.";

    @Test
    void aRequestObjectIsRefusedWithRequestNotSupported() {
        Reply reply = http.get(authorize(Map.of("request", REQUEST_OBJECT)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(302);
        Map<String, String> callback = callbackOf(reply);
        assertThat(reply.location()).startsWith(AuthServerTest.DEMO_WEB_REDIRECT_URI + "?");
        assertThat(callback).containsEntry("error", "request_not_supported").containsEntry("state", "r1")
                .containsEntry("iss", AuthServerTest.ISSUER).doesNotContainKey("code");
    }

    @Test
    void aRequestUriIsRefusedWithRequestUriNotSupported() {
        Reply reply = http.get(authorize(Map.of("request_uri", "https://evil.example/request.jwt")));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(302);
        assertThat(callbackOf(reply)).containsEntry("error", "request_uri_not_supported")
                .containsEntry("state", "r1").containsEntry("iss", AuthServerTest.ISSUER);
    }

    @Test
    void withAnUnregisteredRedirectUriTheRefusalIsShownNotRedirected() {
        Reply reply = http.get(authorize("https://evil.example/cb", Map.of("request", REQUEST_OBJECT)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.location()).isNull();
    }

    private static String authorize(Map<String, String> extra) {
        return authorize(AuthServerTest.DEMO_WEB_REDIRECT_URI, extra);
    }

    private static String authorize(String redirectUri, Map<String, String> extra) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", "demo-web")
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", "openid")
                .queryParam("state", "r1")
                .queryParam("code_challenge", Pkce.create().challenge())
                .queryParam("code_challenge_method", "S256");
        extra.forEach(uri::queryParam);
        return uri.encode().build().toUriString();
    }

    private static Map<String, String> callbackOf(Reply reply) {
        return UriComponentsBuilder.fromUriString(reply.location()).build().getQueryParams().toSingleValueMap()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> UriUtils.decode(entry.getValue(), StandardCharsets.UTF_8)));
    }
}
