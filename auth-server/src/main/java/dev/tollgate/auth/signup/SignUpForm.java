package dev.tollgate.auth.signup;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What {@code /register} asks for; the password is checked by the password policy, not here. */
record SignUpForm(
        @NotBlank @Size(min = 3, max = 100) @Pattern(regexp = "[\\p{L}\\p{N}._@+-]*") String username,
        @NotBlank @Email @Size(max = 320) String email,
        String password,
        String confirmation) {

    SignUpForm {
        username = username == null ? "" : username.strip();
        email = email == null ? "" : email.strip();
        password = password == null ? "" : password;
        confirmation = confirmation == null ? "" : confirmation;
    }
}
