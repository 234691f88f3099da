package dev.tollgate.auth.passkey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.secret.SecretDigest;

/**
 * Makes each WebAuthn challenge good for one ceremony, on every instance and under parallel requests: Spring
 * Security keeps the challenge in the session and removes it after reading it, so two requests at the same moment
 * could both read it. The first to record the challenge's digest (a primary key, so the database decides) wins.
 */
@Component
class UsedChallenges {

    /** Longer than any challenge lives (Spring Security's options time out after 5 minutes). */
    private static final Duration KEPT = Duration.ofHours(1);

    private static final SecretDigest DIGEST = new SecretDigest();

    private final JdbcClient jdbc;

    private final Clock clock;

    UsedChallenges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the challenge as used; false if it was used before. */
    boolean use(Bytes challenge) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM webauthn_used_challenges WHERE used_at < ?")
                .param(OffsetDateTime.ofInstant(now.minus(KEPT), ZoneOffset.UTC)).update();
        try {
            jdbc.sql("INSERT INTO webauthn_used_challenges (challenge_digest, used_at) VALUES (?, ?)")
                    .params(DIGEST.encode(challenge.toBase64UrlString()), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
            return true;
        }
        catch (DuplicateKeyException usedBefore) {
            return false;
        }
    }
}
