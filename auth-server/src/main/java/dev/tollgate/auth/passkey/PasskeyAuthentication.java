package dev.tollgate.auth.passkey;

import java.nio.ByteBuffer;
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
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
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

    /** The signature counter's place in the authenticator data: after the RP id hash (32 bytes) and flags (1). */
    private static final int SIGN_COUNT_START = 33;

    private static final int SIGN_COUNT_END = SIGN_COUNT_START + 4;

    private final WebAuthnRelyingPartyOperations relyingParty;

    private final PasskeyUsers passkeyUsers;

    private final UserRepository users;

    private final Clock clock;

    private final UsedChallenges usedChallenges;

    private final UserCredentialRepository credentials;

    PasskeyAuthentication(WebAuthnRelyingPartyOperations relyingParty, PasskeyUsers passkeyUsers,
            UserRepository users, Clock clock, UsedChallenges usedChallenges, UserCredentialRepository credentials) {
        this.usedChallenges = usedChallenges;
        this.credentials = credentials;
        this.relyingParty = relyingParty;
        this.passkeyUsers = passkeyUsers;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        WebAuthnAuthenticationRequestToken assertion = (WebAuthnAuthenticationRequestToken) authentication;
        RelyingPartyAuthenticationRequest request = assertion.getWebAuthnRequest();
        if (!usedChallenges.use(request.getRequestOptions().getChallenge())) {
            throw new BadCredentialsException("the challenge was used before");
        }
        refuseACounterThatDidNotGrow(request.getPublicKey());
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

    /**
     * WebAuthn Level 2, 7.2 step 21: a signature counter that is not zero must be larger than the last one seen
     * (which Spring Security stores after each sign-in), else the authenticator may have been cloned. Checked before
     * the assertion is, so that a refused one does not lower the stored counter.
     */
    private void refuseACounterThatDidNotGrow(PublicKeyCredential<AuthenticatorAssertionResponse> credential) {
        byte[] authenticatorData = credential.getResponse().getAuthenticatorData().getBytes();
        if (authenticatorData.length < SIGN_COUNT_END) {
            throw new BadCredentialsException("the authenticator data is too short");
        }
        long presented = ByteBuffer.wrap(authenticatorData, SIGN_COUNT_START, 4).getInt() & 0xFFFFFFFFL;
        CredentialRecord stored = credentials.findByCredentialId(credential.getRawId());
        long last = stored == null ? 0 : stored.getSignatureCount();
        if ((presented != 0 || last != 0) && presented <= last) {
            throw new BadCredentialsException("the signature counter did not grow: the passkey may be cloned");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
