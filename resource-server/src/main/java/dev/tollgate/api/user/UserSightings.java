package dev.tollgate.api.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.tollgate.api.security.Caller;
import dev.tollgate.api.ApiProperties;

/**
 * Decides when a user's call is worth a write to the directory: the first call, a call whose token says
 * something new (username, email, roles, the client acting for the user), or the first call after
 * {@code lastSeenInterval}. Everything else is answered from memory, so a busy API does not write on every request.
 * Each write is logged, with the actor when a client calls on the user's behalf (token exchange, RFC 8693).
 */
@Component
public class UserSightings {

    private static final int MAX_REMEMBERED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(UserSightings.class);

    private final UserDirectory directory;
    private final Duration lastSeenInterval;
    private final Clock clock;
    private final Cache<String, Written> lastWritten = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).build();

    @Autowired
    UserSightings(UserDirectory directory, ApiProperties properties, Clock clock) {
        this(directory, properties.api().users().lastSeenInterval(), clock);
    }

    UserSightings(UserDirectory directory, Duration lastSeenInterval, Clock clock) {
        this.directory = directory;
        this.lastSeenInterval = lastSeenInterval;
        this.clock = clock;
    }

    public void seen(Caller caller) {
        Instant now = clock.instant();
        Written written = new Written(caller.username(), caller.email(), caller.roles(), caller.actor(), now);
        Written before = lastWritten.getIfPresent(caller.subject());
        if (before != null && before.sameProfileAs(written) && before.at().plus(lastSeenInterval).isAfter(now)) {
            return;
        }
        directory.record(caller, now);
        lastWritten.put(caller.subject(), written);
        if (caller.actor() != null) {
            log.info("users directory: user={} username={} seen through actor={}", caller.subject(), caller.username(),
                    caller.actor());
        }
        else {
            log.debug("users directory: user={} username={} seen", caller.subject(), caller.username());
        }
    }

    private record Written(String username, String email, List<String> roles, String actor, Instant at) {

        boolean sameProfileAs(Written other) {
            return Objects.equals(username, other.username) && Objects.equals(email, other.email)
                    && roles.equals(other.roles) && Objects.equals(actor, other.actor);
        }
    }
}
