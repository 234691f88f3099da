package dev.tollgate.auth.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test class of the auth server on its random port ({@link AuthServerTest} or {@link HardenedAuthServerTest},
 * either also on PostgreSQL with test-support's {@code @OnPostgres}) that calls it with {@link #http}, a new
 * {@link OAuthHttp} for each test. It is there before the test class's own {@code @BeforeEach} methods run.
 */
public abstract class HttpTest {

    @LocalServerPort
    private int port;

    protected OAuthHttp http;

    @BeforeEach
    void connectToTheServer() {
        http = new OAuthHttp(port);
    }
}
