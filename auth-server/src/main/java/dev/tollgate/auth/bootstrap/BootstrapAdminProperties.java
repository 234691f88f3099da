package dev.tollgate.auth.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator of an empty installation ({@code TOLLGATE_BOOTSTRAP_ADMIN_USERNAME} and
 * {@code TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD}): created at start-up, with roles ADMIN and USER, only while no user
 * has role ADMIN. Both or neither; unset (no default) is off.
 */
@ConfigurationProperties("tollgate.bootstrap-admin")
public record BootstrapAdminProperties(String username, String password) {

    public BootstrapAdminProperties {
        username = username == null ? "" : username.trim();
        password = password == null ? "" : password;
    }

    boolean isSet() {
        return !username.isEmpty() || !password.isEmpty();
    }

    @Override
    public String toString() {
        return "BootstrapAdminProperties[username=" + username + ", password=" + (password.isEmpty() ? "" : "***")
                + "]";
    }
}
