package dev.tollgate.auth.account;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How every form of the account page answers: back to the page (post/redirect/get), with a notice or an error in the
 * person's language from the {@code messages/account} bundle.
 */
@Component
public class AccountAnswers {

    private static final String BACK = "redirect:" + AccountController.PATH;

    private final MessageSource messages;

    AccountAnswers(MessageSource messages) {
        this.messages = messages;
    }

    public String text(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    public String text(Locale locale, MessageSourceResolvable reason) {
        return messages.getMessage(reason, locale);
    }

    public String notice(RedirectAttributes flash, Locale locale, String key, Object... arguments) {
        flash.addFlashAttribute("notice", messages.getMessage(key, arguments, locale));
        return BACK;
    }

    public String error(RedirectAttributes flash, Locale locale, String key, Object... arguments) {
        flash.addFlashAttribute("error", messages.getMessage(key, arguments, locale));
        return BACK;
    }

    /** An error already in words (such as the password policy's reason). */
    public String errorInWords(RedirectAttributes flash, String message) {
        flash.addFlashAttribute("error", message);
        return BACK;
    }
}
