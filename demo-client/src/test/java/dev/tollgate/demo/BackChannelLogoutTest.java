package dev.tollgate.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.tollgate.demo.signin.SignInConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect Back-Channel Logout 1.0: Tollgate posts a logout token to {@code /logout/connect/back-channel/tollgate};
 * the session signed in with that {@code sid} ends here, no other; a token not signed by Tollgate's key ends nothing.
 */
class BackChannelLogoutTest extends DemoClientTest {

    private final HttpClient tollgateServer = HttpClient.newHttpClient();

    @Test
    void aLogoutTokenEndsTheSessionOfItsSidOnly() throws Exception {
        browser.signIn();
        String sid = tollgate.lastSid();
        Browser otherBrowser = new Browser(URI.create(browser.baseUrl()).getPort());
        otherBrowser.signIn();
        assertThat(tollgate.lastSid()).isNotEqualTo(sid);
        assertThat(browser.get("/books").statusCode()).isEqualTo(200);

        HttpResponse<String> answered = postLogoutToken(tollgate.logoutToken("alice", sid));

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(browser.get("/books").statusCode()).as("the session of that sid ended").isEqualTo(302);
        assertThat(otherBrowser.get("/books").statusCode()).as("another session of the same user").isEqualTo(200);
    }

    @Test
    void aForgedLogoutTokenIsRefusedAndEndsNothing() throws Exception {
        browser.signIn();

        HttpResponse<String> answered = postLogoutToken(tollgate.forgedLogoutToken("alice", tollgate.lastSid()));

        assertThat(answered.statusCode()).isEqualTo(400);
        assertThat(answered.body()).contains("invalid_request");
        assertThat(browser.get("/books").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> postLogoutToken(String token) throws IOException, InterruptedException {
        return tollgateServer.send(HttpRequest.newBuilder(
                        URI.create(browser.baseUrl() + SignInConfiguration.BACK_CHANNEL_LOGOUT_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
