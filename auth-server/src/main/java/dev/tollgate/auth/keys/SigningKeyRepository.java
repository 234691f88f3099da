package dev.tollgate.auth.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code signing_key}: the active key (with its encrypted private half) and retired, still-published keys. */
@Repository
public class SigningKeyRepository {

    private static final String SELECT = "SELECT kid, algorithm, public_jwk, private_jwk, active, created_at, "
            + "retired_at, publish_until FROM signing_key ";

    private final JdbcClient jdbc;

    public SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stored key, the active one first, then the most recent. */
    public List<StoredKey> findAll() {
        return jdbc.sql(SELECT + "ORDER BY active NULLS LAST, created_at DESC").query(this::map).list();
    }

    /** The keys the JWKS publishes at {@code now}: the active one and retired ones still needed. */
    public List<StoredKey> findPublished(Instant now) {
        return jdbc.sql(SELECT + "WHERE active = TRUE OR publish_until > ? ORDER BY active NULLS LAST, created_at DESC")
                .param(Timestamp.from(now))
                .query(this::map)
                .list();
    }

    /**
     * Stores a key as the active one; fails with a {@code DuplicateKeyException} if one is already active (another
     * instance was faster).
     */
    public void insertActive(String kid, String algorithm, String publicJwk, String encryptedPrivateJwk,
            Instant createdAt) {
        jdbc.sql("""
                        INSERT INTO signing_key (kid, algorithm, public_jwk, private_jwk, active, created_at)
                        VALUES (?, ?, ?, ?, TRUE, ?)
                        """)
                .params(kid, algorithm, publicJwk, encryptedPrivateJwk, Timestamp.from(createdAt))
                .update();
    }

    /** Stops {@code kid} signing and forgets its private half; false if it was not the active key any more. */
    public boolean retire(String kid, Instant retiredAt, Instant publishUntil) {
        return jdbc.sql("""
                        UPDATE signing_key SET active = NULL, private_jwk = NULL, retired_at = ?, publish_until = ?
                        WHERE kid = ? AND active = TRUE
                        """)
                .params(Timestamp.from(retiredAt), Timestamp.from(publishUntil), kid)
                .update() == 1;
    }

    public void replacePrivateJwk(String kid, String privateJwk) {
        jdbc.sql("UPDATE signing_key SET private_jwk = ? WHERE kid = ?").params(privateJwk, kid).update();
    }

    /** Deletes retired keys whose publication ended before {@code now}; answers their ids. */
    public List<String> deleteUnpublished(Instant now) {
        List<String> kids = jdbc.sql("SELECT kid FROM signing_key WHERE active IS NULL AND publish_until <= ?")
                .param(Timestamp.from(now))
                .query(String.class)
                .list();
        kids.forEach(kid -> jdbc.sql("DELETE FROM signing_key WHERE kid = ?").param(kid).update());
        return kids;
    }

    private StoredKey map(ResultSet rs, int row) throws SQLException {
        return new StoredKey(rs.getString("kid"), rs.getString("algorithm"), rs.getString("public_jwk"),
                rs.getString("private_jwk"), rs.getBoolean("active"), instant(rs, "created_at"),
                instant(rs, "retired_at"), instant(rs, "publish_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** One row; {@code privateJwk} is the encrypted private half, null once the key is retired. */
    public record StoredKey(String kid, String algorithm, String publicJwk, String privateJwk, boolean active,
            Instant createdAt, Instant retiredAt, Instant publishUntil) {

        /** This row without its private half, for showing. */
        public StoredKey withoutPrivateHalf() {
            return new StoredKey(kid, algorithm, publicJwk, null, active, createdAt, retiredAt, publishUntil);
        }
    }
}
