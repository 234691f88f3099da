package dev.tollgate.auth.account.sessions;

/**
 * One of the user's sessions as the account page shows it, its times already in words.
 *
 * @param id what the page posts to end it: the session's {@code sid}, never its cookie
 */
public record SessionRow(String id, String device, String address, String signedInAt, String lastUsed,
        boolean current) {
}
