package dev.tollgate.auth.passkey;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * The creation options of a registration in progress, kept in the user's session between the options request and
 * the registration. The session is stored in the database (every instance reads it), and Spring Security's options
 * object cannot be serialized; so the session keeps what checking the registration needs (WebAuthn Level 2, 7.1:
 * the challenge, the relying party, the user handle, the algorithms offered) and the object is rebuilt from it,
 * with Tollgate's fixed authenticator requirements ({@link PasskeyConfig#AUTHENTICATOR_SELECTION}).
 */
class SessionCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

    private static final String ATTRIBUTE = SessionCreationOptions.class.getName();

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.ES384,
            PublicKeyCredentialParameters.ES512, PublicKeyCredentialParameters.RS256,
            PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512);

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response,
            PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        request.getSession().setAttribute(ATTRIBUTE, new Pending(options.getRp().getId(), options.getRp().getName(),
                options.getChallenge().getBytes(), options.getUser().getId().getBytes(), options.getUser().getName(),
                options.getUser().getDisplayName(),
                options.getPubKeyCredParams().stream().mapToLong(parameter -> parameter.getAlg().getValue())
                        .toArray()));
    }

    @Override
    public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Pending pending)) {
            return null;
        }
        return PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder().id(pending.rpId()).name(pending.rpName()).build())
                .challenge(new Bytes(pending.challenge()))
                .user(ImmutablePublicKeyCredentialUserEntity.builder()
                        .id(new Bytes(pending.userHandle()))
                        .name(pending.userName())
                        .displayName(pending.userDisplayName())
                        .build())
                .pubKeyCredParams(ALGORITHMS.stream()
                        .filter(offered -> Arrays.stream(pending.algorithms())
                                .anyMatch(algorithm -> algorithm == offered.getAlg().getValue()))
                        .toList())
                .authenticatorSelection(PasskeyConfig.AUTHENTICATOR_SELECTION)
                .build();
    }

    /** What the session keeps: plain values, serializable by the session store. */
    record Pending(String rpId, String rpName, byte[] challenge, byte[] userHandle, String userName,
            String userDisplayName, long[] algorithms) implements Serializable {
    }
}
