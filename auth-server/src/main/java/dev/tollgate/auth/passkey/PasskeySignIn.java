package dev.tollgate.auth.passkey;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.UserRepository;

/**
 * Sign-in with a passkey on the hosted pages, next to the password form: the login page's script asks
 * {@value #OPTIONS_PATH} for a challenge, lets the browser sign it with a discoverable passkey and posts the assertion
 * to {@value #SIGN_IN_PATH}. A passkey sign-in is like a password sign-in in everything else: the same sign-in details
 * ({@code sid}), the same session handling (a new session id, a new CSRF token), the same success handling
 * ({@link PasskeySignInOutcome}).
 * <p>
 * Spring Security's {@code http.webAuthn()} is not used: it adds registration endpoints beside the account page's,
 * signs in without the sign-in details, without session fixation protection and without checking that the account
 * is enabled.
 */
@Component
public class PasskeySignIn extends AbstractHttpConfigurer<PasskeySignIn, HttpSecurity> {

    /** Where the login page gets a challenge (Spring Security's path). */
    public static final String OPTIONS_PATH = "/webauthn/authenticate/options";

    /** Where the login page posts the signed challenge (Spring Security's path). */
    public static final String SIGN_IN_PATH = "/login/webauthn";

    private final WebAuthnRelyingPartyOperations relyingParty;

    private final PasskeyAuthentication authentication;

    private final PasskeySignInOutcome outcome;

    PasskeySignIn(WebAuthnRelyingPartyOperations relyingParty, PasskeyUsers passkeyUsers, UserRepository users,
            Clock clock, PasskeySignInOutcome outcome, UsedChallenges usedChallenges,
            UserCredentialRepository credentials) {
        this.relyingParty = relyingParty;
        this.authentication = new PasskeyAuthentication(relyingParty, passkeyUsers, users, clock, usedChallenges,
                credentials);
        this.outcome = outcome;
    }

    @Override
    public void configure(HttpSecurity http) {
        WebAuthnAuthenticationFilter signIn = new SignInWithDetails();
        signIn.setAuthenticationManager(new ProviderManager(authentication));
        signIn.setSessionAuthenticationStrategy(http.getSharedObject(SessionAuthenticationStrategy.class));
        SecurityContextRepository contexts = http.getSharedObject(SecurityContextRepository.class);
        if (contexts != null) {
            signIn.setSecurityContextRepository(contexts);
        }
        signIn.setAuthenticationSuccessHandler(outcome);
        signIn.setAuthenticationFailureHandler(outcome);
        http.addFilterAfter(postProcess(signIn), UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(postProcess(new PublicKeyCredentialRequestOptionsFilter(relyingParty)),
                AuthorizationFilter.class);
    }

    /** Spring Security's passkey sign-in, with the sign-in details a password sign-in has ({@link SignIns#DETAILS}). */
    private static final class SignInWithDetails extends WebAuthnAuthenticationFilter {

        @Override
        public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
                throws AuthenticationException, IOException, ServletException {
            Authentication signedIn = super.attemptAuthentication(request, response);
            if (signedIn instanceof UsernamePasswordAuthenticationToken token) {
                token.setDetails(SignIns.DETAILS.buildDetails(request));
            }
            return signedIn;
        }
    }
}
