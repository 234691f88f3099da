package dev.tollgate.auth.consent;

import java.util.List;

/**
 * What the consent page shows: one row per scope the application asks for, and whether it asks to learn who the
 * user is ({@code openid}, approved with "Allow" itself rather than with a row of its own); where the form posts the
 * answer, and the user code of a device's request (null for an application's).
 */
record ConsentRequest(String clientId, String clientName, String state, boolean signIn, List<ScopeRow> scopes,
        String answeredAt, String userCode) {

    record ScopeRow(String name, String description, boolean previouslyApproved) {
    }
}
