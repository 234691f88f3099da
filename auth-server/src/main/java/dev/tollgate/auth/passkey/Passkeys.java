package dev.tollgate.auth.passkey;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A user's passkeys as their account page shows and changes them; every statement names the owner, so nobody
 * renames or removes a passkey of someone else.
 */
@Repository
public class Passkeys {

    /** The most characters a passkey's name may have. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final String OF_USER = """
            user_entity_user_id = (SELECT user_handle FROM passkey_user_handles WHERE user_id = ?)
            """;

    private final JdbcClient jdbc;

    Passkeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's passkeys, oldest first. */
    public List<Passkey> of(UUID userId) {
        return jdbc.sql("SELECT credential_id, label, created, last_used FROM user_credentials WHERE " + OF_USER
                        + " ORDER BY created, credential_id")
                .param(userId)
                .query((row, number) -> new Passkey(row.getString("credential_id"), row.getString("label"),
                        instant(row.getObject("created", OffsetDateTime.class)),
                        instant(row.getObject("last_used", OffsetDateTime.class))))
                .list();
    }

    /** @return false when the user has no such passkey */
    boolean rename(UUID userId, String credentialId, String name) {
        return jdbc.sql("UPDATE user_credentials SET label = ? WHERE credential_id = ? AND " + OF_USER)
                .param(name)
                .param(credentialId)
                .param(userId)
                .update() == 1;
    }

    /** @return the name of the passkey removed; empty when the user has no such passkey (or it was just removed) */
    Optional<String> remove(UUID userId, String credentialId) {
        Optional<String> name = jdbc.sql("SELECT label FROM user_credentials WHERE credential_id = ? AND " + OF_USER)
                .param(credentialId)
                .param(userId)
                .query(String.class).optional();
        boolean removed = name.isPresent() && jdbc.sql("DELETE FROM user_credentials WHERE credential_id = ? AND "
                        + OF_USER)
                .param(credentialId)
                .param(userId)
                .update() == 1;
        return removed ? name : Optional.empty();
    }

    /**
     * A name the user gave a passkey, trimmed; null when it is blank or too long.
     */
    static String acceptableName(String name) {
        String trimmed = name == null ? "" : name.strip();
        return trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH ? null : trimmed;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** One passkey: its credential id (base64url), the name its owner gave it, when it was added and last used. */
    public record Passkey(String id, String name, Instant created, Instant lastUsed) {

        /** The day it was added (UTC, ISO 8601). */
        public String addedOn() {
            return day(created);
        }

        /** The day it last signed its owner in (UTC, ISO 8601). */
        public String lastUsedOn() {
            return day(lastUsed);
        }

        private static String day(Instant time) {
            return time == null ? "" : time.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
    }
}
