package dev.tollgate.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;
import dev.tollgate.auth.support.Pkce;

@HardenedAuthServerTest
class SecurityHeadersTest {

    private static final List<String> PAGES_AND_ENDPOINTS = List.of("/login", "/logout", "/oauth2/jwks",
            "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server", "/actuator/health",
            "/css/tollgate.css", "/error", "/no-such-page", "/userinfo", "/oauth2/consent",
            "/oauth2/authorize?response_type=code&client_id=demo-web");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Test
    void everyPageAndEndpointForbidsFramingInlineScriptsReferrersAndSniffing() throws Exception {
        for (String path : PAGES_AND_ENDPOINTS) {
            assertProtective(path, send(get(path)).headers());
        }
        assertProtective("POST /oauth2/token", send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))).headers());
    }

    @Test
    void overTlsBrowsersAreToldToStayOnHttpsAndTheSessionCookieIsSecure() throws Exception {
        HttpHeaders headers = send(get("/login").header("X-Forwarded-Proto", "https")).headers();
        assertThat(headers.firstValue("Strict-Transport-Security")).hasValueSatisfying(hsts ->
                assertThat(hsts).contains("max-age="));
        assertThat(sessionCookie(headers)).contains("Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void overPlainHttpThereIsNoHstsAndTheCookieIsStillHttpOnlyAndLax() throws Exception {
        HttpHeaders headers = send(get("/login")).headers();
        assertThat(headers.firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(sessionCookie(headers)).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void signingInChangesTheSessionIdAndEveryFormCarriesACsrfToken() throws Exception {
        try (Browser browser = new Browser("http://localhost:" + port).behindProxy(ClientAddresses.next())) {
            HtmlPage login = browser.open(Browser.authorizePath("demo-web", AuthServerTest.DEMO_WEB_REDIRECT_URI,
                    "openid books.read", "s1", Pkce.create()));
            assertEveryFormHasACsrfToken(login);
            String before = browser.sessionCookie();

            HtmlPage consent = browser.signIn(login, "alice", "alice-password");
            assertThat(consent.getElementById("consent-form")).isNotNull();
            assertThat(browser.sessionCookie()).isNotNull().isNotEqualTo(before);
            assertEveryFormHasACsrfToken(consent);
            assertEveryFormHasACsrfToken(browser.open("/logout"));
        }
    }

    @Test
    void aSignInPostWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> page = send(get("/login"));
        String cookie = sessionCookie(page.headers()).split(";")[0];
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/login"))
                .header("Cookie", cookie)
                .header("X-Forwarded-For", ClientAddresses.next())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-password")));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    private static void assertEveryFormHasACsrfToken(HtmlPage page) {
        List<HtmlForm> forms = page.getForms();
        assertThat(forms).isNotEmpty();
        for (HtmlForm form : forms) {
            assertThat(form.getInputsByName("_csrf")).as(page.getUrl() + " form " + form.getId()).hasSize(1);
            assertThat(form.getInputByName("_csrf").getValue()).isNotBlank();
        }
    }

    private static void assertProtective(String what, HttpHeaders headers) {
        assertThat(headers.firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'", "script-src 'self'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
    }

    private static String sessionCookie(HttpHeaders headers) {
        return headers.allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("TOLLGATE_SESSION="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + headers.map()));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", ClientAddresses.next()).GET();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
