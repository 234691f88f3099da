package dev.tollgate.api.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.api.security.Caller;
import dev.tollgate.api.support.ApiTest;
import dev.tollgate.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory is written on news and at most once a minute otherwise, not on every call. */
class UserSightingsTest extends ApiTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @Autowired
    private UserDirectory directory;

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void repeatedCallsWithinTheIntervalWriteNothingAndTheFirstCallAfterItMovesLastSeen() {
        UserSightings sightings = new UserSightings(directory, INTERVAL, clock);
        Caller gina = user("gina", "gina@example.com", List.of("USER"));

        sightings.seen(gina);
        clock.advance(Duration.ofSeconds(59));
        sightings.seen(gina);

        DirectoryUser afterMinute = directory.findById(gina.subject()).orElseThrow();
        assertThat(afterMinute.firstSeen()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(afterMinute.lastSeen()).isEqualTo(afterMinute.firstSeen());

        clock.advance(Duration.ofSeconds(2));
        sightings.seen(gina);

        DirectoryUser later = directory.findById(gina.subject()).orElseThrow();
        assertThat(later.firstSeen()).isEqualTo(afterMinute.firstSeen());
        assertThat(later.lastSeen()).isEqualTo(Instant.parse("2026-01-01T10:01:01Z"));
    }

    @Test
    void aChangedUsernameEmailOrRoleIsWrittenAtOnce() {
        UserSightings sightings = new UserSightings(directory, INTERVAL, clock);
        Caller hank = user("hank", "hank@example.com", List.of("USER"));
        sightings.seen(hank);

        clock.advance(Duration.ofSeconds(1));
        sightings.seen(new Caller(hank.subject(), "hank", "hank@example.com", List.of("ADMIN", "USER"), Set.of(), null));
        assertThat(directory.findById(hank.subject()).orElseThrow().roles()).containsExactly("ADMIN", "USER");

        clock.advance(Duration.ofSeconds(1));
        sightings.seen(new Caller(hank.subject(), "henry", "henry@example.com", List.of("ADMIN", "USER"), Set.of(), null));
        DirectoryUser renamed = directory.findById(hank.subject()).orElseThrow();
        assertThat(renamed.username()).isEqualTo("henry");
        assertThat(renamed.email()).isEqualTo("henry@example.com");
        assertThat(renamed.lastSeen()).isEqualTo(Instant.parse("2026-01-01T10:00:02Z"));
    }

    private static Caller user(String username, String email, List<String> roles) {
        return new Caller(UUID.randomUUID().toString(), username, email, roles, Set.of("books.read"), null);
    }
}
