package dev.tollgate.auth.passkey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * Checks a passkey's assertion and signs its owner in with the same kind of authentication a password sign-in gives
 * (principal name = the user's id), so that consent, tokens and sessions work unchanged; the factor is
 * {@link FactorGrantedAuthority#WEBAUTHN_AUTHORITY}, stamped with the {@link Clock}.
 * <p>
 * Spring Security's own provider looks the user up by the name in the passkey's user entity and does not check that
 * the account is enabled; this one finds the user by the handle's link to their id and refuses a disabled or
 * deleted user.
 * <p>
 * Not a bean: an {@link AuthenticationProvider} bean would take the password form's place in the global
 * authentication manager ({@code login.LoginProtectionConfig}).
 */
class PasskeyAuthentication implements AuthenticationProvider {

    private final WebAuthnRelyingPartyOperations relyingParty;

    private final PasskeyUsers passkeyUsers;

    private final UserRepository users;

    private final Clock clock;

    PasskeyAuthentication(WebAuthnRelyingPartyOperations relyingParty, PasskeyUsers passkeyUsers,
            UserRepository users, Clock clock) {
        this.relyingParty = relyingParty;
        this.passkeyUsers = passkeyUsers;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        WebAuthnAuthenticationRequestToken assertion = (WebAuthnAuthenticationRequestToken) authentication;
        PublicKeyCredentialUserEntity owner;
        try {
            owner = relyingParty.authenticate(assertion.getWebAuthnRequest());
        }
        catch (RuntimeException notAccepted) {
            throw new BadCredentialsException("the passkey was not accepted", notAccepted);
        }
        UUID userId = passkeyUsers.userIdOf(owner.getId())
                .orElseThrow(() -> new BadCredentialsException("the passkey's user no longer exists"));
        TollgateUser user = users.findById(userId)
                .orElseThrow(() -> new BadCredentialsException("the passkey's user no longer exists"));
        if (!user.enabled()) {
            throw new DisabledException("the account is disabled");
        }
        User principal = user.principal();
        List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
        authorities.add(SignIns.factor(FactorGrantedAuthority.WEBAUTHN_AUTHORITY, clock));
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
