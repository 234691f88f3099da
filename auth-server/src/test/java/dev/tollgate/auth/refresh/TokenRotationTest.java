package dev.tollgate.auth.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants.Code;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * README, "Token lifetimes, rotation and revocation": rotation, reuse detection and code replay, for a confidential and
 * a public client.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class TokenRotationTest extends HttpTest {

    static final Client[] CLIENTS = {Client.DEMO_WEB, Client.DEMO_CLI};

    Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
    }

    @ParameterizedTest
    @FieldSource("CLIENTS")
    void eachRefreshReturnsANewRefreshTokenAndTheOldOneStopsWorkingAtOnce(Client client) throws Exception {
        Reply first = grants.aliceTokens(client, "openid books.read");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.field("refresh_token")).as("public clients get refresh tokens too").isNotBlank();

        Reply second = grants.refresh(client, first.field("refresh_token"));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.field("refresh_token")).isNotBlank().isNotEqualTo(first.field("refresh_token"));
        assertThat(second.field("access_token")).isNotEqualTo(first.field("access_token"));

        Reply third = grants.refresh(client, second.field("refresh_token"));
        assertThat(third.status()).as(third.toString()).isEqualTo(200);
        assertThat(grants.isActive(third.field("access_token"))).isTrue();
    }

    @ParameterizedTest
    @FieldSource("CLIENTS")
    void presentingARotatedOutRefreshTokenRevokesTheWholeFamily(Client client, CapturedOutput output)
            throws Exception {
        Reply first = grants.aliceTokens(client, "openid books.read");
        Reply newest = grants.refresh(client, first.field("refresh_token"));
        assertThat(grants.isActive(newest.field("access_token"))).isTrue();

        Reply replay = grants.refresh(client, first.field("refresh_token"));

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.field("error")).isEqualTo("invalid_grant");
        assertThat(grants.isActive(newest.field("access_token"))).as("the sibling access token").isFalse();
        assertThat(grants.refresh(client, newest.field("refresh_token")).field("error"))
                .as("the newest refresh token").isEqualTo("invalid_grant");
        assertThat(output.getAll()).contains("event=REFRESH_TOKEN_REUSE_DETECTED client=" + client.id())
                .doesNotContain(first.field("refresh_token"));
    }

    @ParameterizedTest
    @FieldSource("CLIENTS")
    void aCodePresentedTwiceIsRefusedAndRevokesEveryTokenIssuedFromIt(Client client, CapturedOutput output)
            throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Code code = grants.authorize(browser, client, "alice", "alice-password", "openid books.read");
            Reply tokens = grants.exchange(code);
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);

            Reply replay = grants.exchange(code);

            assertThat(replay.status()).isEqualTo(400);
            assertThat(replay.field("error")).isEqualTo("invalid_grant");
            assertThat(grants.isActive(tokens.field("access_token"))).isFalse();
            assertThat(grants.refresh(client, tokens.field("refresh_token")).field("error"))
                    .isEqualTo("invalid_grant");
            assertThat(output.getAll()).contains("event=AUTHORIZATION_CODE_REPLAYED client=" + client.id())
                    .doesNotContain(code.value());
        }
    }

    @Test
    void aPublicClientRefreshingWithoutClientIdIsNotAuthenticated() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_CLI, "books.read");

        Reply refreshed = http.post("/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.field("refresh_token")));

        assertThat(refreshed.status()).isEqualTo(401);
    }

    @Test
    void aConfidentialClientCannotRefreshOnItsClientIdAlone() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");

        Reply refreshed = http.post("/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.field("refresh_token"), "client_id", "demo-web"));

        assertThat(refreshed.status()).isEqualTo(401);
        assertThat(refreshed.field("error")).isEqualTo("invalid_client");
        assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).status())
                .as("the failed attempt did not burn the token").isEqualTo(200);
    }

    @Test
    void aPublicClientCannotRefreshAnotherClientsToken() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");

        Reply refreshed = grants.refresh(Client.DEMO_CLI, tokens.field("refresh_token"));

        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.field("error")).isEqualTo("invalid_grant");
        assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).status())
                .as("the owner's token still works").isEqualTo(200);
    }
}
