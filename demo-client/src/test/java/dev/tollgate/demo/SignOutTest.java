package dev.tollgate.demo;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class SignOutTest extends DemoClientTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void signingOutEndsTheSessionHereAndAtTollgate() {
        browser.signIn();
        assertThat(storedTokens()).isEqualTo(1);

        HttpResponse<String> signedOut = browser.submit("/logout", Map.of());

        assertThat(signedOut.statusCode()).isEqualTo(302);
        URI logout = URI.create(Browser.location(signedOut));
        assertThat(logout.getScheme() + "://" + logout.getAuthority() + logout.getPath())
                .isEqualTo(tollgate.issuer() + "/connect/logout");
        assertThat(FakeTollgate.parse(logout.getRawQuery()))
                .containsEntry("id_token_hint", tollgate.lastIdToken())
                .containsEntry("post_logout_redirect_uri", browser.baseUrl() + "/");
        assertThat(storedTokens()).isZero();
        assertThat(browser.get("/books").statusCode()).isEqualTo(302);
        assertThat(browser.get("/").body()).contains("Sign in with Tollgate");
    }

    @Test
    void signingOutWithoutTheCsrfTokenIsRefused() {
        browser.signIn();

        HttpResponse<String> forged = browser.get("/");
        assertThat(forged.body()).contains("id=\"sign-out\"");

        assertThat(browser.submitWithoutCsrf("/logout").statusCode()).isEqualTo(403);
        assertThat(browser.get("/books").statusCode()).isEqualTo(200);
    }

    private int storedTokens() {
        return jdbc.sql("select count(*) from oauth2_authorized_client").query(Integer.class).single();
    }
}
