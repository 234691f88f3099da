package dev.tollgate.auth.passkey;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Repository;

import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The WebAuthn user entity of each Tollgate user (WebAuthn Level 2, 5.4.3): a random user handle, kept in
 * {@code passkey_user_handles} against the user's id.
 * <p>
 * Spring Security looks a user entity up by the signed-in principal's name, which in Tollgate is the user's id
 * (see {@code TollgateUserDetailsService}); so every "username" this repository is given is a user id, and a renamed
 * user keeps their handle and their passkeys. The entity it hands out carries the current username and display name,
 * which the browser shows when it offers the passkey.
 */
@Repository
public class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

    private final JdbcClient jdbc;

    private final UserRepository users;

    PasskeyUsers(JdbcClient jdbc, UserRepository users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** The entity of the user whose id is {@code userId}, with a new handle when they have none yet. */
    @Override
    public PublicKeyCredentialUserEntity findByUsername(String userId) {
        Optional<TollgateUser> user = userIdFrom(userId).flatMap(users::findById);
        if (user.isEmpty()) {
            return null;
        }
        UUID id = user.get().id();
        Bytes handle = handleOf(id).orElseGet(() -> {
            link(Bytes.random(), id);
            return handleOf(id).orElseThrow();
        });
        return entity(handle, user.get());
    }

    @Override
    public PublicKeyCredentialUserEntity findById(Bytes handle) {
        return userIdOf(handle).flatMap(users::findById).map(user -> entity(handle, user)).orElse(null);
    }

    /** Links the entity's handle to the existing user whose id is its name, unless that user has a handle already. */
    @Override
    public void save(PublicKeyCredentialUserEntity entity) {
        userIdFrom(entity.getName()).ifPresent(userId -> link(entity.getId(), userId));
    }

    @Override
    public void delete(Bytes handle) {
        jdbc.sql("DELETE FROM passkey_user_handles WHERE user_handle = ?").param(handle.toBase64UrlString()).update();
    }

    /** The Tollgate user a passkey's user handle belongs to. */
    public Optional<UUID> userIdOf(Bytes handle) {
        return jdbc.sql("SELECT user_id FROM passkey_user_handles WHERE user_handle = ?")
                .param(handle.toBase64UrlString())
                .query(UUID.class)
                .optional();
    }

    Optional<Bytes> handleOf(UUID userId) {
        return jdbc.sql("SELECT user_handle FROM passkey_user_handles WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .map(Bytes::fromBase64);
    }

    private void link(Bytes handle, UUID userId) {
        // parallel first registrations of one user: the first handle stays, the others are dropped; a deleted user
        // gets none
        jdbc.sql("""
                INSERT INTO passkey_user_handles (user_handle, user_id) SELECT ?, id FROM users WHERE id = ?
                ON CONFLICT DO NOTHING
                """)
                .param(handle.toBase64UrlString())
                .param(userId)
                .update();
    }

    private static PublicKeyCredentialUserEntity entity(Bytes handle, TollgateUser user) {
        return ImmutablePublicKeyCredentialUserEntity.builder()
                .id(handle)
                .name(user.username())
                .displayName(user.displayName() == null || user.displayName().isBlank()
                        ? user.username() : user.displayName())
                .build();
    }

    private static Optional<UUID> userIdFrom(String name) {
        try {
            return name == null ? Optional.empty() : Optional.of(UUID.fromString(name));
        }
        catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
