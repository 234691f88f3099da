package dev.tollgate.demo.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in ({@code user}), for the header and for what it offers. */
@ControllerAdvice
class SignedInUserAdvice {

    @ModelAttribute("user")
    SignedInUser user(@AuthenticationPrincipal OidcUser user) {
        return user == null ? null : SignedInUser.of(user);
    }
}
