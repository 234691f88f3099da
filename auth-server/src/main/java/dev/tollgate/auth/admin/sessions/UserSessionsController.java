package dev.tollgate.auth.admin.sessions;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.admin.AdminApiException;
import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.session.SignInSession;
import dev.tollgate.auth.session.UserSessions;
import dev.tollgate.auth.user.UserRepository;

/**
 * {@code /admin/api/users/{id}/sessions}: a user's sign-in sessions, and ending them all (which also revokes every
 * token of the user). {@code id} is the user's {@code sub}.
 */
@RestController
@RequestMapping("/admin/api/users/{id}/sessions")
class UserSessionsController {

    private final UserRepository users;

    private final UserSessions sessions;

    private final AuditLog audit;

    UserSessionsController(UserRepository users, UserSessions sessions, AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    @GetMapping
    List<SignInSession> list(@PathVariable UUID id) {
        requireUser(id);
        return sessions.list(id);
    }

    @DeleteMapping
    ResponseEntity<Void> endAll(@PathVariable UUID id, Authentication admin) {
        requireUser(id);
        UserSessions.Ended ended = sessions.endAll(id, RevocationCause.SESSIONS_ENDED);
        audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE)
                .with("what", "user.sessions.end")
                .with(SecurityEvent.ACTOR, admin.getName())
                .with(SecurityEvent.USER, id)
                .with("sessions", ended.sessions())
                .with("authorizations", ended.authorizations()));
        return ResponseEntity.noContent().build();
    }

    private void requireUser(UUID id) {
        if (users.findById(id).isEmpty()) {
            throw AdminApiException.notFound("No user with id " + id);
        }
    }
}
