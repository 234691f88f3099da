package dev.tollgate.api.book;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An ISBN-10 or ISBN-13 whose check digit is right; {@code null} is allowed (older books have none). */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidIsbn.Validator.class)
@interface ValidIsbn {

    String message() default "must be an ISBN-10 or ISBN-13 with a valid check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidIsbn, String> {

        @Override
        public boolean isValid(String isbn, ConstraintValidatorContext context) {
            return isbn == null || Isbn.isValid(isbn);
        }
    }
}
