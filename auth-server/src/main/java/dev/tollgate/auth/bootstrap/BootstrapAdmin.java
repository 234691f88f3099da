package dev.tollgate.auth.bootstrap;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.production.UnsafeStartException;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Creates the administrator of {@link BootstrapAdminProperties} at start-up while no user has role ADMIN, on any
 * database and profile: the way from an empty database to a signed-in administrator without SQL (README
 * "Production"). Instances starting together on one database create one administrator: each checks and creates
 * under the {@link StartupLock}. Once an administrator exists the settings are ignored, with a warning to remove them.
 * A weak password, a username that belongs to someone else, or only one of the two settings stops the start.
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

    static final String USERNAME_VARIABLE = "TOLLGATE_BOOTSTRAP_ADMIN_USERNAME";

    static final String PASSWORD_VARIABLE = "TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD";

    private static final int MAX_USERNAME_LENGTH = 100;

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    /** What a start-up did with the settings. */
    enum Outcome { NOT_CONFIGURED, CREATED, IGNORED }

    private final BootstrapAdminProperties settings;

    private final UserRepository users;

    private final NewPasswords newPasswords;

    private final StartupLock lock;

    private final TransactionTemplate transaction;

    private final AuditLog audit;

    BootstrapAdmin(BootstrapAdminProperties settings, UserRepository users, NewPasswords newPasswords,
            StartupLock lock, TransactionTemplate transaction, AuditLog audit) {
        this.settings = settings;
        this.users = users;
        this.newPasswords = newPasswords;
        this.lock = lock;
        this.transaction = transaction;
        this.audit = audit;
    }

    @Override
    public void afterSingletonsInstantiated() {
        run();
    }

    Outcome run() {
        if (!settings.isSet()) {
            return Outcome.NOT_CONFIGURED;
        }
        String username = settings.username();
        requireBoth(username);
        Outcome outcome = transaction.execute(status -> {
            lock.holdUntilCommit();
            if (users.anyWithRole(Roles.ADMIN)) {
                return Outcome.IGNORED;
            }
            create(username);
            return Outcome.CREATED;
        });
        if (outcome == Outcome.IGNORED) {
            log.warn("A user with role ADMIN exists: {} and {} are ignored. Remove them from the environment.",
                    USERNAME_VARIABLE, PASSWORD_VARIABLE);
        }
        return outcome;
    }

    private void requireBoth(String username) {
        if (username.isEmpty() || settings.password().isEmpty()) {
            String missing = username.isEmpty() ? USERNAME_VARIABLE : PASSWORD_VARIABLE;
            String set = username.isEmpty() ? PASSWORD_VARIABLE : USERNAME_VARIABLE;
            throw new UnsafeStartException(set + " is set but " + missing + " is not.",
                    "Set both " + USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE + " to create the first "
                            + "administrator, or neither.");
        }
        if (username.length() > MAX_USERNAME_LENGTH) {
            throw new UnsafeStartException(USERNAME_VARIABLE + " is longer than " + MAX_USERNAME_LENGTH
                    + " characters.", "Choose a shorter username.");
        }
    }

    private void create(String username) {
        if (users.usernameTaken(username)) {
            throw new UnsafeStartException(USERNAME_VARIABLE + " names the existing user '" + username
                    + "', who does not have role ADMIN; Tollgate never takes over an existing account.",
                    "Choose a username nobody has, or remove both variables.");
        }
        String passwordHash;
        try {
            passwordHash = newPasswords.hashOf(settings.password(), username);
        }
        catch (UnacceptablePasswordException weak) {
            throw new UnsafeStartException(PASSWORD_VARIABLE + " does not pass the password policy: "
                    + weak.getMessage(), "Choose a password of at least 12 characters (at most 72 bytes) that is "
                    + "not a common one and not the username, then start again.");
        }
        TollgateUser admin = users.insert(new TollgateUser(UUID.randomUUID(), username, passwordHash, null, false,
                username, true, new TreeSet<>(List.of(Roles.ADMIN, Roles.USER))));
        log.info("Created the administrator '{}' from {}; it can sign in now. Remove {} and {} from the environment.",
                username, USERNAME_VARIABLE, USERNAME_VARIABLE, PASSWORD_VARIABLE);
        audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE)
                .with("what", "user.bootstrap")
                .with(SecurityEvent.ACTOR, USERNAME_VARIABLE)
                .with(SecurityEvent.USER, admin.id())
                .with("after", "username=" + username + " roles=ADMIN,USER"));
    }
}
