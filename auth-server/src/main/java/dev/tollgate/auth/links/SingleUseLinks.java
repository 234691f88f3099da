package dev.tollgate.auth.links;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.tollgate.auth.secret.SecretDigest;

/**
 * Links that work once, for a while (table {@code single_use_link}, V52). The token in a link is 256 random bits,
 * base64url; only its SHA-256 digest is stored. {@link #use} is one conditional UPDATE: however many requests
 * present a token at once, one gets the user and the others nothing.
 */
@Service
public class SingleUseLinks {

    private static final int TOKEN_BYTES = 32;

    /** Expired links stay this long, so that the cap per recipient still sees them; then they go. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private static final SecretDigest DIGEST = new SecretDigest();

    private final SecureRandom random = new SecureRandom();

    private final JdbcClient jdbc;

    private final Clock clock;

    SingleUseLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new link's token for the user, valid for {@code validity}; {@code email} as in {@link LinkHolder}. */
    public String issue(LinkPurpose purpose, UUID userId, String email, Duration validity) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = now();
        jdbc.sql("""
                INSERT INTO single_use_link (digest, purpose, user_id, email, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(DIGEST.encode(token), purpose.name(), userId, email, at(now), at(now.plus(validity)))
                .update();
        return token;
    }

    /** How many links of this purpose the user was sent since {@code since}. */
    public long issuedSince(LinkPurpose purpose, UUID userId, Instant since) {
        return jdbc.sql("SELECT count(*) FROM single_use_link WHERE user_id = ? AND purpose = ? AND created_at >= ?")
                .params(userId, purpose.name(), at(since))
                .query(Long.class).single();
    }

    /** The holder of a link that is unused and unexpired, without using it (a page that shows the link's form). */
    public Optional<LinkHolder> peek(LinkPurpose purpose, String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT user_id, email FROM single_use_link
                WHERE digest = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?""")
                .params(DIGEST.encode(token), purpose.name(), at(now()))
                .query((rs, n) -> new LinkHolder(rs.getObject("user_id", UUID.class), rs.getString("email")))
                .optional();
    }

    /**
     * Uses the link: its holder if it was unused and unexpired until now, else empty (used, expired, unknown, or
     * another request used it first). Call in the transaction of what the link does, so that a failure there
     * leaves the link unused.
     */
    public Optional<LinkHolder> use(LinkPurpose purpose, String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String digest = DIGEST.encode(token);
        Instant now = now();
        int used = jdbc.sql("""
                UPDATE single_use_link SET used_at = ?
                WHERE digest = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?""")
                .params(at(now), digest, purpose.name(), at(now))
                .update();
        if (used == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT user_id, email FROM single_use_link WHERE digest = ?")
                .param(digest)
                .query((rs, n) -> new LinkHolder(rs.getObject("user_id", UUID.class), rs.getString("email")))
                .optional();
    }

    /** Every other unused link of this purpose of the user stops working (after a reset, older reset links). */
    public void withdrawAll(LinkPurpose purpose, UUID userId) {
        jdbc.sql("UPDATE single_use_link SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
                .params(at(now()), userId, purpose.name())
                .update();
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    @SchedulerLock(name = "single-use-link-cleanup")
    public void deleteExpired() {
        jdbc.sql("DELETE FROM single_use_link WHERE expires_at < ?").param(at(now().minus(KEPT_AFTER_EXPIRY)))
                .update();
    }

    /** Microseconds: what both databases store. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
