package dev.tollgate.demo;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testsupport.TestDatabases;

/**
 * The demo app on a random port, talking to {@link FakeTollgate} for both Tollgate and the books API, on an
 * in-memory database. Every test class extends this one so that they all share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "demo-client" + TestDatabases.IN_MEMORY_H2_SETTINGS })
abstract class DemoClientTest {

    protected static final FakeTollgate tollgate = FakeTollgate.INSTANCE;

    @LocalServerPort
    private int port;

    protected Browser browser;

    @DynamicPropertySource
    static void pointAtFakeTollgate(DynamicPropertyRegistry properties) {
        properties.add("tollgate.issuer", tollgate::issuer);
        properties.add("tollgate.demo.api-url", tollgate::apiUrl);
    }

    @BeforeEach
    void freshBrowserAndTollgate() {
        tollgate.reset();
        browser = new Browser(port);
    }
}
