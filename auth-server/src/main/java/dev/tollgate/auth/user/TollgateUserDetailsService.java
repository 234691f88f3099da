package dev.tollgate.auth.user;

import java.util.UUID;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Finds users by the name they type, but hands Spring Security a {@link UserDetails} whose username is the
 * user's id: the authenticated principal's name, every consent and every token's {@code sub} then carry the
 * stable UUID, and the standard {@link User} type needs no extra Jackson allow-listing in the authorization store.
 */
@Service
public class TollgateUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final UserRepository users;

    public TollgateUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        TollgateUser user = users.findByUsername(username)
                .filter(TollgateUser::hasPassword)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user or no local password"));
        return User.withUsername(user.id().toString())
                .password(user.passwordHash())
                .roles(user.roles().toArray(String[]::new))
                .disabled(!user.enabled())
                .build();
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        users.updatePasswordHash(UUID.fromString(user.getUsername()), newPassword);
        return User.withUserDetails(user).password(newPassword).build();
    }
}
