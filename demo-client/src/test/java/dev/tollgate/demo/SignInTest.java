package dev.tollgate.demo;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInTest extends DemoClientTest {

    @Test
    void aliceSignsInWithTollgateAndSeesHerNameAndRoles() {
        HttpResponse<String> home = browser.signIn();

        assertThat(home.uri().toString()).isEqualTo(browser.baseUrl() + "/");
        assertThat(home.body()).containsPattern("id=\"user-name\"[^>]*>alice<")
                .containsPattern("(?s)id=\"user-roles\".*>USER<")
                .contains("Welcome back, <span>Alice Example</span>", "href=\"/books\"", "id=\"sign-out\"")
                .doesNotContain(">ADMIN<");
        assertThat(tollgate.lastAuthorizationRequest()).containsKeys("code_challenge", "nonce");
    }

    @Test
    void theSignInIsPushedSoTheBrowserCarriesOnlyItsReference() {
        browser.signIn();

        assertThat(tollgate.lastAuthorizationRequest())
                .containsEntry("client_id", "demo-web").containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("redirect_uri", "scope", "state", "nonce", "code_challenge");
        assertThat(tollgate.lastAuthorizationRequest().get("scope")).contains("openid", "books.read");
        assertThat(tollgate.lastBrowserQuery()).containsOnlyKeys("client_id", "request_uri")
                .containsEntry("client_id", "demo-web");
        assertThat(tollgate.lastBrowserQuery().get("request_uri")).startsWith("urn:ietf:params:oauth:request_uri:");
    }

    @Test
    void whenTollgateTakesNoPushTheHomePageSaysTheSignInFailed() {
        tollgate.pushEndpointDown();

        HttpResponse<String> landing = browser.signIn();

        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.uri().toString()).isEqualTo(browser.baseUrl() + "/?error");
        assertThat(tollgate.lastBrowserQuery()).as("the browser never went to Tollgate").isEmpty();
    }

    @Test
    void adminSignsInAndSeesBothRoles() {
        tollgate.signInAs("admin");

        HttpResponse<String> home = browser.signIn();

        assertThat(home.body()).containsPattern("id=\"user-name\"[^>]*>admin<")
                .containsPattern("(?s)id=\"user-roles\".*>ADMIN<.*>USER<");
    }

    @Test
    void aSignInAnsweredInTheNameOfAnotherIssuerIsRefused() {
        tollgate.answerAuthorizationAs("https://mix-up.example");

        HttpResponse<String> landing = browser.signIn();

        assertThat(landing.uri().toString()).isEqualTo(browser.baseUrl() + "/?error");
        assertThat(landing.body()).contains("did not complete", "Sign in with Tollgate")
                .doesNotContain("id=\"user-name\"");
        assertThat(browser.get("/books").statusCode()).isEqualTo(302);
    }

    @Test
    void whenTheUserDeclinesAtTollgateThenTheHomePageSaysSo() {
        browser.get("/oauth2/authorization/tollgate");
        Map<String, String> request = tollgate.lastPushedRequest();

        HttpResponse<String> landing = browser.open(request.get("redirect_uri") + "?error=access_denied&state="
                + request.get("state") + "&iss=" + tollgate.issuer());

        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("did not complete");
    }

    @Test
    void anUnknownPageIsAHumanPageWithoutAStackTrace() {
        browser.signIn();

        HttpResponse<String> missing = browser.get("/no-such-page");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("This page does not exist").doesNotContain("Exception", "at dev.");
    }
}
