package dev.tollgate.auth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.PrometheusScrape;

/** An operator's Prometheus sees tokens issued, sign-ins, introspections and revocations, with their latency. */
@AuthServerTest
class ProtocolMetricsTest extends HttpTest {

    private static final String TOKEN_REQUESTS = "tollgate_token_requests_seconds_count";

    private static final int SELF_REGISTERED = 20;

    @Autowired
    RegisteredClientRepository clients;

    @Test
    void tokenIssuanceIsCountedAndTimedByGrantTypeAndClient() {
        String[] labels = {"client_id=\"demo-service\"", "grant_type=\"client_credentials\"", "outcome=\"success\""};
        double before = scrape().value(TOKEN_REQUESTS, labels);

        assertThat(http.clientCredentials("demo-service", "demo-service-secret", null).status()).isEqualTo(200);
        assertThat(http.clientCredentials("demo-service", "demo-service-secret", "books.read").status())
                .isEqualTo(200);

        PrometheusScrape after = scrape();
        assertThat(after.value(TOKEN_REQUESTS, labels) - before).isEqualTo(2);
        assertThat(after.value("tollgate_token_requests_seconds_bucket", labels[0], labels[1], "le=\"+Inf\""))
                .as("a latency histogram").isEqualTo(after.value(TOKEN_REQUESTS, labels[0], labels[1]));
    }

    @Test
    void aRejectedCallerIsCountedWithoutTheClientIdItClaimed() {
        String[] labels = {"client_id=\"none\"", "grant_type=\"client_credentials\"", "outcome=\"rejected\""};
        double before = scrape().value(TOKEN_REQUESTS, labels);

        assertThat(http.clientCredentials("made-up-client-4711", "guess", null).status()).isEqualTo(401);

        PrometheusScrape after = scrape();
        assertThat(after.value(TOKEN_REQUESTS, labels) - before).isEqualTo(1);
        assertThat(after.text()).doesNotContain("made-up-client-4711");
    }

    @Test
    void aTokenRequestWithoutGrantTypeIsCountedAsOther() {
        String[] labels = {"client_id=\"demo-service\"", "grant_type=\"other\"", "outcome=\"rejected\""};
        double before = scrape().value(TOKEN_REQUESTS, labels);

        assertThat(http.post("/oauth2/token", "demo-service", "demo-service-secret", Map.of("scope", "books.read"))
                .status()).isEqualTo(400);

        assertThat(scrape().value(TOKEN_REQUESTS, labels) - before).isEqualTo(1);
    }

    @Test
    void introspectionsAndRevocationsAreCountedByClient() {
        String token = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");
        String introspections = "tollgate_introspection_requests_seconds_count";
        String revocations = "tollgate_revocation_requests_seconds_count";
        PrometheusScrape before = scrape();

        http.introspect(token);
        http.post("/oauth2/revoke", "demo-service", "demo-service-secret", Map.of("token", token));

        PrometheusScrape after = scrape();
        assertThat(after.value(introspections, "client_id=\"resource-server\"", "outcome=\"success\"")
                - before.value(introspections, "client_id=\"resource-server\"", "outcome=\"success\"")).isEqualTo(1);
        assertThat(after.value(revocations, "client_id=\"demo-service\"", "outcome=\"success\"")
                - before.value(revocations, "client_id=\"demo-service\"", "outcome=\"success\"")).isEqualTo(1);
    }

    /**
     * A token call is timed once, in {@code tollgate_token_requests_seconds}, not again in Spring Boot's
     * {@code http_server_requests_seconds} (where the endpoint, served by a filter, would be {@code uri="UNKNOWN"}),
     * which keeps timing every other request.
     */
    @Test
    void protocolCallsAreTimedOnceAndOtherRequestsStillAsHttpServerRequests() {
        String serverRequests = "http_server_requests_seconds_count";
        String[] tokenCall = {"method=\"POST\"", "status=\"200\"", "uri=\"UNKNOWN\""};
        String loginPage = "uri=\"/login\"";
        PrometheusScrape before = scrape();

        assertThat(http.clientCredentials("demo-service", "demo-service-secret", null).status()).isEqualTo(200);
        assertThat(http.get("/login").status()).isEqualTo(200);

        PrometheusScrape after = scrape();
        assertThat(after.value(TOKEN_REQUESTS, "client_id=\"demo-service\"")
                - before.value(TOKEN_REQUESTS, "client_id=\"demo-service\"")).isEqualTo(1);
        assertThat(after.value(serverRequests, tokenCall)).isEqualTo(before.value(serverRequests, tokenCall));
        assertThat(after.value(serverRequests, loginPage) - before.value(serverRequests, loginPage)).isEqualTo(1);
    }

    @Test
    void signInsAreCountedBySuccessAndFailure() throws Exception {
        PrometheusScrape before = scrape();
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open("/login");
            browser.signIn(login, "alice", "not-her-password");
            browser.signIn(browser.open("/login"), "alice", "alice-password");
        }
        PrometheusScrape after = scrape();
        assertThat(after.value("tollgate_logins_total", "outcome=\"failure\"")
                - before.value("tollgate_logins_total", "outcome=\"failure\"")).isEqualTo(1);
        assertThat(after.value("tollgate_logins_total", "outcome=\"success\"")
                - before.value("tollgate_logins_total", "outcome=\"success\"")).isEqualTo(1);
    }

    /**
     * Clients that register themselves are counted as {@code other}: however many there are, the histograms keep the
     * series of the built-in clients, {@code other} and {@code none}, not one per client.
     */
    @Test
    void selfRegisteredClientsShareOneLabelValueSoTheSeriesStayBounded() {
        String[] others = {"client_id=\"other\"", "grant_type=\"client_credentials\"", "outcome=\"success\""};
        double before = scrape().value(TOKEN_REQUESTS, others);
        List<String> registered = new ArrayList<>();
        for (int client = 0; client < SELF_REGISTERED; client++) {
            String registrarToken = http.clientCredentials("demo-registrar", "demo-registrar-secret", null)
                    .field("access_token");
            Reply registration = http.postJson("/oauth2/register", registrarToken, """
                    {"client_name": "Importer %d", "grant_types": ["client_credentials"], "scope": "books.read"}
                    """.formatted(client));
            assertThat(registration.status()).as(registration.toString()).isEqualTo(201);
            registered.add(registration.field("client_id"));
            assertThat(http.clientCredentials(registration.field("client_id"), registration.field("client_secret"),
                    null).status()).isEqualTo(200);
        }

        PrometheusScrape after = scrape();
        assertThat(after.value(TOKEN_REQUESTS, others) - before).isEqualTo(SELF_REGISTERED);
        assertThat(after.labelValues(TOKEN_REQUESTS, "client_id"))
                .contains("demo-registrar", "other")
                .doesNotContainAnyElementsOf(registered)
                .allSatisfy(value -> assertThat(List.of("other", "none").contains(value)
                        || TollgateClientSettings.isBuiltIn(clients.findByClientId(value)))
                        .as("%s is other, none or a built-in client", value).isTrue());
        assertThat(after.text()).doesNotContain(registered.get(0));
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(http.baseUrl());
    }
}
