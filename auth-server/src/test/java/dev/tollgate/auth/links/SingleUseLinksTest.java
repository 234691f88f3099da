package dev.tollgate.auth.links;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.SharedAuthServerContext;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.TestClock;

import static dev.tollgate.auth.links.LinkPurpose.EMAIL_VERIFICATION;
import static dev.tollgate.auth.links.LinkPurpose.PASSWORD_RESET;
import static org.assertj.core.api.Assertions.assertThat;

class SingleUseLinksTest extends SharedAuthServerContext {

    private static final Duration VALIDITY = Duration.ofMinutes(15);

    @Autowired
    SingleUseLinks links;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private UUID userId;

    @BeforeEach
    void newUser() {
        userId = new TestUsers(users, passwords).create("links").id();
    }

    @Test
    void aLinkWorksOnceForItsHolder() {
        String token = links.issue(EMAIL_VERIFICATION, userId, "new@example.com", VALIDITY);

        assertThat(links.peek(EMAIL_VERIFICATION, token)).contains(new LinkHolder(userId, "new@example.com"));
        assertThat(links.use(EMAIL_VERIFICATION, token)).contains(new LinkHolder(userId, "new@example.com"));
        assertThat(links.use(EMAIL_VERIFICATION, token)).isEmpty();
        assertThat(links.peek(EMAIL_VERIFICATION, token)).isEmpty();
    }

    @Test
    void onlyTheDigestOfAHighEntropyTokenIsStored() {
        String token = links.issue(PASSWORD_RESET, userId, null, VALIDITY);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        List<String> stored = jdbc.sql("SELECT digest FROM single_use_link WHERE user_id = ?").param(userId)
                .query(String.class).list();
        assertThat(stored).hasSize(1).noneMatch(digest -> digest.contains(token)).allMatch(d -> d.length() == 64);
    }

    @Test
    void aLinkEndsAtItsExpiry() {
        String token = links.issue(PASSWORD_RESET, userId, null, VALIDITY);

        clock.advance(VALIDITY);

        assertThat(links.peek(PASSWORD_RESET, token)).isEmpty();
        assertThat(links.use(PASSWORD_RESET, token)).isEmpty();
    }

    @Test
    void aLinkOfOnePurposeOpensNoOther() {
        String token = links.issue(EMAIL_VERIFICATION, userId, "new@example.com", VALIDITY);

        assertThat(links.use(PASSWORD_RESET, token)).isEmpty();
        assertThat(links.use(PASSWORD_RESET, token + "x")).isEmpty();
        assertThat(links.use(PASSWORD_RESET, "")).isEmpty();
    }

    @Test
    void withdrawnLinksStopWorking() {
        String first = links.issue(PASSWORD_RESET, userId, null, VALIDITY);
        String second = links.issue(PASSWORD_RESET, userId, null, VALIDITY);

        links.withdrawAll(PASSWORD_RESET, userId);

        assertThat(links.use(PASSWORD_RESET, first)).isEmpty();
        assertThat(links.use(PASSWORD_RESET, second)).isEmpty();
    }

    @Test
    void ofParallelUsesExactlyOneSucceeds() {
        String token = links.issue(PASSWORD_RESET, userId, null, VALIDITY);

        List<Optional<LinkHolder>> uses = Concurrently.times(8, () -> links.use(PASSWORD_RESET, token));

        assertThat(uses).filteredOn(Optional::isPresent).hasSize(1);
    }
}
