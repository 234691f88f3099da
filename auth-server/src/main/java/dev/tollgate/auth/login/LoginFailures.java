package dev.tollgate.auth.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.auth.secret.Sha256SecretEncoder;

/**
 * Counts failed sign-ins in the database, so that every instance sees the same counts and a restart forgets
 * nothing. Each failure that reaches the limit locks the subject for a back-off that doubles with every further
 * failure, capped by {@link LoginProtectionProperties#maxLockout()}.
 */
@Repository
public class LoginFailures {

    private static final Sha256SecretEncoder DIGEST = new Sha256SecretEncoder();

    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final LoginProtectionProperties properties;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant nextPurge = Instant.MIN;

    public LoginFailures(JdbcClient jdbc, LoginProtectionProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Until when the username or the address is locked, if either is. */
    public Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM login_failure WHERE subject IN (?, ?) AND locked_until > ?")
                .params(account(username), address(address), at(now))
                .query((rs, row) -> rs.getObject("locked_until", OffsetDateTime.class).toInstant())
                .list().stream().max(Instant::compareTo);
    }

    /** Counts a failure against the username and the address; answers the lock it caused, if any. */
    public Optional<Instant> recordFailure(String username, String address) {
        Instant now = clock.instant();
        purgeForgottenFailures(now);
        Optional<Instant> accountLock = record(account(username), properties.maxFailuresPerAccount(), now);
        Optional<Instant> addressLock = record(address(address), properties.maxFailuresPerAddress(), now);
        return accountLock.isPresent() ? accountLock : addressLock;
    }

    public void forgetAccount(String username) {
        jdbc.sql("DELETE FROM login_failure WHERE subject = ?").param(account(username)).update();
    }

    private Optional<Instant> record(String subject, int maxFailures, Instant now) {
        int failures = increment(subject, now);
        if (failures < maxFailures) {
            return Optional.empty();
        }
        Instant lockedUntil = now.plus(backOff(failures - maxFailures));
        jdbc.sql("UPDATE login_failure SET locked_until = ? WHERE subject = ?").params(at(lockedUntil), subject)
                .update();
        return Optional.of(lockedUntil);
    }

    /** Adds one failure and answers the new count; failures older than forgetAfter start the count again. */
    private int increment(String subject, Instant now) {
        OffsetDateTime forgotten = at(now.minus(properties.forgetAfter()));
        int updated = jdbc.sql("""
                        UPDATE login_failure
                        SET failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END, last_failure_at = ?
                        WHERE subject = ?
                        """)
                .params(forgotten, at(now), subject).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO login_failure (subject, failures, last_failure_at) VALUES (?, 1, ?)")
                        .params(subject, at(now)).update();
            }
            catch (DuplicateKeyException anotherInstanceInsertedFirst) {
                return increment(subject, now);
            }
        }
        return jdbc.sql("SELECT failures FROM login_failure WHERE subject = ?").param(subject)
                .query(Integer.class).single();
    }

    private Duration backOff(int failuresBeyondLimit) {
        Duration lockout = properties.lockout();
        for (int doubling = 0; doubling < failuresBeyondLimit && lockout.compareTo(properties.maxLockout()) < 0;
                doubling++) {
            lockout = lockout.multipliedBy(2);
        }
        return lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout;
    }

    private void purgeForgottenFailures(Instant now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_INTERVAL);
        jdbc.sql("DELETE FROM login_failure WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)")
                .params(at(now.minus(properties.forgetAfter())), at(now)).update();
    }

    private static String account(String username) {
        return DIGEST.encode("account:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)));
    }

    private static String address(String address) {
        return DIGEST.encode("address:" + address);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
