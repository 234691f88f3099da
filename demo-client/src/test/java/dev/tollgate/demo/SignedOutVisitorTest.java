package dev.tollgate.demo;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignedOutVisitorTest extends DemoClientTest {

    @Test
    void theHomePageOffersSignInWithTollgate() {
        HttpResponse<String> home = browser.get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("href=\"/oauth2/authorization/tollgate\"", "Sign in with Tollgate")
                .doesNotContain("id=\"user-name\"", "id=\"sign-out\"");
    }

    @Test
    void whenAVisitorOpensTheBooksThenTheyAreSentToTollgateWithPkceNonceAndState() {
        HttpResponse<String> books = browser.get("/books");
        assertThat(books.statusCode()).isEqualTo(302);
        assertThat(Browser.location(books)).isEqualTo(browser.baseUrl() + "/oauth2/authorization/tollgate");

        HttpResponse<String> toTollgate = browser.get(Browser.location(books));
        assertThat(toTollgate.statusCode()).isEqualTo(302);
        URI authorize = URI.create(Browser.location(toTollgate));
        assertThat(authorize.getScheme() + "://" + authorize.getAuthority() + authorize.getPath())
                .isEqualTo(tollgate.issuer() + "/oauth2/authorize");
        assertThat(FakeTollgate.parse(authorize.getRawQuery())).as("the request itself was pushed")
                .containsOnlyKeys("client_id", "request_uri").containsEntry("client_id", "demo-web");
        Map<String, String> parameters = tollgate.lastPushedRequest();
        assertThat(parameters).containsEntry("response_type", "code")
                .containsEntry("client_id", "demo-web")
                .containsEntry("redirect_uri", browser.baseUrl() + "/login/oauth2/code/tollgate")
                .containsEntry("scope", "openid profile email books.read books.write users.read")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(parameters.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void theHealthEndpointIsOpenSoThatOrchestratorsCanWaitForTheApp() {
        HttpResponse<String> health = browser.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }
}
