package dev.tollgate.auth.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.token.TokenPolicy;
import dev.tollgate.testsupport.TestClock;

/**
 * Refresh tokens expire after the idle timeout (8 h by default) since they were issued, and a family ends at its
 * absolute lifetime (7 days by default) however often it rotates. Time moves on the auth server's clock.
 */
@AuthServerTest
class RefreshTokenLifetimeTest extends HttpTest {

    private static final Client SHORT_LIVED = new Client("short-lived-cli", null, "http://127.0.0.1:53998/callback");

    @Autowired
    TestClock clock;

    @Autowired
    RegisteredClientRepository clients;

    Grants grants;

    @BeforeEach
    void setUp() {
        grants = new Grants(http);
    }

    @Test
    void aRefreshTokenUnusedForLongerThanTheIdleTimeoutIsRefused() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_CLI, "books.read");

        clock.advance(Duration.ofHours(8).plusMinutes(1));

        assertThat(grants.refresh(Client.DEMO_CLI, tokens.field("refresh_token")).field("error"))
                .isEqualTo("invalid_grant");
    }

    @Test
    void eachRotationStartsANewIdlePeriod() throws Exception {
        Reply tokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");

        clock.advance(Duration.ofHours(7));
        Reply refreshed = grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token"));
        clock.advance(Duration.ofHours(7));

        Reply again = grants.refresh(Client.DEMO_WEB, refreshed.field("refresh_token"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    @Test
    void rotationDoesNotExtendTheAbsoluteLifetime() throws Exception {
        String refreshToken = grants.aliceTokens(Client.DEMO_CLI, "books.read").field("refresh_token");
        for (int hours = 7; hours < 7 * 24; hours += 7) {
            clock.advance(Duration.ofHours(7));
            Reply refreshed = grants.refresh(Client.DEMO_CLI, refreshToken);
            assertThat(refreshed.status()).as("after %d hours: %s", hours, refreshed).isEqualTo(200);
            refreshToken = refreshed.field("refresh_token");
        }

        clock.advance(Duration.ofHours(7));

        assertThat(grants.refresh(Client.DEMO_CLI, refreshToken).field("error"))
                .as("7 days after sign-in, though used 7 hours ago").isEqualTo("invalid_grant");
    }

    @Test
    void aClientsOwnTokenSettingsOverrideTheDefaultsButCannotTurnRotationOff() throws Exception {
        registerShortLivedClient();
        Reply tokens = grants.aliceTokens(SHORT_LIVED, "books.read");
        assertThat(tokens.json().get("expires_in").asInt()).isBetween(58, 60);

        clock.advance(Duration.ofMinutes(50));
        Reply refreshed = grants.refresh(SHORT_LIVED, tokens.field("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        Reply again = grants.refresh(SHORT_LIVED, refreshed.field("refresh_token"));
        assertThat(again.status()).as("rotated although the client's settings allow reuse: %s", again)
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(50));

        assertThat(grants.refresh(SHORT_LIVED, again.field("refresh_token")).field("error"))
                .as("past its 90 minutes absolute lifetime").isEqualTo("invalid_grant");
    }

    // Spring Authorization Server's default token settings, which say reuse-refresh-tokens: true
    private void registerShortLivedClient() {
        clients.save(RegisteredClient.withId(SHORT_LIVED.id())
                .clientId(SHORT_LIVED.id())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri("http://127.0.0.1/callback")
                .scope("books.read")
                .clientSettings(ClientSettings.builder().requireProofKey(true).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(Duration.ofSeconds(60))
                        .refreshTokenTimeToLive(Duration.ofHours(1))
                        .setting(TokenPolicy.REFRESH_TOKEN_ABSOLUTE_LIFETIME, Duration.ofMinutes(90))
                        .build())
                .build());
    }
}
