package dev.tollgate.auth.dpop;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The server-provided DPoP nonces of RFC 9449 §8, one per five-minute period, in table {@code dpop_nonce} (V62) so
 * that every instance sharing the database hands out and accepts the same ones. A nonce is good during its period
 * and the next, so a client that just got one is not refused at a period's end.
 */
@Repository
class ServerNonces {

    static final Duration PERIOD = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    private final Clock clock;

    private final Map<Long, String> known = new ConcurrentHashMap<>();

    ServerNonces(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The nonce of the current period, made now if no instance made it yet. */
    String current() {
        long period = currentPeriod();
        String nonce = known.get(period);
        if (nonce == null) {
            nonce = loadOrCreate(period);
            known.put(period, nonce);
            known.keySet().removeIf(older -> older < period - 1);
        }
        return nonce;
    }

    boolean isGood(String nonce) {
        long period = currentPeriod();
        return nonce.equals(current()) || lookUp(period - 1).filter(nonce::equals).isPresent();
    }

    private long currentPeriod() {
        return clock.instant().getEpochSecond() / PERIOD.toSeconds();
    }

    private Optional<String> lookUp(long period) {
        String cached = known.get(period);
        if (cached != null) {
            return Optional.of(cached);
        }
        return jdbc.sql("SELECT nonce FROM dpop_nonce WHERE period = ?").param(period).query(String.class).optional();
    }

    private String loadOrCreate(long period) {
        jdbc.sql("DELETE FROM dpop_nonce WHERE period < ?").param(period - 1).update();
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        // when another instance was first, its nonce is the one
        jdbc.sql("INSERT INTO dpop_nonce (period, nonce) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(period, Base64.getUrlEncoder().withoutPadding().encodeToString(random))
                .update();
        return jdbc.sql("SELECT nonce FROM dpop_nonce WHERE period = ?").param(period).query(String.class).single();
    }
}
