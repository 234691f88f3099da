package dev.tollgate.auth.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.secret.SecretDigest;

/**
 * Counts password guesses per account and per client address in the database, so that every instance sees the
 * same counts and a restart forgets nothing. A guess is counted as a failure <em>before</em> its password is
 * checked, under a row lock, and a success takes it back: parallel guesses cannot all pass a lock check that none of
 * them has tripped yet, so N guesses cost N failures and no more than the limit are ever checked. The guess that
 * reaches the limit locks the subject for a back-off that doubles with every further failure, capped by
 * {@link LoginProtectionProperties#maxLockout()}.
 */
@Repository
public class LoginFailures {

    private static final SecretDigest DIGEST = new SecretDigest();

    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(5);

    /** How often a guess starts over when a success or the purge deletes a count between two of its statements. */
    private static final int MAX_TRIES = 5;

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final LoginProtectionProperties properties;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public LoginFailures(JdbcClient jdbc, TransactionOperations transactions, LoginProtectionProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Counts a guess of the username's password from the address as a failure, before the password is checked.
     *
     * @throws LoginLockedException when the username or the address is locked; the guess is then not counted
     */
    public CountedGuess countGuess(String username, String address) {
        // microseconds: what both databases store, so that a lock read back equals the one written
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        purgeForgottenFailures(now);
        String account = account(username);
        String from = address(address);
        for (int tries = 1; ; tries++) {
            ensureCounted(account, now);
            ensureCounted(from, now);
            try {
                return transactions.execute(status -> {
                    // always the account's row first, then the address's: no two guesses wait for each other in a circle
                    Optional<Instant> accountLock = count(account, properties.maxFailuresPerAccount(), now);
                    Optional<Instant> addressLock = count(from, properties.maxFailuresPerAddress(), now);
                    return new CountedGuess(account, from, accountLock.orElse(null), addressLock.orElse(null));
                });
            }
            catch (CountForgotten deletedMeanwhile) {
                if (tries == MAX_TRIES) {
                    throw new IllegalStateException("the failure count of a sign-in kept disappearing");
                }
            }
        }
    }

    /**
     * The guess was right: forgets the account's failures, and takes the guess back from the address's count (not
     * more: an attacker signing in to an account of their own must not wipe the count of a password-spraying run).
     */
    public void succeeded(CountedGuess guess) {
        jdbc.sql("DELETE FROM login_failure WHERE subject = ?").param(guess.account()).update();
        addressGuessedRight(guess);
    }

    /**
     * The password was right, but its second factor is still to come: the account's failures stay (the guess too, so
     * that signing in again between wrong codes gains nothing), only the lock this guess set in advance is lifted; the
     * guess is taken back from the address's count.
     */
    public void passwordRightSecondFactorPending(CountedGuess guess) {
        if (guess.accountLock() != null) {
            jdbc.sql("UPDATE login_failure SET locked_until = NULL WHERE subject = ? AND locked_until = ?")
                    .params(guess.account(), at(guess.accountLock())).update();
        }
        addressGuessedRight(guess);
    }

    private void addressGuessedRight(CountedGuess guess) {
        if (guess.addressLock() != null) {
            // the lock this guess set in advance; every other guess from the address was refused since
            jdbc.sql("""
                            UPDATE login_failure SET failures = failures - 1, locked_until = NULL
                            WHERE subject = ? AND failures > 0 AND locked_until = ?
                            """)
                    .params(guess.address(), at(guess.addressLock())).update();
        }
        else {
            jdbc.sql("UPDATE login_failure SET failures = failures - 1 WHERE subject = ? AND failures > 0")
                    .param(guess.address()).update();
        }
        // an address whose every guess was right needs no row: the table holds only addresses that failed
        jdbc.sql("DELETE FROM login_failure WHERE subject = ? AND failures = 0 AND locked_until IS NULL")
                .param(guess.address()).update();
    }

    /**
     * Forgets the account's failures and lifts its lock: the person proved to own the account another way (a
     * password reset through a link sent to its address). The addresses' counts stay.
     */
    public void forgetAccount(String username) {
        jdbc.sql("DELETE FROM login_failure WHERE subject = ?").param(account(username)).update();
    }

    /**
     * Adds one failure to the subject's count, unless the subject is locked; answers the lock that this failure
     * sets when it reaches the limit. Failures older than forgetAfter start the count again.
     */
    private Optional<Instant> count(String subject, int maxFailures, Instant now) {
        Count current = jdbc.sql("""
                        SELECT failures, locked_until, last_failure_at FROM login_failure WHERE subject = ? FOR UPDATE
                        """)
                .param(subject)
                .query((rs, row) -> new Count(rs.getInt("failures"),
                        instant(rs.getObject("locked_until", OffsetDateTime.class)),
                        instant(rs.getObject("last_failure_at", OffsetDateTime.class))))
                .optional().orElseThrow(CountForgotten::new);
        if (current.lockedUntil() != null && current.lockedUntil().isAfter(now)) {
            throw new LoginLockedException();
        }
        boolean forgotten = current.lastFailureAt().isBefore(now.minus(properties.forgetAfter()));
        int failures = forgotten ? 1 : current.failures() + 1;
        Instant lockedUntil = failures >= maxFailures ? now.plus(backOff(failures - maxFailures)) : null;
        jdbc.sql("UPDATE login_failure SET failures = ?, locked_until = ?, last_failure_at = ? WHERE subject = ?")
                .params(failures, lockedUntil == null ? null : at(lockedUntil), at(now), subject)
                .update();
        return Optional.ofNullable(lockedUntil);
    }

    /** Makes sure the subject has a row to lock; a count of zero until a guess counts. */
    private void ensureCounted(String subject, Instant now) {
        boolean exists = jdbc.sql("SELECT count(*) FROM login_failure WHERE subject = ?").param(subject)
                .query(Long.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("INSERT INTO login_failure (subject, failures, last_failure_at) VALUES (?, 0, ?)")
                        .params(subject, at(now)).update();
            }
            catch (DuplicateKeyException anotherGuessInsertedFirst) {
                // the row is there, which is all this needs
            }
        }
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

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /**
     * A guess counted in advance, by the digests of its account and address.
     *
     * @param accountLock the lock this guess set on the account, if it reached the account's limit
     * @param addressLock the lock this guess set on the address, if it reached the address's limit
     */
    public record CountedGuess(String account, String address, Instant accountLock, Instant addressLock) {

        /** This guess reached the account's or the address's limit: if its password is wrong, sign-in is now locked. */
        public boolean locksOnFailure() {
            return accountLock != null || addressLock != null;
        }
    }

    private record Count(int failures, Instant lockedUntil, Instant lastFailureAt) {
    }

    /** A success or the purge deleted a count between making sure of it and locking it: the guess starts over. */
    private static final class CountForgotten extends RuntimeException {

        CountForgotten() {
            super(null, null, false, false);
        }
    }
}
