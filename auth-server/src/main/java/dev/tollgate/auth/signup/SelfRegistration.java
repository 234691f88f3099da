package dev.tollgate.auth.signup;

import org.springframework.stereotype.Component;

/** Whether sign-up is open, for the login page's link ({@code @selfRegistration.open}). */
@Component("selfRegistration")
public class SelfRegistration {

    private final boolean open;

    SelfRegistration(SelfRegistrationProperties properties) {
        this.open = properties.enabled();
    }

    public boolean isOpen() {
        return open;
    }
}
