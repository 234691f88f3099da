package dev.tollgate.auth.keys;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SigningKeyRepository {

    private final JdbcClient jdbc;

    public SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stored key, the active one first. */
    public List<JWK> findAll() {
        return jdbc.sql("SELECT private_jwk FROM signing_key ORDER BY active NULLS LAST, created_at DESC")
                .query((rs, row) -> parse(rs.getString("private_jwk")))
                .list();
    }

    public Optional<String> findActiveKid() {
        return jdbc.sql("SELECT kid FROM signing_key WHERE active = TRUE").query(String.class).optional();
    }

    /** Stores {@code key} as the active key; fails with a {@code DuplicateKeyException} if one is already active. */
    public void insertActive(JWK key) {
        jdbc.sql("""
                        INSERT INTO signing_key (kid, algorithm, public_jwk, private_jwk, active)
                        VALUES (?, ?, ?, ?, TRUE)
                        """)
                .params(key.getKeyID(), key.getAlgorithm().getName(), key.toPublicJWK().toJSONString(),
                        key.toJSONString())
                .update();
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        }
        catch (ParseException corrupt) {
            throw new IllegalStateException("unreadable signing key in table signing_key", corrupt);
        }
    }
}
