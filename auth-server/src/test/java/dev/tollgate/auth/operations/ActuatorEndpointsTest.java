package dev.tollgate.auth.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.PrometheusScrape;

/** What a load balancer, an orchestrator and Prometheus may read, and what nobody else may. */
@AuthServerTest
class ActuatorEndpointsTest extends HttpTest {

    @Test
    void probesAreOpenAndReadinessIncludesTheDatabase() throws Exception {
        Reply liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.field("status")).isEqualTo("UP");

        Reply readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.field("status")).isEqualTo("UP");
        assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("UP");

        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void aProbeCreatesNoSession() throws Exception {
        HttpResponse<String> probe = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http.baseUrl() + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void onlyTheScraperReadsPrometheusMetrics() {
        assertThat(PrometheusScrape.withBasic(http.baseUrl() + "/actuator/prometheus", PrometheusScrape.USERNAME,
                "wrong").statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(PrometheusScrape.of(http.baseUrl()).text()).contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections");
    }

    @Test
    void noOtherActuatorEndpointIsReachableEvenForTheScraper() {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/metrics"}) {
            assertThat(http.get(path).status()).as(path).isIn(401, 404);
            assertThat(PrometheusScrape.withBasic(http.baseUrl() + path, PrometheusScrape.USERNAME,
                    PrometheusScrape.PASSWORD).statusCode()).as(path).isIn(403, 404);
        }
    }
}
