package dev.tollgate.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns the {@code scope} claim into {@code SCOPE_x} and the {@code roles} claim into {@code ROLE_x}. */
public final class TokenAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        return authoritiesOf(Caller.fromClaims(jwt.getClaims()));
    }

    static List<GrantedAuthority> authoritiesOf(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        caller.scopes().stream().sorted().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope)).forEach(authorities::add);
        caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).forEach(authorities::add);
        return authorities;
    }
}
