package dev.tollgate.auth.account.changes;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A change a user made to their own account, published as an application event once it is stored, for whatever
 * tells the user about it (the notice mail).
 *
 * @param previousEmail the account's address before the change: where a notice about the change goes, so that a
 *        changed address cannot hide the change from the account's owner
 * @param address the client address the change came from
 * @param locale the language of the page the change was made on, for the notice
 * @param details what the change was about, in the audit trail's words (a client id, a number of sessions); never a
 *        password
 */
public record AccountChanged(UUID userId, AccountChange change, String previousEmail, String address, Locale locale,
        Map<String, String> details) {

    /** Detail of {@link AccountChange#APPLICATION_REMOVED}: the application's name, as the user knows it. */
    public static final String CLIENT_NAME = "client_name";

    /** Detail of {@link AccountChange#PASSKEY_ADDED} and {@link AccountChange#PASSKEY_REMOVED}: its name. */
    public static final String PASSKEY_NAME = "passkey_name";

    /** Detail of {@link AccountChange#RECOVERY_CODE_USED}: how many recovery codes are left. */
    public static final String RECOVERY_CODES_LEFT = "left";

    public AccountChanged {
        details = Map.copyOf(details);
    }
}
