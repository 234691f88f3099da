package dev.tollgate.auth.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.user.UserRepository;

/**
 * A test of the admin plane on the auth server's random port ({@link AuthServerTest}, or also on PostgreSQL with
 * test-support's {@code @OnPostgres}): before the test class's own {@code @BeforeEach} methods run, {@link #admin}
 * calls with a fresh {@code tollgate.admin} token of demo-admin, {@link #grants} obtains users' grants, and
 * {@link #testUsers} makes users of the test's own.
 */
public abstract class AdminApiTest extends HttpTest {

    @Autowired
    private UserRepository users;

    @Autowired
    private PasswordEncoder passwords;

    protected AdminHttp admin;

    protected Grants grants;

    protected TestUsers testUsers;

    @BeforeEach
    void connectAsAdmin() {
        admin = AdminHttp.asDemoAdmin(http);
        grants = new Grants(http);
        testUsers = new TestUsers(users, passwords);
    }
}
