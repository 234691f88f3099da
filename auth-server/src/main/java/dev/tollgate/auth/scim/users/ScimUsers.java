package dev.tollgate.auth.scim.users;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.useradmin.AdminChanges;
import dev.tollgate.auth.useradmin.AdminGuard;
import dev.tollgate.auth.useradmin.UniqueUserNames;
import dev.tollgate.auth.scim.ETags;
import dev.tollgate.auth.scim.ListParameters;
import dev.tollgate.auth.scim.Refusals;
import dev.tollgate.auth.scim.SqlFilter;
import dev.tollgate.auth.scim.users.UserRows.Page;
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.user.Roles;

/**
 * Provisioning of users over SCIM. Each change runs in one transaction on the user's locked row: its {@code If-Match}
 * version is checked there, usernames and email addresses stay unique regardless of case, a password passes the one
 * password policy, an administrator cannot disable or delete themselves nor the last active ADMIN, and disabling a
 * user ends their sessions and tokens at once. Every change is recorded as an {@code ADMIN_CHANGE}.
 */
@Service
public class ScimUsers {

    private final UserRows rows;

    private final NewPasswords passwords;

    private final AdminGuard guard;

    private final AdminChanges changes;

    private final UserSessions sessions;

    private final Clock clock;

    private final UniqueUserNames names;

    private final SharedSignals signals;

    public ScimUsers(UserRows rows, NewPasswords passwords, AdminGuard guard, AdminChanges changes,
            UserSessions sessions, Clock clock, UniqueUserNames names, SharedSignals signals) {
        this.signals = signals;
        this.names = names;
        this.rows = rows;
        this.passwords = passwords;
        this.guard = guard;
        this.changes = changes;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** How a change turns the current user into what the request asks for. */
    @FunctionalInterface
    public interface Change {

        UserChange apply(ScimUser current) throws ScimException;
    }

    public ScimUser get(String id) throws ScimException {
        return parse(id).flatMap(rows::find).orElseThrow(() -> notFound(id));
    }

    public Page list(SqlFilter filter, ListParameters page) throws ScimException {
        return rows.list(filter, page, page.sortBy() == null ? null : UserSchema.COLUMNS.sortColumn(page.sortBy()));
    }

    /** A new active user in group USER. */
    @Transactional(rollbackFor = Exception.class)
    public ScimUser create(UserChange request, String actor) throws ScimException {
        UUID id = UUID.randomUUID();
        names.lockEmailChanges();
        requireUnique(request, id);
        Instant now = now();
        ScimUser user = new ScimUser(id, request.userName(), request.externalId(), request.givenName(),
                request.familyName(), displayNameOf(request), request.email(), false,
                request.active() == null || request.active(), now, now, 1,
                new TreeSet<>(Set.of(Roles.USER)));
        rows.insert(user, request.password() == null ? null : hash(request.password(), request.userName()));
        ScimUser created = rows.find(id).orElseThrow();
        changes.record("user.create", actor, id, null, created.auditState());
        return created;
    }

    @Transactional(rollbackFor = Exception.class)
    public ScimUser update(String id, String ifMatch, String actor, Change change) throws ScimException {
        guard.lockAdmins();
        names.lockEmailChanges();
        ScimUser current = parse(id).flatMap(rows::findForUpdate).orElseThrow(() -> notFound(id));
        ETags.requireMatch(ifMatch, ETags.of(current.version()));
        UserChange request = change.apply(current);
        requireUnique(request, current.id());
        boolean active = request.active() == null ? current.active() : request.active();
        if (current.active() && !active) {
            Refusals.asMutability(() -> guard.requireNotSelf(current.id(), actor, "disable"));
            if (current.roles().contains(Roles.ADMIN)) {
                Refusals.asMutability(() -> guard.requireAnotherActiveAdmin(current.id(), "disabling them"));
            }
        }
        boolean sameEmail = Objects.equals(current.email(), request.email());
        ScimUser updated = new ScimUser(current.id(), request.userName(), request.externalId(), request.givenName(),
                request.familyName(), displayNameOf(request), request.email(), sameEmail && current.emailVerified(),
                active, current.created(), now(), current.version() + 1, current.roles());
        rows.update(updated, request.password() == null ? null : hash(request.password(), request.userName()));
        if (current.active() && !active) {
            signals.accountDisabled(current.id().toString());
            sessions.endAll(current.id(), RevocationCause.ACCOUNT_DISABLED);
        }
        ScimUser stored = rows.find(current.id()).orElseThrow();
        Map<String, Object> after = stored.auditState();
        if (request.password() != null) {
            after.put("password", "changed");
            signals.credentialChanged(current.id().toString(), SharedSignals.Credential.PASSWORD,
                    SharedSignals.Change.UPDATE);
        }
        changes.record("user.update", actor, current.id(), current.auditState(), after);
        return stored;
    }

    @Transactional(rollbackFor = Exception.class)
    public void delete(String id, String ifMatch, String actor) throws ScimException {
        guard.lockAdmins();
        ScimUser current = parse(id).flatMap(rows::findForUpdate).orElseThrow(() -> notFound(id));
        ETags.requireMatch(ifMatch, ETags.of(current.version()));
        Refusals.asMutability(() -> guard.requireNotSelf(current.id(), actor, "delete"));
        if (current.active() && current.roles().contains(Roles.ADMIN)) {
            Refusals.asMutability(() -> guard.requireAnotherActiveAdmin(current.id(), "deleting them"));
        }
        signals.accountPurged(current.id().toString());
        sessions.endAll(current.id(), RevocationCause.ACCOUNT_DISABLED);
        rows.delete(current.id());
        changes.record("user.delete", actor, current.id(), current.auditState(), null);
    }

    private void requireUnique(UserChange request, UUID id) throws ScimException {
        if (names.usernameTaken(request.userName(), id)) {
            throw ResourceConflictException.uniqueness("The userName '" + request.userName() + "' is already taken.");
        }
        if (request.email() != null && names.emailTaken(request.email(), id)) {
            throw ResourceConflictException.uniqueness("The email address '" + request.email()
                    + "' belongs to another user.");
        }
    }

    private String hash(String password, String username) throws BadRequestException {
        try {
            return passwords.hashOf(password, username);
        }
        catch (UnacceptablePasswordException refused) {
            throw BadRequestException.invalidValue("password: " + refused.getMessage());
        }
    }

    /** The name shown for the user: displayName, or else the given and family names. */
    private static String displayNameOf(UserChange request) {
        if (request.displayName() != null) {
            return request.displayName();
        }
        String formatted = String.join(" ", Stream.of(request.givenName(), request.familyName())
                .filter(Objects::nonNull).toList());
        return formatted.isBlank() ? null : formatted;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        }
        catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("No user has the id '" + id + "'.");
    }
}
