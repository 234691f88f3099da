package dev.tollgate.auth.consent;

import java.util.Map;
import java.util.Set;

/**
 * Tollgate's scopes and what each lets an application do, in words a person signing in understands.
 * Unknown scopes are shown by name, so a newly registered scope never breaks the page.
 */
public final class ScopeDescriptions {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "openid", "Confirm who you are when you sign in",
            "profile", "See your username and name",
            "email", "See your email address",
            "books.read", "See the books in the library",
            "books.write", "Add, change and remove books in the library",
            "users.read", "See the list of people who use the library",
            "tollgate.admin", "Administer Tollgate: its users, applications, sessions and audit trail");

    private ScopeDescriptions() {
    }

    /** Every scope Tollgate knows: a client may register only these. */
    public static Set<String> known() {
        return DESCRIPTIONS.keySet();
    }

    public static String describe(String scope) {
        return DESCRIPTIONS.getOrDefault(scope, "Use the \"" + scope + "\" permission");
    }
}
