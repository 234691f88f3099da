package dev.tollgate.api.withtollgate;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.api.support.ApiClient;
import dev.tollgate.testsupport.TestClock;
import dev.tollgate.testsupport.TestDatabases;

/**
 * Base of the tests against the real Tollgate: this API on a random port trusts the auth server process that
 * every such test shares, and introspects its opaque tokens as the demo client {@code resource-server}. The
 * introspection cache is kept short so that revocation shows within a test; the demo profile seeds the books. This
 * API's time runs on a {@link TestClock}, which tests move to let its caches and tokens expire; the auth server's
 * time is real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=demo",
        "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "api-with-tollgate" + TestDatabases.IN_MEMORY_H2_SETTINGS,
        "tollgate.api.audience=" + TollgateProcess.AUDIENCE,
        "tollgate.api.introspection.client-secret=resource-server-secret",
        "tollgate.api.introspection.cache-ttl=2s",
        "tollgate.api.introspection.inactive-cache-ttl=1s",
        "tollgate.api.clock-skew=0s"})
@Import(TestClock.Config.class)
abstract class TollgateApiTest {

    static final Duration CACHE_TTL = Duration.ofSeconds(2);

    @LocalServerPort
    protected int port;

    protected ApiClient api;
    protected TollgateTokens tokens;

    @DynamicPropertySource
    static void trustTollgate(DynamicPropertyRegistry registry) {
        registry.add("tollgate.issuer", () -> TollgateProcess.shared().issuer());
    }

    @BeforeEach
    void connect() {
        api = new ApiClient("http://localhost:" + port);
        tokens = new TollgateTokens(TollgateProcess.shared().issuer());
    }
}
