package dev.tollgate.auth.scim.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.support.SharedAuthServerContext;
import dev.tollgate.auth.user.Roles;

/**
 * An administrator cannot lock themselves out, and nobody can disable or delete the last active ADMIN. Each test runs
 * in a transaction that is rolled back, so it may leave one ADMIN without touching the shared database.
 */
@Transactional
class AdminRulesTest extends SharedAuthServerContext {

    @Autowired
    private ScimUsers users;

    @Autowired
    private JdbcClient jdbc;

    private ScimUser onlyAdmin;

    @BeforeEach
    void leaveOneActiveAdmin() throws ScimException {
        onlyAdmin = users.create(new UserChange("last-admin-" + UUID.randomUUID(), null, null, null, null, null, true,
                null), "test");
        jdbc.sql("DELETE FROM user_roles WHERE role = ?").param(Roles.ADMIN).update();
        jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(onlyAdmin.id(), Roles.ADMIN).update();
    }

    @Test
    void theLastActiveAdminCanBeNeitherDisabledNorDeleted() throws ScimException {
        assertRefused(() -> users.update(onlyAdmin.id().toString(), null, "another-admin", this::disabled),
                "last active ADMIN");
        assertRefused(() -> users.delete(onlyAdmin.id().toString(), null, "another-admin"), "last active ADMIN");

        ScimUser second = users.create(new UserChange("second-admin-" + UUID.randomUUID(), null, null, null, null,
                null, true, null), "test");
        jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(second.id(), Roles.ADMIN).update();
        assertThat(users.update(onlyAdmin.id().toString(), null, "another-admin", this::disabled).active()).isFalse();
        assertRefused(() -> users.delete(second.id().toString(), null, "another-admin"), "last active ADMIN");
    }

    @Test
    void anAdminCannotDisableOrDeleteThemselves() throws ScimException {
        ScimUser second = users.create(new UserChange("second-admin-" + UUID.randomUUID(), null, null, null, null,
                null, true, null), "test");
        jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(second.id(), Roles.ADMIN).update();
        String self = second.id().toString();

        assertRefused(() -> users.update(self, null, self, this::disabled), "your own account");
        assertRefused(() -> users.delete(self, null, self), "your own account");
        assertThat(users.get(self).active()).isTrue();
    }

    private UserChange disabled(ScimUser current) {
        return new UserChange(current.userName(), current.externalId(), current.givenName(), current.familyName(),
                current.displayName(), current.email(), false, null);
    }

    private static void assertRefused(ThrowingCall call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequestException.class, refused -> {
            assertThat(refused.getScimError().getScimType()).isEqualTo("mutability");
            assertThat(refused.getScimError().getDetail()).contains(reason);
        });
    }

    @FunctionalInterface
    private interface ThrowingCall {

        void run() throws Exception;
    }
}
