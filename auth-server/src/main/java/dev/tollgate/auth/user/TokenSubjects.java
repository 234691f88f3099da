package dev.tollgate.auth.user;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.stereotype.Component;


/** Resolves who a token is about: a user (principal name = user id) or, for client tokens, nobody. */
@Component
public class TokenSubjects {

    private final UserRepository users;

    public TokenSubjects(UserRepository users) {
        this.users = users;
    }

    /** The user a token is issued to, empty for client tokens; a user deleted since sign-in gets no token. */
    public Optional<TollgateUser> userOf(Authentication principal) {
        if (principal instanceof OAuth2ClientAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(userById(principal.getName()));
    }

    public TollgateUser userById(String principalName) {
        return parseId(principalName).flatMap(users::findById)
                .filter(TollgateUser::enabled)
                .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
    }

    /** The username of the user whose id {@code subject} is, if it is one. */
    public Optional<String> usernameOf(String subject) {
        return parseId(subject).flatMap(users::findById).map(TollgateUser::username);
    }

    private static Optional<UUID> parseId(String principalName) {
        try {
            return Optional.of(UUID.fromString(principalName));
        }
        catch (IllegalArgumentException notAUserId) {
            return Optional.empty();
        }
    }
}
