package dev.tollgate.auth.account.changes;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.signals.SharedSignals.Change;
import dev.tollgate.auth.signals.SharedSignals.Credential;
import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Every change on the account page ends here, in the change's transaction: it goes into the audit trail
 * ({@code ACCOUNT_CHANGE}) and is published as {@link AccountChanged}, so that the account's owner is told.
 */
@Service
public class AccountChanges {

    private final AuditLog audit;

    private final ApplicationEventPublisher events;

    private final SharedSignals signals;

    AccountChanges(AuditLog audit, ApplicationEventPublisher events, SharedSignals signals) {
        this.audit = audit;
        this.events = events;
        this.signals = signals;
    }

    /**
     * @param user the account as it was before the change
     * @param address the client address the change came from
     * @param locale the language of the page the change was made on
     */
    public void made(TollgateUser user, AccountChange change, String address, Locale locale,
            Map<String, ?> details) {
        Map<String, String> words = new LinkedHashMap<>();
        details.forEach((name, value) -> words.put(name, String.valueOf(value)));
        SecurityEvent event = SecurityEvent.of(SecurityEventType.ACCOUNT_CHANGE)
                .with("what", change.what())
                .with(SecurityEvent.USER, user.id())
                .with(SecurityEvent.ADDRESS, address);
        for (Map.Entry<String, String> detail : words.entrySet()) {
            event = event.with(detail.getKey(), detail.getValue());
        }
        audit.record(event);
        tellResourceServers(user, change);
        events.publishEvent(new AccountChanged(user.id(), change, user.email(), address, locale, words));
    }

    /** A change of the user's credentials is a CAEP {@code credential-change} (README "Shared Signals"). */
    private void tellResourceServers(TollgateUser user, AccountChange change) {
        String userId = user.id().toString();
        switch (change) {
            case PASSWORD_CHANGED -> signals.credentialChanged(userId, Credential.PASSWORD, Change.UPDATE);
            case PASSWORD_SET -> signals.credentialChanged(userId, Credential.PASSWORD, Change.CREATE);
            case TOTP_ENABLED -> signals.credentialChanged(userId, Credential.AUTHENTICATOR_APP, Change.CREATE);
            case TOTP_DISABLED -> signals.credentialChanged(userId, Credential.AUTHENTICATOR_APP, Change.DELETE);
            case PASSKEY_ADDED -> signals.credentialChanged(userId, Credential.PASSKEY, Change.CREATE);
            case PASSKEY_REMOVED -> signals.credentialChanged(userId, Credential.PASSKEY, Change.DELETE);
            default -> {
                // the other changes are told by what they do: sessions ended, grants revoked
            }
        }
    }
}
