package dev.tollgate.auth.password;

import org.springframework.context.MessageSourceResolvable;

/**
 * A new password that {@link PasswordPolicy} refuses; the message says why (in English), never the password itself.
 * As a {@link MessageSourceResolvable} it is the same reason as a message key ({@code password.refused.*} in
 * {@code messages/pages}) with its arguments, for a page to show in its own language.
 */
public class UnacceptablePasswordException extends IllegalArgumentException implements MessageSourceResolvable {

    private final String code;

    private final transient Object[] arguments;

    /**
     * @param code the reason's message key
     * @param reason the reason in English: the message, and the text when the key has none
     */
    public UnacceptablePasswordException(String code, String reason, Object... arguments) {
        super(reason);
        this.code = code;
        this.arguments = arguments.clone();
    }

    @Override
    public String[] getCodes() {
        return new String[] {code};
    }

    @Override
    public Object[] getArguments() {
        return arguments.clone();
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }
}
