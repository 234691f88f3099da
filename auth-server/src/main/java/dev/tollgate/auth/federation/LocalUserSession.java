package dev.tollgate.auth.federation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Signs the browser in as a local Tollgate user, with the same kind of authentication a password sign-in gives
 * (principal name = the user's id). Consent, token claims and {@code sub} then work unchanged for federated users,
 * and nothing from the upstream provider stays in the session.
 */
@Component
class LocalUserSession {

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    private final Clock clock;

    LocalUserSession(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param factors how the person proved who they are, e.g. {@link FactorGrantedAuthority#AUTHORIZATION_CODE_AUTHORITY}
     */
    Authentication signIn(TollgateUser user, List<String> factors, HttpServletRequest request,
            HttpServletResponse response) {
        User principal = user.principal();
        List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
        factors.forEach(factor -> authorities.add(SignIns.factor(factor, clock)));
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        authentication.setDetails(SignIns.DETAILS.buildDetails(request));
        request.changeSessionId();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        repository.saveContext(context, request, response);
        return authentication;
    }
}
