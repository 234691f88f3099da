package dev.tollgate.auth.signals;

import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.authorization.RevocationCause;
import dev.tollgate.auth.authorization.RevokedGrant;
import dev.tollgate.auth.authorization.RevokedGrants;

/** Tells every revocation of the token store as a {@code grant-revoked} event per grant it ended. */
@Component
class GrantRevocationSignals implements RevokedGrants {

    private final SharedSignals signals;

    private final RegisteredClientRepository clients;

    GrantRevocationSignals(SharedSignals signals, RegisteredClientRepository clients) {
        this.signals = signals;
        this.clients = clients;
    }

    @Override
    public void revoked(List<RevokedGrant> grants, RevocationCause cause) {
        for (RevokedGrant grant : grants) {
            // a client being deleted is still registered here: its revocation comes before its removal
            String clientId = Optional.ofNullable(clients.findById(grant.registeredClientId()))
                    .map(RegisteredClient::getClientId)
                    .orElse(grant.clientCredentials() ? grant.principalName() : grant.registeredClientId());
            signals.grantRevoked(grant.ended() ? Optional.of(grant.id()) : Optional.empty(), clientId,
                    grant.clientCredentials() ? Optional.empty() : Optional.of(grant.principalName()),
                    grant.accessTokenIds(), cause.reason());
        }
    }
}
