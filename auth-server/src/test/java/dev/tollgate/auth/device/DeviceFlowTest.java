package dev.tollgate.auth.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCode;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import dev.tollgate.auth.client.TollgateClientSettings;

import dev.tollgate.auth.support.AdminApiTest;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.testsupport.TestClock;

/**
 * The device authorization grant (RFC 8628) end to end: a device using the Nimbus SDK polls the token endpoint while a
 * user in an HtmlUnit browser signs in, enters the code and allows or denies; time comes from the test clock.
 */
@AuthServerTest
class DeviceFlowTest extends AdminApiTest {

    private static final String USER_CODE = "[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}";

    @Autowired
    TestClock clock;

    @Autowired
    RegisteredClientRepository clients;

    private DeviceClient demoCli;

    private DeviceClient adminCli;

    @BeforeEach
    void devices() {
        // Spring Authorization Server checks a token's nbf against the real time: polls that move the test clock
        // forward must not issue tokens from the future
        clock.advance(Duration.ofMinutes(-1));
        demoCli = new DeviceClient(http.baseUrl(), "demo-cli");
        adminCli = new DeviceClient(http.baseUrl(), "tollgate-admin-cli");
    }

    @Test
    void aDeviceGetsItsTokensOnceTheUserAllowsOnAnotherScreen() throws IOException {
        DeviceAuthorizationSuccessResponse device = demoCli.authorize("profile books.read");

        assertThat(device.getUserCode().getValue()).matches(USER_CODE);
        assertThat(device.getVerificationURI().toString())
                .isEqualTo(AuthServerTest.ISSUER + "/oauth2/device_verification");
        assertThat(device.getVerificationURIComplete().toString()).isEqualTo(AuthServerTest.ISSUER
                + "/oauth2/device_verification?user_code=" + device.getUserCode().getValue());
        assertThat(device.getLifetime()).isEqualTo(600);
        assertThat(device.getInterval()).isEqualTo(5);

        clock.advance(Duration.ofSeconds(5));
        assertThat(demoCli.pollOutcome(device.getDeviceCode())).isEqualTo("authorization_pending");

        try (DeviceBrowser user = new DeviceBrowser(http.baseUrl())) {
            HtmlPage verification = user.signIn("alice", "alice-password");
            assertThat(verification.getElementById("device-code-form")).as("the code form after sign-in").isNotNull();
            clock.advance(Duration.ofSeconds(5));
            assertThat(demoCli.pollOutcome(device.getDeviceCode())).isEqualTo("authorization_pending");

            String typedCasually = device.getUserCode().getValue().replace("-", "").toLowerCase(Locale.ROOT);
            HtmlPage confirmation = user.enter(verification, typedCasually);
            assertThat(confirmation.getElementById("client-name").getTextContent()).isEqualTo("Tollgate Demo CLI");
            assertThat(confirmation.getElementById("device-user-code").getTextContent())
                    .contains(device.getUserCode().getValue());
            assertThat(confirmation.getElementById("scope-profile")).isNotNull();
            assertThat(confirmation.getElementById("scope-books.read")).isNotNull();
            clock.advance(Duration.ofSeconds(5));
            assertThat(demoCli.pollOutcome(device.getDeviceCode())).as("not until allowed")
                    .isEqualTo("authorization_pending");

            HtmlPage done = user.click(confirmation, "approve");
            assertThat(done.getElementById("device-approved")).as(done.asNormalizedText()).isNotNull();

            assertThat(user.enterOnNewPage(device.getUserCode().getValue()).getElementById("device-code-error"))
                    .as("a user code works once").isNotNull();
        }

        clock.advance(Duration.ofSeconds(5));
        TokenResponse answer = demoCli.poll(device.getDeviceCode());
        assertThat(answer.indicatesSuccess()).as(answer.toHTTPResponse().getBody()).isTrue();
        AccessTokenResponse tokens = answer.toSuccessResponse();
        assertThat(tokens.getTokens().getAccessToken().getScope().toStringList())
                .containsExactlyInAnyOrder("profile", "books.read");
        assertThat(tokens.getTokens().getRefreshToken()).as("a public device client refreshes as in the code flow")
                .isNotNull();
        assertThat(grants.isActive(tokens.getTokens().getAccessToken().getValue())).isTrue();
        Reply refreshed = grants.refresh(Client.DEMO_CLI, tokens.getTokens().getRefreshToken().getValue());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(5));
        assertThat(demoCli.pollOutcome(device.getDeviceCode())).as("the device code is spent")
                .isEqualTo("invalid_grant");
    }

    @Test
    void aDevicePollingFasterThanTheIntervalIsToldToSlowDownByFiveSecondsMoreEachTime() {
        DeviceCode device = demoCli.authorize("books.read").getDeviceCode();

        clock.advance(Duration.ofSeconds(4));
        assertThat(demoCli.pollOutcome(device)).as("4 s after the code: interval 5 s").isEqualTo("slow_down");
        clock.advance(Duration.ofSeconds(9));
        assertThat(demoCli.pollOutcome(device)).as("9 s later: the interval is 10 s now").isEqualTo("slow_down");
        clock.advance(Duration.ofSeconds(15));
        assertThat(demoCli.pollOutcome(device)).as("15 s later: kept the interval of 15 s")
                .isEqualTo("authorization_pending");
        clock.advance(Duration.ofSeconds(14));
        assertThat(demoCli.pollOutcome(device)).as("the interval stays 15 s").isEqualTo("slow_down");
    }

    @Test
    void aDeniedDeviceIsToldSoAndGetsNothing() throws IOException {
        DeviceAuthorizationSuccessResponse device = demoCli.authorize("books.read");
        try (DeviceBrowser user = new DeviceBrowser(http.baseUrl())) {
            HtmlPage confirmation = user.openSigningIn("/oauth2/device_verification?user_code="
                    + device.getUserCode().getValue(), "alice", "alice-password");
            assertThat(confirmation.getElementById("deny"))
                    .as("verification_uri_complete: sign-in, then the confirmation, never an approval by itself")
                    .isNotNull();

            HtmlPage done = user.click(confirmation, "deny");
            assertThat(done.getElementById("device-denied")).as(done.asNormalizedText()).isNotNull();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(demoCli.pollOutcome(device.getDeviceCode())).isEqualTo("access_denied");
    }

    @Test
    void afterTenMinutesTheCodesAreExpired() throws IOException {
        DeviceAuthorizationSuccessResponse device = demoCli.authorize("books.read");

        clock.advance(Duration.ofMinutes(10));
        assertThat(demoCli.pollOutcome(device.getDeviceCode())).isEqualTo("expired_token");
        try (DeviceBrowser user = new DeviceBrowser(http.baseUrl())) {
            HtmlPage answer = user.enter(user.signIn("alice", "alice-password"), device.getUserCode().getValue());
            assertThat(answer.getElementById("device-code-error")).as(answer.asNormalizedText()).isNotNull();
        }
    }

    @Test
    void onlyPublicClientsWithTheDeviceGrantAreKnownByTheirIdAlone() {
        assertThat(http.post("/oauth2/device_authorization", Map.of("client_id", "api-docs")).field("error"))
                .as("public, without the device grant").isEqualTo("invalid_client");
        assertThat(http.post("/oauth2/device_authorization", Map.of("client_id", "demo-web")).field("error"))
                .as("confidential: needs its secret").isEqualTo("invalid_client");
        assertThat(http.post("/oauth2/device_authorization", Map.of()).status()).isEqualTo(401);
        Reply openid = http.post("/oauth2/device_authorization", Map.of("client_id", "demo-cli", "scope", "openid"));
        assertThat(openid.field("error")).isEqualTo("invalid_scope");
    }

    @Test
    void aDeviceCodeWorksOnlyForItsClient() throws IOException {
        DeviceAuthorizationSuccessResponse device = demoCli.authorize("books.read");
        DeviceBrowser.approve(http.baseUrl(), device.getUserCode().getValue(), "alice", "alice-password");

        clock.advance(Duration.ofSeconds(5));
        assertThat(adminCli.pollOutcome(device.getDeviceCode())).isEqualTo("invalid_grant");
        assertThat(demoCli.pollOutcome(new DeviceCode("no-such-device-code"))).isEqualTo("invalid_grant");
    }

    @Test
    void wrongCodesAreLimitedPerBrowserSession() throws IOException {
        try (DeviceBrowser user = new DeviceBrowser(http.baseUrl())) {
            HtmlPage page = user.signIn("alice", "alice-password");
            for (int guess = 0; guess < 5; guess++) {
                page = user.enter(page, "BCDF-GHJ" + "KLMNP".charAt(guess));
                assertThat(page.getElementById("device-code-error")).as(page.asNormalizedText()).isNotNull();
            }
            HtmlPage limited = user.enter(page, "BCDF-GHJQ");
            assertThat(limited.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(limited.asNormalizedText()).contains("Too many wrong codes");

            String realCode = demoCli.authorize("books.read").getUserCode().getValue();
            assertThat(user.enterOnNewPage(realCode).getWebResponse().getStatusCode())
                    .as("not even the right code until the period is over").isEqualTo(429);
            clock.advance(Duration.ofMinutes(1));
            assertThat(user.enterOnNewPage(realCode).getElementById("approve")).isNotNull();
        }
    }

    @Test
    void anAdministratorGetsAnAdminTokenThroughTheAdminCliOnADevice() throws IOException {
        TollgateUser operator = testUsers.create("device-operator", "ADMIN", "USER");
        DeviceAuthorizationSuccessResponse device = adminCli.authorize("tollgate.admin");
        DeviceBrowser.approve(http.baseUrl(), device.getUserCode().getValue(), operator.username(),
                TestUsers.PASSWORD);

        clock.advance(Duration.ofSeconds(5));
        TokenResponse answer = adminCli.poll(device.getDeviceCode());
        assertThat(answer.indicatesSuccess()).as(answer.toHTTPResponse().getBody()).isTrue();
        String accessToken = answer.toSuccessResponse().getTokens().getAccessToken().getValue();
        assertThat(AdminHttp.withToken(http, accessToken).get("/admin/api/no-such-thing").status())
                .as("through the admin plane's chain").isEqualTo(404);
    }

    @Test
    void aUserWithoutRoleAdminIsNotOfferedTheAdminScope() throws IOException {
        TollgateUser user = testUsers.create("device-user");
        DeviceAuthorizationSuccessResponse device = adminCli.authorize("tollgate.admin");
        try (DeviceBrowser browser = new DeviceBrowser(http.baseUrl())) {
            HtmlPage confirmation = browser.enter(browser.signIn(user.username(), TestUsers.PASSWORD),
                    device.getUserCode().getValue());
            assertThat(confirmation.getElementById("scope-tollgate.admin")).isNull();
            browser.click(confirmation, "approve");
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(adminCli.pollOutcome(device.getDeviceCode())).as("allowing nothing grants nothing")
                .isEqualTo("access_denied");
    }

    @Test
    void aSignInWithOneFactorApprovesNoDeviceWhereTheCodeFlowAsksForTwo() throws IOException {
        String clientId = "mfa-device-" + UUID.randomUUID();
        clients.save(RegisteredClient.withId(clientId).clientId(clientId).clientName("Two-factor TV")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .scope("books.read")
                .clientSettings(ClientSettings.builder().setting(TollgateClientSettings.REQUIRE_MFA, true).build())
                .build());
        DeviceClient tv = new DeviceClient(http.baseUrl(), clientId);
        DeviceAuthorizationSuccessResponse device = tv.authorize("books.read");
        try (DeviceBrowser user = new DeviceBrowser(http.baseUrl())) {
            HtmlPage answer = user.enter(user.signIn("alice", "alice-password"), device.getUserCode().getValue());
            assertThat(answer.getElementById("device-second-factor")).as(answer.asNormalizedText()).isNotNull();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(tv.pollOutcome(device.getDeviceCode())).isEqualTo("authorization_pending");
    }

    @Test
    void discoveryAdvertisesTheDeviceGrant() {
        Reply metadata = http.get("/.well-known/oauth-authorization-server");
        assertThat(metadata.field("device_authorization_endpoint"))
                .isEqualTo(AuthServerTest.ISSUER + "/oauth2/device_authorization");
        assertThat(metadata.json().get("grant_types_supported").toString())
                .contains("urn:ietf:params:oauth:grant-type:device_code");
        Reply configuration = http.get("/.well-known/openid-configuration");
        assertThat(configuration.field("device_authorization_endpoint"))
                .isEqualTo(AuthServerTest.ISSUER + "/oauth2/device_authorization");
        assertThat(configuration.json().get("grant_types_supported").toString())
                .contains("urn:ietf:params:oauth:grant-type:device_code");
    }
}
