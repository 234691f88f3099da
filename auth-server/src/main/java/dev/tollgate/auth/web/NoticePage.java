package dev.tollgate.auth.web;

import java.util.List;

import org.springframework.ui.Model;

/**
 * Template {@code notice}: a page that says one thing and offers the ways on, the first as the main button. Texts
 * are message keys of the feature's bundle.
 *
 * @param id the id of the message element, which tests and assistive technology find it by
 * @param refusal whether it tells of something refused (shown as an error, announced at once)
 */
public record NoticePage(String title, String text, String id, boolean refusal, List<Action> actions) {

    /** A link on the page: its element id, the path it leads to, the message key of its label. */
    public record Action(String id, String path, String label) {
    }

    /** Puts the notice into the model and answers the template's name. */
    public String show(Model model) {
        model.addAttribute("notice", this);
        return "notice";
    }
}
