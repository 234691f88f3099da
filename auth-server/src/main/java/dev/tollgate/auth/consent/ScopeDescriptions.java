package dev.tollgate.auth.consent;

import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Tollgate's scopes and what each lets an application do, in words a person signing in understands.
 * Unknown scopes are shown by name, so a newly registered scope never breaks the page. The words are messages
 * ({@code scope.<name>} and {@code scope.unknown} in {@code messages/pages}), for the page's language; the English
 * ones here are their defaults.
 */
public final class ScopeDescriptions {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "openid", "Confirm who you are when you sign in",
            "profile", "See your username and name",
            "email", "See your email address",
            "books.read", "See the books in the library",
            "books.write", "Add, change and remove books in the library",
            "users.read", "See the list of people who use the library",
            "tollgate.admin", "Administer Tollgate: its users, applications, sessions and audit trail",
            "ssf.manage", "Receive security events: sign-outs, revoked tokens and account changes");

    private ScopeDescriptions() {
    }

    /** Every scope Tollgate knows: a client may register only these. */
    public static Set<String> known() {
        return DESCRIPTIONS.keySet();
    }

    public static MessageSourceResolvable describe(String scope) {
        String english = DESCRIPTIONS.get(scope);
        if (english == null) {
            return new DefaultMessageSourceResolvable(new String[] {"scope.unknown"}, new Object[] {scope},
                    "Use the \"" + scope + "\" permission");
        }
        return new DefaultMessageSourceResolvable(new String[] {"scope." + scope}, english);
    }
}
