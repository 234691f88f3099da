package dev.tollgate.auth.twofactor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

import dev.tollgate.auth.session.SignIns;

/**
 * Signs the browser in with the sign-in that a code completed: its factors and the {@link TotpFactor} proved now,
 * stamped with the {@link Clock} like every factor ({@link SignIns#factor}). The session gets a new id, as at every
 * sign-in, so that an id seen before the code is worth nothing after it.
 */
final class CodeProved {

    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    private CodeProved() {
    }

    static Authentication signIn(Authentication before, Clock clock, HttpServletRequest request,
            HttpServletResponse response) {
        List<GrantedAuthority> authorities = new ArrayList<>(before.getAuthorities().stream()
                .filter(authority -> !TotpFactor.AUTHORITY.equals(authority.getAuthority()))
                .toList());
        authorities.add(SignIns.factor(TotpFactor.AUTHORITY, clock));
        UsernamePasswordAuthenticationToken signedIn =
                UsernamePasswordAuthenticationToken.authenticated(before.getPrincipal(), null, authorities);
        signedIn.setDetails(before.getDetails());
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
        return signedIn;
    }

    static boolean hasTotp(Authentication signIn) {
        return signIn != null && signIn.getAuthorities().stream()
                .anyMatch(authority -> TotpFactor.AUTHORITY.equals(authority.getAuthority()));
    }
}
