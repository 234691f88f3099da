package dev.tollgate.auth.authorization;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.auth.secret.SecretDigest;

/** Remembers refresh tokens that were rotated out (by digest only, never the token itself). */
@Repository
public class RotatedRefreshTokens {

    private final JdbcClient jdbc;

    private final SecretDigest digest = new SecretDigest();

    public RotatedRefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void remember(String refreshToken, String authorizationId) {
        jdbc.sql("INSERT INTO rotated_refresh_token (token_digest, authorization_id) VALUES (?, ?)")
                .params(digest.encode(refreshToken), authorizationId)
                .update();
    }

    /** The authorization a rotated-out refresh token belonged to, if {@code refreshToken} is one. */
    public Optional<String> authorizationOf(String refreshToken) {
        return jdbc.sql("SELECT authorization_id FROM rotated_refresh_token WHERE token_digest = ?")
                .param(digest.encode(refreshToken))
                .query(String.class)
                .optional();
    }
}
