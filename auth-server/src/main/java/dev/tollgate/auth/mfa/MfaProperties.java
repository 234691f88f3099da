package dev.tollgate.auth.mfa;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tollgate.mfa.*}: users with one of {@code requiredRoles} (such as {@code ADMIN}) get codes for applications
 * only after two factors; those without a second factor set one up first. Unset: {@code ADMIN} in production (see
 * {@link RolesRequiringMfa}), none otherwise; set it empty to require it of nobody.
 */
@ConfigurationProperties("tollgate.mfa")
public record MfaProperties(List<String> requiredRoles) {
}
