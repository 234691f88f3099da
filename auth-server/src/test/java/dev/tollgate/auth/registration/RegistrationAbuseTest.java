package dev.tollgate.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * What a registrar could use dynamic registration for beyond registering a client: making Tollgate fetch from
 * its own network (a {@code jwks_uri} on an internal address, SSRF), or minting a service that writes books
 * without any user or operator having agreed.
 */
@AuthServerTest
class RegistrationAbuseTest extends HttpTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://127.0.0.1/jwks",
            "https://localhost/jwks",
            "https://[::1]/jwks",
            "https://0.0.0.0/jwks",
            "https://2130706433/jwks",
            "https://10.1.2.3/jwks",
            "https://172.16.0.1/jwks",
            "https://192.168.1.1/jwks",
            "https://169.254.169.254/latest/meta-data",
            "https://[fd00::1]/jwks",
            "https://[fe80::1]/jwks",
            "https://100.64.0.1/jwks",
            "https://no-such-host.invalid/jwks"})
    void aJwksUriOnAnInternalOrUnresolvableHostIsRefused(String jwksUri) {
        for (String endpoint : new String[] {"/connect/register", "/oauth2/register"}) {
            Reply reply = http.postJson(endpoint, registrarToken(), """
                    {"grant_types": ["client_credentials"], "scope": "books.read",
                     "redirect_uris": ["https://service.example/unused"],
                     "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "%s"}
                    """.formatted(jwksUri));

            assertThat(reply.status()).as(endpoint + " " + reply).isEqualTo(400);
            assertThat(reply.field("error")).as(endpoint + " " + reply).isEqualTo("invalid_client_metadata");
            assertThat(reply.field("error_description")).contains("jwks_uri");
        }
    }

    @Test
    void aRegistrarCannotGiveAServiceBooksWrite() {
        for (String endpoint : new String[] {"/connect/register", "/oauth2/register"}) {
            Reply reply = http.postJson(endpoint, registrarToken(), """
                    {"client_name": "Books Eraser", "grant_types": ["client_credentials"],
                     "scope": "books.read books.write", "redirect_uris": ["https://service.example/unused"]}
                    """);

            assertThat(reply.status()).as(endpoint + " " + reply).isEqualTo(400);
            assertThat(reply.field("error")).as(endpoint + " " + reply).isEqualTo("invalid_client_metadata");
            assertThat(reply.field("error_description")).contains("books.write");
        }
    }

    @Test
    void aUserFacingClientMayStillAskForBooksWriteWhichOnlyAdminsThenGrant() {
        Reply reply = http.postJson("/connect/register", registrarToken(), """
                {"redirect_uris": ["https://books.example.com/cb"], "scope": "openid books.read books.write"}
                """);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    private String registrarToken() {
        return http.clientCredentials("demo-registrar", "demo-registrar-secret", null).field("access_token");
    }
}
