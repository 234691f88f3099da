package dev.tollgate.auth.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin}: the console's start page, with a way to each of its pages. */
@Controller
class ConsoleController {

    @GetMapping("/admin")
    String dashboard() {
        return "console/dashboard";
    }
}
