package dev.tollgate.auth.admin.consents;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.admin.AdminApiException;
import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.consent.ConsentWithdrawal;
import dev.tollgate.auth.user.UserRepository;

/**
 * {@code DELETE /admin/api/users/{id}/consents/{client_id}}: withdraws what the user granted the client (the next
 * authorization asks for consent again) and revokes the client's tokens for the user. Answers 204 also when there
 * was nothing to withdraw: afterwards the client holds nothing from the user either way.
 */
@RestController
class UserConsentsController {

    private final UserRepository users;

    private final RegisteredClientRepository clients;

    private final ConsentWithdrawal withdrawal;

    private final AuditLog audit;

    UserConsentsController(UserRepository users, RegisteredClientRepository clients, ConsentWithdrawal withdrawal,
            AuditLog audit) {
        this.users = users;
        this.clients = clients;
        this.withdrawal = withdrawal;
        this.audit = audit;
    }

    @DeleteMapping("/admin/api/users/{id}/consents/{clientId}")
    ResponseEntity<Void> withdraw(@PathVariable UUID id, @PathVariable String clientId, Authentication admin) {
        if (users.findById(id).isEmpty()) {
            throw AdminApiException.notFound("No user with id " + id);
        }
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw AdminApiException.notFound("No client with client_id " + clientId);
        }
        ConsentWithdrawal.Withdrawn withdrawn = withdrawal.withdraw(id.toString(), client);
        audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE)
                .with("what", "user.consent.withdraw")
                .with(SecurityEvent.ACTOR, admin.getName())
                .with(SecurityEvent.USER, id)
                .with(SecurityEvent.CLIENT, clientId)
                .with("before", String.join(" ", withdrawn.scopes()))
                .with("after", "")
                .with("authorizations", withdrawn.authorizations()));
        return ResponseEntity.noContent().build();
    }
}
