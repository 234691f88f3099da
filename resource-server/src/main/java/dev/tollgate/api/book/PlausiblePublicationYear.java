package dev.tollgate.api.book;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Year;
import java.time.ZoneId;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A year from the first printed books (1450) to next year (announced titles); {@code null} is allowed. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausiblePublicationYear.Validator.class)
@interface PlausiblePublicationYear {

    int EARLIEST = 1450;

    String message() default "must be between 1450 and next year";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausiblePublicationYear, Integer> {

        @Override
        public boolean isValid(Integer year, ConstraintValidatorContext context) {
            return year == null || (year >= EARLIEST && year <= thisYear(context) + 1);
        }

        /** In the server's time zone, as it has always been. */
        private static int thisYear(ConstraintValidatorContext context) {
            return Year.from(context.getClockProvider().getClock().instant().atZone(ZoneId.systemDefault())).getValue();
        }
    }
}
