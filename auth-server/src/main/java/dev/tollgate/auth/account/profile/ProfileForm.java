package dev.tollgate.auth.account.profile;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** What the profile form sends; the limits are the users table's columns. */
record ProfileForm(@Size(max = 200) String name, @Email @Size(max = 320) String email) {

    ProfileForm {
        name = name == null || name.isBlank() ? null : name.strip();
        email = email == null || email.isBlank() ? null : email.strip();
    }
}
