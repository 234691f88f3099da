package dev.tollgate.auth.consent;

import java.util.List;

/** What the consent page shows: one row per scope the application asks for. */
record ConsentRequest(String clientId, String clientName, String state, List<ScopeRow> scopes) {

    record ScopeRow(String name, String description, boolean previouslyApproved) {
    }
}
