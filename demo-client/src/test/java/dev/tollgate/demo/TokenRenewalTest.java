package dev.tollgate.demo;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Access tokens live minutes; the app renews them with the refresh token without the user noticing. */
class TokenRenewalTest extends DemoClientTest {

    @Test
    void anAccessTokenAboutToExpireIsRenewedWithTheRefreshToken() {
        tollgate.accessTokensLive(30);
        browser.signIn();
        String firstToken = browser.open("/books").statusCode() == 200 ? tollgate.lastBearerToken() : null;

        HttpResponse<String> books = browser.open("/books");

        assertThat(books.statusCode()).isEqualTo(200);
        assertThat(books.body()).contains("Dune");
        assertThat(tollgate.refreshes()).isEqualTo(2);
        assertThat(tollgate.lastBearerToken()).isNotEqualTo(firstToken);
        assertThat(tollgate.isAccessToken(tollgate.lastBearerToken())).isTrue();
    }

    @Test
    void aFreshAccessTokenIsUsedAsItIs() {
        browser.signIn();

        browser.open("/books");
        browser.open("/books");

        assertThat(tollgate.refreshes()).isZero();
    }

    @Test
    void whenTheRefreshTokenNoLongerWorksThenTheUserSignsInAgainAndGetsBackToTheBooks() {
        tollgate.accessTokensLive(30);
        browser.signIn();
        tollgate.revokeRefreshTokens();

        HttpResponse<String> books = browser.get("/books");
        assertThat(books.statusCode()).isEqualTo(302);
        assertThat(Browser.location(books)).endsWith("/oauth2/authorization/tollgate");

        HttpResponse<String> afterSignIn = browser.follow(books);
        assertThat(afterSignIn.uri().getPath()).isEqualTo("/books");
        assertThat(afterSignIn.body()).contains("Dune");
    }

    @Test
    void whenTollgateIsDownAtRenewalThenTheUserReadsAHumanMessage() {
        tollgate.accessTokensLive(30);
        browser.signIn();
        tollgate.tokenEndpointDown();

        HttpResponse<String> books = browser.open("/books");

        assertThat(books.statusCode()).isEqualTo(503);
        assertThat(books.body()).contains("Tollgate is not answering").doesNotContain("Exception", "Whitelabel");
    }
}
