package dev.tollgate.auth.federation;

import java.io.Serializable;
import java.util.Map;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Who the upstream provider says signed in: only what Tollgate keeps or decides on. The upstream tokens stay out
 * of it (and out of everything Tollgate stores or issues).
 *
 * @param subject the provider's stable id for the person (OIDC {@code sub}, GitHub's numeric id)
 * @param username the person's handle at the provider, a suggestion for the local username
 */
public record UpstreamIdentity(String providerId, String subject, String email, boolean emailVerified,
        String username, String displayName) implements Serializable {

    static UpstreamIdentity of(OAuth2AuthenticationToken upstream) {
        OAuth2User user = upstream.getPrincipal();
        Map<String, Object> attributes = user.getAttributes();
        String subject = user instanceof OidcUser oidc ? oidc.getSubject() : user.getName();
        return new UpstreamIdentity(upstream.getAuthorizedClientRegistrationId(), subject,
                text(attributes.get(StandardClaimNames.EMAIL)),
                isTrue(attributes.get(StandardClaimNames.EMAIL_VERIFIED)),
                firstText(attributes.get(StandardClaimNames.PREFERRED_USERNAME), attributes.get("login")),
                text(attributes.get(StandardClaimNames.NAME)));
    }

    public boolean hasVerifiedEmail() {
        return emailVerified && email != null;
    }

    private static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }

    private static String firstText(Object first, Object second) {
        String text = text(first);
        return text != null ? text : text(second);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
