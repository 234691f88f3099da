package dev.tollgate.demo.home;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in person as the pages show them.
 *
 * @param name     the Tollgate user name ({@code preferred_username}), else the full name, else the subject
 * @param fullName the {@code name} claim, when Tollgate shares it
 * @param roles    the Tollgate roles, e.g. ADMIN, USER
 */
public record SignedInUser(String name, String fullName, List<String> roles) {

    private static final String ROLE_PREFIX = "ROLE_";

    static SignedInUser of(OidcUser user) {
        String name = firstPresent(user.getPreferredUsername(), user.getFullName(), user.getSubject());
        List<String> roles = user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted()
                .toList();
        return new SignedInUser(name, user.getFullName(), roles);
    }

    public boolean admin() {
        return roles.contains("ADMIN");
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }
}
