package dev.tollgate.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** tollgate.password.bcrypt-strength is 5 in application-test.yml. */
@AuthServerTest
class PasswordRehashTest {

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Test
    void aHashMadeWithAWeakerBcryptStrengthIsRehashedAtTheNextSignIn() throws Exception {
        String username = "carol-" + UUID.randomUUID();
        String weakHash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("carol-long-password");
        users.upsertByUsername(new TollgateUser(UUID.randomUUID(), username, weakHash, null, false, "Carol", true,
                new TreeSet<>(List.of("USER"))));

        try (Browser browser = new Browser("http://localhost:" + port)) {
            browser.signIn(browser.open("/login"), username, "wrong-password-here");
            assertThat(users.findByUsername(username).orElseThrow().passwordHash())
                    .as("a failed sign-in changes nothing").isEqualTo(weakHash);
            browser.signIn(browser.open("/login"), username, "carol-long-password");
        }

        String rehashed = users.findByUsername(username).orElseThrow().passwordHash();
        assertThat(rehashed).startsWith("{bcrypt}$2a$05$");
        assertThat(new BCryptPasswordEncoder().matches("carol-long-password", rehashed.substring("{bcrypt}".length())))
                .isTrue();
    }
}
