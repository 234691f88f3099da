package dev.tollgate.api.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testsupport.TestClock;
import dev.tollgate.testsupport.TestDatabases;

/**
 * Base of the API tests: one application on a random port with an in-memory database, trusting the fake
 * auth server. Every subclass shares the same Spring context. Time runs on a {@link TestClock}: a test that needs
 * time to pass moves it (it is reset after every test) rather than sleeping.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "api-test" + TestDatabases.IN_MEMORY_H2_SETTINGS,
        "tollgate.api.audience=" + AccessTokens.AUDIENCE,
        "tollgate.api.cors.allowed-origins=" + ApiTest.BROWSER_APP,
        "tollgate.api.introspection.client-secret=" + FakeAuthorizationServer.INTROSPECTION_SECRET,
        "tollgate.api.signals.client-id=" + FakeAuthorizationServer.SIGNALS_CLIENT,
        "tollgate.api.signals.client-secret=" + FakeAuthorizationServer.SIGNALS_SECRET,
        "tollgate.api.signals.receiver-url=" + ApiTest.RECEIVER_URL,
        // the receiver's rounds run when a test calls them; the one at start-up finds the auth server down
        "tollgate.api.signals.poll-interval=1h"})
@Import(TestClock.Config.class)
public abstract class ApiTest {

    /** The one origin allowed to call the API from a browser in these tests. */
    protected static final String BROWSER_APP = "https://books.example";
    /** The base URL the API's Shared Signals stream pushes to, as the fake auth server is told. */
    protected static final String RECEIVER_URL = "http://api-instance-1.test";

    protected static final FakeAuthorizationServer AUTH_SERVER = new FakeAuthorizationServer();
    protected static final AccessTokens TOKENS = new AccessTokens(AUTH_SERVER);
    protected static final SecurityEvents EVENTS = new SecurityEvents(AUTH_SERVER);

    @LocalServerPort
    private int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void trustTheFakeAuthServer(DynamicPropertyRegistry registry) {
        registry.add("tollgate.issuer", AUTH_SERVER::issuer);
    }

    @BeforeEach
    void connect() {
        // started only now, after the application: it must not need the auth server to start
        AUTH_SERVER.start();
        api = new ApiClient("http://localhost:" + port);
    }
}
