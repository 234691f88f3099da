package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

/** {@code acr_values=urn:tollgate:mfa} pushed (RFC 9126) rather than sent through the browser asks for the code too. */
class TwoFactorsThroughPushedRequestsTest extends TwoFactorFlows {

    private static final ClientID DEMO_WEB = new ClientID("demo-web");

    @Test
    void aPushedRequestForTwoFactorsGetsTheCodeAskedFor() throws Exception {
        TollgateUser user = testUsers.create("paula");
        app.enrol(user.id(), List.of());
        Pkce pkce = Pkce.create();
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                URI.create(http.baseUrl() + "/oauth2/par"), new ClientSecretBasic(DEMO_WEB, new Secret("demo-web-secret")),
                new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), DEMO_WEB)
                        .redirectionURI(URI.create(REDIRECT_URI)).scope(Scope.parse("openid"))
                        .state(new State("par-mfa"))
                        .codeChallenge(CodeChallenge.parse(pkce.challenge()), CodeChallengeMethod.S256)
                        .customParameter("acr_values", "urn:tollgate:mfa")
                        .build()).toHTTPRequest().send());
        assertThat(pushed.indicatesSuccess()).isTrue();

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage codePage = browser.signIn(browser.open(new AuthorizationRequest.Builder(
                    pushed.toSuccessResponse().getRequestURI(), DEMO_WEB).endpointURI(URI.create("/oauth2/authorize"))
                    .build().toURI().toString()), user.username(), TestUsers.PASSWORD);
            assertThat(browser.callback()).as("no code for a password alone").isNull();
            assertThat(codePage.getUrl().getPath()).isEqualTo("/login/two-factor");

            approveIfAsked(browser,
                    Authenticators.enter(codePage, "two-factor-form", app.codeNow(user.id()), "verify"));

            assertThat(browser.callbackParameters()).containsEntry("state", "par-mfa");
            assertThat(idToken(http, browser, pkce).getStringClaim("acr")).isEqualTo("urn:tollgate:mfa");
        }
    }
}
