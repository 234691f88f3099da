package dev.tollgate.auth.account.applications;

import java.util.List;

/**
 * An application the user has let act for them, as the account page shows it.
 *
 * @param permissions what the consented scopes let it do, in words
 * @param lastUsed when it last got an access token for the user, in words; null if none is on record
 */
public record ApplicationRow(String clientId, String name, List<String> permissions, String lastUsed) {
}
