package dev.tollgate.auth.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testsupport.TestDatabases;

/**
 * Tollgate with social login against the {@link DemoUpstream}: provider {@code upstream}, the same upstream as
 * {@code strict} (which requires a verified email), and {@code offline} (nothing listens there). Every subclass
 * shares one Spring context, on its own in-memory database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "federation-test" + TestDatabases.IN_MEMORY_H2_SETTINGS,
        "tollgate.federation.providers.upstream.name=Upstream",
        "tollgate.federation.providers.upstream.client-id=tollgate",
        "tollgate.federation.providers.upstream.client-secret=tollgate-upstream-secret",
        "tollgate.federation.providers.strict.name=Strict Upstream",
        "tollgate.federation.providers.strict.client-id=tollgate",
        "tollgate.federation.providers.strict.client-secret=tollgate-upstream-secret",
        "tollgate.federation.providers.strict.require-verified-email=true",
        "tollgate.federation.providers.offline.name=Offline",
        "tollgate.federation.providers.offline.issuer-uri=http://localhost:1",
        "tollgate.federation.providers.offline.client-id=tollgate"})
@ActiveProfiles({"demo", "test"})
public abstract class FederationTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void upstreamIssuer(DynamicPropertyRegistry properties) {
        properties.add("tollgate.federation.providers.upstream.issuer-uri", DemoUpstream::issuer);
        properties.add("tollgate.federation.providers.strict.issuer-uri", DemoUpstream::issuer);
    }

    @BeforeEach
    void startUpstream() {
        DemoUpstream.startFor(port);
    }

    protected String tollgate() {
        return "http://localhost:" + port;
    }
}
